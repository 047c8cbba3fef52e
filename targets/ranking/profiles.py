"""Scoring profiles in the database: conversion to `scoring.profiles.Profile`, defaults, and versioned edits."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction

from scoring.criteria import CRITERION_KEYS
from scoring.profiles import DEFAULT_PROFILES, Gates, Profile, profile_from_dict
from targets.models import ScoringProfile


def is_legacy(profile: ScoringProfile) -> bool:
    """True for a stored version weighting criteria this code no longer has (e.g. before scoring v2): its
    runs stay readable, but it cannot rank again."""
    return any(key not in CRITERION_KEYS for key in profile.weights)


def profile_spec(profile: ScoringProfile) -> Profile:
    """The pure scoring profile of a stored profile version (validated; a legacy version is returned as stored,
    unvalidated, so its old runs can still be shown)."""
    payload = profile_payload(profile)
    if is_legacy(profile):
        gates = Gates(**{k: v for k, v in (payload.pop("gates") or {}).items() if k in Gates.__dataclass_fields__})
        return Profile(**payload, gates=gates, version=str(profile.version))
    return profile_from_dict(payload)


def profile_payload(profile: ScoringProfile) -> dict:
    """A stored profile as the plain dict `scoring.profiles.profile_from_dict` reads."""
    return {
        "name": profile.name,
        "description": profile.description,
        "weights": profile.weights,
        "method": profile.method,
        "missing": profile.missing_policy,
        "gates": profile.gates,
        "dual_policy": profile.dual_policy,
        "concentration": profile.concentration,
        "top_k": profile.top_k,
    }


def profile_model_values(spec: Profile) -> dict:
    """The ScoringProfile field values of a scoring profile (everything but name, version and owner)."""
    return {
        "description": spec.description,
        "weights": dict(spec.weights),
        "method": spec.method,
        "missing_policy": spec.missing,
        "gates": asdict(spec.gates),
        "dual_policy": spec.dual_policy,
        "concentration": spec.concentration,
        "top_k": spec.top_k,
    }


@transaction.atomic
def ensure_default_profiles() -> list[ScoringProfile]:
    """Create the shipped profiles (balanced, clinical-first, ...) that do not exist yet, and add the shipped
    definition as a new version of any whose current version is legacy (weights criteria this code no longer
    has). A version someone saved with current criteria is never replaced; older versions stay readable."""
    created = []
    for name, spec in DEFAULT_PROFILES.items():
        current = ScoringProfile.objects.filter(name=name, is_current=True).first()
        if current is not None and not is_legacy(current):
            # Nothing to change, so no row lock: every re-rank calls this, and locking the current versions here
            # while a concurrent profile save locks them in another order deadlocked on PostgreSQL.
            continue
        current = ScoringProfile.objects.select_for_update().filter(name=name, is_current=True).first()
        if current is None and not ScoringProfile.objects.filter(name=name).exists():
            created.append(
                ScoringProfile.objects.create(name=name, version=1, is_current=True, **profile_model_values(spec))
            )
        elif current is not None and is_legacy(current):
            latest = ScoringProfile.objects.filter(name=name).order_by("-version").first()
            ScoringProfile.objects.filter(pk=current.pk).update(is_current=False)
            created.append(
                ScoringProfile.objects.create(
                    name=name,
                    version=latest.version + 1,
                    is_current=True,
                    owner=current.owner,
                    **profile_model_values(spec),
                )
            )
    return created


def current_profile(name: str) -> ScoringProfile:
    """The current version of a named profile (ScoringProfile.DoesNotExist if there is none)."""
    return ScoringProfile.objects.get(name=name, is_current=True)


@transaction.atomic
def profile_save_version(*, name: str, data: dict, owner=None) -> ScoringProfile:
    """Validate ``data`` and store it as the next version of ``name``; older versions stay readable."""
    spec = profile_from_dict({**data, "name": name})
    previous = ScoringProfile.objects.select_for_update().filter(name=name).order_by("-version").first()
    version = previous.version + 1 if previous else 1
    ScoringProfile.objects.filter(name=name, is_current=True).update(is_current=False)
    return ScoringProfile.objects.create(
        name=name,
        version=version,
        is_current=True,
        owner=owner or (previous.owner if previous else None),
        **profile_model_values(spec),
    )

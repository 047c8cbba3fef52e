"""Scoring profiles in the database: conversion to `scoring.profiles.Profile`, defaults, and versioned edits."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction

from scoring.profiles import DEFAULT_PROFILES, Profile, profile_from_dict
from targets.models import ScoringProfile


def profile_spec(profile: ScoringProfile) -> Profile:
    """The pure scoring profile of a stored profile version (validated)."""
    return profile_from_dict(profile_payload(profile))


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


def _model_values(spec: Profile) -> dict:
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


def ensure_default_profiles() -> list[ScoringProfile]:
    """Create the shipped profiles (balanced, clinical-first, ...) that do not exist yet."""
    created = []
    for name, spec in DEFAULT_PROFILES.items():
        if not ScoringProfile.objects.filter(name=name).exists():
            created.append(ScoringProfile.objects.create(name=name, version=1, is_current=True, **_model_values(spec)))
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
        name=name, version=version, is_current=True, owner=owner or (previous.owner if previous else None),
        **_model_values(spec),
    )  # fmt: skip

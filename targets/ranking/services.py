"""Ranking writes both faces share: re-rank scheduling (through the outbox) and profile retirement."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from targets.models import OutboxTask, ScoringProfile
from targets.outbox import outbox_add


class ProfileProtected(Exception):
    """The default profile cannot be retired: scheduled re-ranks use it."""


def enqueue_rerank(profile_id: int | None = None, *, triggered_by: str = "api") -> None:
    """Re-rank (one profile version, or the default profile) once the current transaction commits.

    The re-rank is an outbox row written with the change (`targets.outbox`): a broker that is down, or an
    in-process re-rank that fails, never turns the committed write into an error, and the re-rank is
    published when the broker is back. The API then says `X-Rerank-Pending: 1`."""
    outbox_add(OutboxTask.Kind.RERANK, {"profile_id": profile_id, "triggered_by": triggered_by[:100]})


@transaction.atomic
def profile_retire(*, name: str) -> int:
    """Mark every version of a profile not current; runs that used it stay readable. Returns versions retired.

    Retiring (rather than deleting) keeps every stored run reproducible: runs reference profile versions.
    Raises ScoringProfile.DoesNotExist for an unknown or already retired profile, ProfileProtected for the
    configured default profile."""
    if name == settings.NICHERANK_DEFAULT_PROFILE:
        raise ProfileProtected(f"{name!r} is the default profile (NICHERANK_DEFAULT_PROFILE); it cannot be retired")
    if not ScoringProfile.objects.filter(name=name, is_current=True).exists():
        raise ScoringProfile.DoesNotExist(f"no current profile named {name!r}")
    return ScoringProfile.objects.filter(name=name).update(is_current=False)

"""Concurrent stance and decision writes on one target (PostgreSQL, real row locks): none is lost, and the
decision log chains every change to the one before it."""

from __future__ import annotations

import pytest
from django.db import connection

from targets.deliberation import services
from targets.models import DecisionLogEntry, MemberStance, Target, TeamDecision
from tests.support.services import require_postgresql
from tests.targets.hardening.test_concurrency import _in_threads

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WRITERS = 8
STANCES = ["pursue", "watch", "drop"]


def _chained(entries) -> bool:
    """Each entry's 'before' is the previous entry's 'after' (no write read a stale value)."""
    previous = ""
    for entry in entries:
        if entry.stance_before != previous:
            return False
        previous = entry.stance_after
    return True


def test_concurrent_team_decisions_are_all_applied_and_logged(catalogue, curator):
    require_postgresql(connection)
    target = Target.objects.get(symbol="CXCR4")

    def decide(index):
        return services.decision_set(target=target, user=curator, stance=STANCES[index % 3], reason=f"writer {index}")

    _in_threads(decide, WRITERS)
    decision = TeamDecision.objects.get(target=target)
    entries = list(DecisionLogEntry.objects.filter(target=target, action="decision").order_by("at", "pk"))
    assert decision.version == WRITERS
    assert sorted(entry.reason for entry in entries) == sorted(f"writer {i}" for i in range(WRITERS))
    assert _chained(entries)
    assert (decision.stance, decision.reason) == (entries[-1].stance_after, entries[-1].reason)


def test_concurrent_stances_of_one_member_leave_one_row_and_a_full_log(catalogue, viewer):
    require_postgresql(connection)
    target = Target.objects.get(symbol="VCAM1")

    def stance(index):
        return services.stance_set(target=target, user=viewer, stance=STANCES[index % 3], reason=f"take {index}")

    _in_threads(stance, WRITERS)
    entries = list(DecisionLogEntry.objects.filter(target=target, action="stance").order_by("at", "pk"))
    assert MemberStance.objects.filter(target=target, user=viewer).count() == 1
    assert len(entries) == WRITERS and _chained(entries)
    assert MemberStance.objects.get(target=target, user=viewer).reason == entries[-1].reason


def test_nul_bytes_are_a_field_error_on_postgresql(catalogue, viewer):
    require_postgresql(connection)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.comment_add(target=Target.objects.get(symbol="CXCR4"), user=viewer, body="a\x00b")
    assert refused.value.message_dict == {"body": ["NUL characters are not allowed."]}

"""The audit history of curated data: who changed which target or evidence, when, and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.shortcuts import get_object_or_404, render

from targets.models import Evidence, Target
from targets.web.access import read_access_required
from targets.web.labels import field_label, readable

LIMIT = 200
_KIND = {"+": "added", "~": "changed", "-": "deleted"}
_IGNORED = {"updated_at", "name_key"}


@dataclass(frozen=True)
class Change:
    """One historical record, ready to show."""

    when: datetime
    who: str
    kind: str
    model: str
    symbol: str
    label: str
    changes: list[tuple[str, str, str]]
    reason: str


def _previous_records(manager, records) -> dict[int, object]:
    """history_id -> the record before it of the same object, for every change ('~'), in one query."""
    changed = [r for r in records if r.history_type == "~"]
    if not changed:
        return {}
    by_object: dict[int, list] = {}
    for older in manager.filter(id__in={r.id for r in changed}).order_by("id", "history_date", "history_id"):
        by_object.setdefault(older.id, []).append(older)
    previous = {}
    for record in changed:
        timeline = by_object.get(record.id, [])
        index = next((i for i, item in enumerate(timeline) if item.history_id == record.history_id), 0)
        if index > 0:
            previous[record.history_id] = timeline[index - 1]
    return previous


def _changes(record, previous) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) in words for each field a change ('~') touched."""
    if record.history_type != "~" or previous is None:
        return []
    model = record.instance_type
    delta = record.diff_against(previous)
    return [
        (
            field_label(model, change.field),
            readable(change.old, _choices(model, change.field)),
            readable(change.new, _choices(model, change.field)),
        )
        for change in delta.changes
        if change.field not in _IGNORED
    ]


def _choices(model, name: str) -> dict:
    try:
        return dict(model._meta.get_field(name).flatchoices)
    except Exception:  # a field that is no longer on the model
        return {}


def _as_changes(manager, records, model: str, symbol, label) -> list[Change]:
    """The newest LIMIT of ``records`` (of history ``manager``) as Changes; ``symbol`` and ``label`` read a
    record's target symbol and its one-line label."""
    records = list(records[:LIMIT])
    previous = _previous_records(manager, records)
    return [
        Change(
            r.history_date,
            _who(r),
            _KIND[r.history_type],
            model,
            symbol(r),
            label(r),
            _changes(r, previous.get(r.history_id)),
            r.history_change_reason or "",
        )
        for r in records
    ]


def _evidence_changes(target: Target | None) -> list[Change]:
    records = Evidence.history.select_related("history_user", "target").order_by("-history_date")
    if target is not None:
        records = records.filter(target_id=target.pk)
    return _as_changes(
        Evidence.history, records, "evidence", lambda r: r.target.symbol, lambda r: f"{r.citation}: {readable(r.claim)}"
    )


def _target_changes(target: Target | None) -> list[Change]:
    records = Target.history.select_related("history_user").order_by("-history_date")
    if target is not None:
        records = records.filter(id=target.pk)
    return _as_changes(Target.history, records, "target", lambda r: r.symbol, lambda r: r.symbol)


def _who(record) -> str:
    return record.history_user.username if record.history_user else "system (loader or script)"


@read_access_required
def history(request, symbol: str | None = None):
    """Newest changes first, for every target or for one."""
    target = get_object_or_404(Target, symbol=symbol.upper()) if symbol else None
    kind = request.GET.get("model", "")
    changes = []
    if kind in ("", "evidence"):
        changes += _evidence_changes(target)
    if kind in ("", "target"):
        changes += _target_changes(target)
    changes.sort(key=lambda change: change.when, reverse=True)
    return render(
        request, "curation/history.html", {"changes": changes[:LIMIT], "target": target, "model": kind, "limit": LIMIT}
    )

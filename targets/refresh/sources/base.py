"""What a source's fetch returns, and helpers the source modules share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from targets.refresh.store import RecordRow


@dataclass
class Fetched:
    """The records fetched for one batch, and the keys the source did not know."""

    rows: list[RecordRow] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


def save_changed(instance, values: dict) -> int:
    """Set and save only the fields whose value differs (keeps history quiet); 1 if saved, else 0."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return 0
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return 1


def records_of(rows: Iterable[RecordRow], record_type: str) -> list[RecordRow]:
    """The rows of one record type, in order."""
    return [row for row in rows if row.record_type == record_type]

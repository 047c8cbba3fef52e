"""Build once, restore per test: the rows an expensive fixture writes (the bundled catalogue, a ranking run)
are captured the first time it runs and inserted again, exactly as they were (same primary keys, timestamps
and history rows), in every later test that asks for it with the same inputs. The rows go in through the
test's own database connection, inside its transaction, so they roll back (or are flushed) with the test
like anything else it writes: tests stay isolated, and a test that does not ask for the fixture sees none."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

BATCH = 200


@dataclass(frozen=True)
class Snapshot:
    """The rows a build wrote, per model, and what the build returned."""

    rows: tuple[tuple[type, tuple[dict, ...]], ...]
    result: object


def _models() -> list[type]:
    return [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]


def _columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def capture(build: Callable[[], object]) -> Snapshot:
    """Run ``build`` and record every row it added (in any table) with the value it returned."""
    models = _models()
    before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
    result = build()
    rows = []
    for model in models:
        pk = model._meta.pk.attname
        added = tuple(row for row in model._base_manager.values(*_columns(model)) if row[pk] not in before[model])
        if added:
            rows.append((model, added))
    return Snapshot(tuple(rows), result)


def restorable(snapshot: Snapshot) -> bool:
    """True when none of the snapshot's rows exists yet (the test has not written them another way)."""
    for model, rows in snapshot.rows:
        pks = [row[model._meta.pk.attname] for row in rows]
        if model._base_manager.filter(pk__in=pks).exists():
            return False
    return True


def restore(snapshot: Snapshot) -> object:
    """Insert the snapshot's rows as they were (no save(), no signals, auto_now fields kept) and return the
    build's result. Sequences are moved past the inserted keys (PostgreSQL), so later inserts do not collide."""
    with transaction.atomic():  # foreign keys are checked at commit (a transactional test runs in autocommit)
        for model, rows in snapshot.rows:
            fields = model._meta.concrete_fields
            for start in range(0, len(rows), BATCH):
                objects = [model(**row) for row in rows[start : start + BATCH]]
                model._base_manager._insert(objects, fields=fields, raw=True, using=connection.alias)
        statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in snapshot.rows])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return snapshot.result


class SnapshotCache:
    """Snapshots by key: ``get(key, build)`` restores the snapshot taken under ``key``, or builds and captures it."""

    def __init__(self) -> None:
        self._snapshots: dict[Hashable, Snapshot] = {}

    def get(self, key: Hashable, build: Callable[[], object]) -> object:
        snapshot = self._snapshots.get(key)
        if snapshot is not None and restorable(snapshot):
            return restore(snapshot)
        if snapshot is not None:
            return build()  # the rows exist already in this test: build as the fixture always did
        snapshot = capture(build)
        self._snapshots[key] = snapshot
        return snapshot.result

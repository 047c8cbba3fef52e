"""The loader's bookkeeping: a report of what changed and an upsert that saves only real changes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadReport:
    """What a load did, per model: created, updated, unchanged, removed."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, model: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(model, Counter())[outcome] += n

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] + c["removed"] for c in self.counts.values())

    def summary(self) -> str:
        parts = []
        for model, counter in sorted(self.counts.items()):
            described = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counter.items()) if n)
            parts.append(f"{model}: {described or 'nothing'}")
        return "; ".join(parts)


class Store:
    """Existing rows of each model, read once, so the load makes a fixed number of reads."""

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        self._rows: dict[tuple, dict[tuple, object]] = {}

    def _index(self, model, lookup_names: tuple[str, ...]) -> dict[tuple, object]:
        if (model, lookup_names) not in self._rows:
            # foreign keys are read by their id column, so indexing costs one query whatever the row count
            columns = [model._meta.get_field(name).attname for name in lookup_names]
            self._rows[model, lookup_names] = {
                tuple(getattr(obj, column) for column in columns): obj for obj in model.objects.all()
            }
        return self._rows[model, lookup_names]

    def upsert(self, model, lookup: dict, values: dict):
        """Create or update one row, saving only when a value differs (so history stays quiet)."""
        index = self._index(model, tuple(lookup))
        key = tuple(_key_value(value) for value in lookup.values())
        instance = index.get(key)
        if instance is None:
            instance = model(**lookup, **values)
            outcome = "created"
        else:
            changed = [name for name, value in values.items() if _stored(instance, name) != _key_value(value)]
            if not changed:
                self.report.add(model.__name__, "unchanged")
                return instance
            for name in changed:
                setattr(instance, name, values[name])
            outcome = "updated"
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        index[key] = instance
        self.report.add(model.__name__, outcome)
        return instance


def _key_value(value):
    return value.pk if hasattr(value, "pk") else value


def _stored(instance, name: str):
    """A field's stored value; a foreign key as its id, read without a query."""
    return getattr(instance, instance._meta.get_field(name).attname)


def remove(queryset, model: str, report: LoadReport) -> None:
    """Delete the rows of ``queryset`` and count them as removed."""
    count = queryset.count()
    if count:
        queryset.delete()
        report.add(model, "removed", count)

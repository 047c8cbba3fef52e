"""What a ranking rests on, in words for the ranking page: sources never refreshed, criteria empty for all."""

from __future__ import annotations

from collections.abc import Iterable

from scoring.criteria import CRITERIA, NO_OFFLINE_SOURCE
from targets.choices import EXTERNAL_SOURCES, Source
from targets.models import RefreshRun


def never_refreshed_sources() -> list[str]:
    """Labels of the external sources that no refresh has ever completed successfully (one query)."""
    done = set(
        RefreshRun.objects.filter(status=RefreshRun.Status.SUCCEEDED).values_list("source", flat=True).distinct()
    )
    return [Source(source).label for source in EXTERNAL_SOURCES if str(source) not in done]


def empty_criteria(values: Iterable[dict]) -> list[str]:
    """Labels of the criteria that have no value for any of the ranked targets (all when there are none); a
    criterion no bundled data can fill says so ("no offline source: ...")."""
    seen: set[str] = set()
    for row in values:
        seen.update(key for key, value in (row or {}).items() if value is not None)
    return [
        f"{criterion.label} ({NO_OFFLINE_SOURCE[criterion.key]})" if criterion.key in NO_OFFLINE_SOURCE
        else criterion.label
        for criterion in CRITERIA
        if criterion.key not in seen
    ]  # fmt: skip

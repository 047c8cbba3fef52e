"""Small helpers shared by the connectors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def unique(items: Iterable[str]) -> list[str]:
    """Items without duplicates, first occurrence kept, order preserved."""
    return list(dict.fromkeys(items))


def chunked(items: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of ``items`` of at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]

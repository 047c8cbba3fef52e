"""Small helpers shared by the connectors."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def unique(items: Iterable[str]) -> list[str]:
    """Items without duplicates, first occurrence kept, order preserved."""
    return list(dict.fromkeys(items))


def chunked(items: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of ``items`` of at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _words(text: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", text.casefold())


def names(text: str, name: str) -> bool:
    """True if ``text`` names ``name`` as whole words ('Plerixafor (AMD3100)' names 'AMD3100'), never as part
    of a longer word; 'BL8040' and 'BL-8040' name each other."""
    wanted, words = _words(name), _words(text)
    if not wanted:
        return False
    if "".join(wanted) == "".join(words):
        return True
    size = len(wanted)
    return any(words[start : start + size] == wanted for start in range(len(words) - size + 1))

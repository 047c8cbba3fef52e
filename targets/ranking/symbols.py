"""Resolve user-given identifiers (HGNC symbols or Ensembl gene ids, any case) to targets."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from targets.models import Target

_CHUNK = 5000


def resolve_symbols(identifiers: Iterable[str]) -> tuple[list[int], list[str]]:
    """Return (target ids in the order given, identifiers that matched nothing). No limit on how many."""
    wanted = [str(item).strip() for item in identifiers if str(item).strip()]
    upper = [item.upper() for item in wanted]
    found: dict[str, int] = {}
    for start in range(0, len(upper), _CHUNK):
        chunk = upper[start : start + _CHUNK]
        rows = Target.objects.filter(Q(symbol__in=chunk) | Q(ensembl_id__in=chunk)).values_list(
            "id", "symbol", "ensembl_id"
        )
        for pk, symbol, ensembl_id in rows:
            found[symbol] = pk
            found[ensembl_id] = pk
    ids, unknown, seen = [], [], set()
    for original, key in zip(wanted, upper, strict=True):
        pk = found.get(key)
        if pk is None:
            unknown.append(original)
        elif pk not in seen:
            seen.add(pk)
            ids.append(pk)
    return ids, unknown

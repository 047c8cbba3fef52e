"""Find a target or gene by symbol, name or alias: curated targets first, then the gene universe."""

from __future__ import annotations

from django.db.models import Q

from targets.models import Gene, Target

MAX_QUERY = 100
DEFAULT_LIMIT = 8
MAX_LIMIT = 20


def _matched(query: str, symbol: str, name: str, aliases: list[str]) -> tuple[int, str]:
    """(order, what matched): exact symbol, symbol prefix, alias, name; lower order first."""
    lowered = query.lower()
    if symbol.lower() == lowered:
        return 0, "symbol"
    if symbol.lower().startswith(lowered):
        return 1, "symbol"
    for alias in aliases:
        if alias.lower() == lowered:
            return 2, f"alias {alias}"
    for alias in aliases:
        if alias.lower().startswith(lowered):
            return 3, f"alias {alias}"
    if lowered in (name or "").lower():
        return 4, "name"
    return 5, "alias or previous symbol"


def search(query: str, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """[{symbol, name, kind: target|gene, matched}] best first: curated targets, then universe genes."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    lowered = query.lower()
    targets = (
        Target.objects.filter(
            Q(symbol__istartswith=query) | Q(name__icontains=query) | Q(universe_gene__search_text__contains=lowered)
        )
        .select_related("universe_gene")
        .only("symbol", "name", "universe_gene__name", "universe_gene__aliases", "universe_gene__previous_symbols")
        .distinct()[: limit * 4]
    )
    found = []
    for target in targets:
        gene = getattr(target, "universe_gene", None)
        name = target.name or (gene.name if gene else "")
        found.append(_entry(query, "target", target.symbol, name, _aliases(gene) if gene else []))
    genes = (
        Gene.objects.filter(target__isnull=True)
        .filter(Q(symbol__istartswith=query) | Q(search_text__contains=lowered))
        .only("symbol", "name", "aliases", "previous_symbols")
        .order_by("symbol")[: limit * 4]
    )
    for gene in genes:
        found.append(_entry(query, "gene", gene.symbol, gene.name, _aliases(gene)))
    found.sort(key=lambda entry: entry[0])
    return [entry[1] for entry in found[:limit]]


def _aliases(gene) -> list[str]:
    return [*(gene.aliases or []), *(gene.previous_symbols or [])]


def _entry(query: str, kind: str, symbol: str, name: str, aliases: list[str]) -> tuple[tuple, dict]:
    """(sort key, result): symbol and exact-alias matches first, curated targets before genes within a kind."""
    order, matched = _matched(query, symbol, name, aliases)
    key = (order > 2, kind != "target", order, symbol)
    return key, {"symbol": symbol, "name": name, "kind": kind, "matched": matched}

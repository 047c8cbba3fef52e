"""Reads for the discovery API and pages: the ranked universe with filters, one page at a time, in fixed queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Subquery

from scoring.errors import FieldError
from targets.generation import UNIVERSE
from targets.models import DataGeneration, DiscoveryRun, DiscoveryScore, Gene

SIDES = ("ligand", "receptor")
MODALITIES = ("antibody", "approved_drug")


class FilterError(FieldError):
    """A filter value the discovery list does not understand (answered 400 naming the parameter)."""


def latest_run() -> DiscoveryRun | None:
    """The newest run, with ``stale`` True when the universe's data (genes, pairs, curated links, sources) changed
    since it ranked them: e.g. a promotion, until the re-rank it queued has run (same query, no extra one)."""
    token = DataGeneration.objects.filter(key=UNIVERSE).values("token")[:1]
    run = DiscoveryRun.objects.defer("sources").annotate(generation_now=Subquery(token)).order_by("-pk").first()
    if run is not None:
        run.stale = run.data_generation is None or run.data_generation != run.generation_now
    return run


def discovery_scores(run: DiscoveryRun, params) -> tuple[QuerySet, bool]:
    """The run's scores filtered by ``params`` (partner, side, modality or reach, curated, q), best first, and
    whether any filter applies. Side and modality read columns of the score table itself (no join)."""
    scores = DiscoveryScore.objects.filter(run=run)
    filtered = False
    partner = (params.get("partner") or "").strip().upper()
    if partner:
        found = Gene.objects.filter(symbol=partner).values_list("partners", flat=True).first() or []
        scores = scores.filter(gene__symbol__in=[row[0] for row in found])
        filtered = True
    side = params.get("side") or ""
    if side:
        if side not in SIDES:
            raise FilterError("side", f"must be one of {', '.join(SIDES)}; got {side!r}")
        scores = scores.filter(**{f"is_{side}": True})
        filtered = True
    modality = params.get("modality") or params.get("reach") or ""
    if modality:
        if modality not in MODALITIES:
            raise FilterError("modality", f"must be one of {', '.join(MODALITIES)}; got {modality!r}")
        scores = scores.filter(**{"antibody_reach" if modality == "antibody" else "drug_precedent": 1.0})
        filtered = True
    curated = params.get("curated") or ""
    if curated:
        if curated not in ("true", "false"):
            raise FilterError("curated", f"must be true or false; got {curated!r}")
        scores = scores.filter(gene__target__isnull=curated == "false")
        filtered = True
    text = (params.get("q") or "").strip().lower()
    if text:
        scores = scores.filter(Q(gene__search_text__contains=text) | Q(gene__hgnc_id=text.upper()))
        filtered = True
    return scores.order_by("rank"), filtered


ROW_FIELDS = (
    "id",
    "rank",
    "score",
    "coverage",
    "values",
    "contributions",
    "rank_p05",
    "rank_p95",
    "is_ligand",
    "is_receptor",
    "gene__symbol",
    "gene__name",
    "gene__hgnc_id",
    "gene__target__symbol",
    "gene__partners",
    "gene__go_terms",
    "gene__reactome_niche",
    "gene__drugs",
)


def select_page(run: DiscoveryRun, scores: QuerySet, filtered: bool, offset: int, limit: int) -> tuple[int, list]:
    """(number of matching genes, one page of rows with why each surfaced) in three or four queries whatever the
    page: without filters the page's ids come straight off the (run, rank) index and the run knows the count;
    with filters the matching ids are read once, in rank order, and both count and page come from them."""
    if filtered:
        matching = list(scores.values_list("id", flat=True))
        count, ids = len(matching), matching[offset : offset + limit]
    else:
        count, ids = run.genes, list(scores.values_list("id", flat=True)[offset : offset + limit])
    rows = sorted(DiscoveryScore.objects.filter(id__in=ids).values(*ROW_FIELDS), key=lambda row: row["rank"])
    curated = curated_symbols()
    return count, [_row(row, curated) for row in rows]


def curated_symbols() -> set[str]:
    """Symbols of the genes linked to a curated target (one query on the link's index; a few dozen rows)."""
    return set(Gene.objects.filter(target__isnull=False).values_list("symbol", flat=True))


def partner_entries(partners: list, curated: set[str]) -> list[dict]:
    """A gene's stored partner list as dicts, curated partners marked."""
    return [
        {
            "symbol": symbol,
            "partner_is": role,
            "complexes": complexes,
            "resources": resources,
            "bone_marrow_atlas": atlas,
            "curated": symbol in curated,
        }
        for symbol, role, complexes, resources, atlas in partners
    ]


def _row(row: dict, curated: set[str]) -> dict:
    return {
        "rank": row["rank"],
        "symbol": row["gene__symbol"],
        "name": row["gene__name"],
        "hgnc_id": row["gene__hgnc_id"],
        "curated_target": row["gene__target__symbol"],
        "score": row["score"],
        "coverage": row["coverage"],
        "rank_interval": [row["rank_p05"], row["rank_p95"]],
        "values": row["values"],
        "contributions": row["contributions"],
        "side": [s for s in SIDES if row[f"is_{s}"]],
        "why": {
            "partners": partner_entries(row["gene__partners"], curated),
            "annotations": [{"id": go_id, "term": term, "evidence": ev} for go_id, term, ev in row["gene__go_terms"]]
            + [{"id": rid, "term": name} for rid, name in row["gene__reactome_niche"]],
            "drugs": [{"drug": d, "action": a, "drugcentral_id": i} for d, a, i in row["gene__drugs"]],
        },
    }

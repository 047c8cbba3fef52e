"""Reads for the discovery API and pages: the ranked universe with filters, one page at a time, in fixed queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from targets.models import DiscoveryRun, DiscoveryScore, Gene, LigandReceptorPair

SIDES = ("ligand", "receptor")
REACH = ("antibody",)
MODALITIES = ("antibody", "approved_drug")


class FilterError(ValueError):
    """A filter value the discovery list does not understand (answered 400)."""


def latest_run() -> DiscoveryRun | None:
    return DiscoveryRun.objects.order_by("-created_at", "-pk").first()


def discovery_scores(run: DiscoveryRun, params) -> QuerySet:
    """The run's scores filtered by ``params``: partner, side, modality (or reach), curated, q (text)."""
    scores = DiscoveryScore.objects.filter(run=run)
    partner = (params.get("partner") or "").strip().upper()
    if partner:
        pairs = LigandReceptorPair.objects.filter(Q(ligand__symbol=partner) | Q(receptor__symbol=partner))
        partner_ids = set()
        for ligand, receptor, ligand_symbol in pairs.values_list("ligand_id", "receptor_id", "ligand__symbol"):
            partner_ids.add(receptor if ligand_symbol == partner else ligand)
        scores = scores.filter(gene_id__in=partner_ids)
    side = params.get("side") or ""
    if side:
        if side not in SIDES:
            raise FilterError(f"side: must be one of {', '.join(SIDES)}; got {side!r}")
        scores = scores.filter(**{f"gene__is_{side}": True})
    modality = params.get("modality") or params.get("reach") or ""
    if modality:
        if modality not in MODALITIES:
            raise FilterError(f"modality: must be one of {', '.join(MODALITIES)}; got {modality!r}")
        key = "antibody_reach" if modality == "antibody" else "drug_precedent"
        scores = scores.filter(**{f"values__{key}": 1.0})
    curated = params.get("curated") or ""
    if curated:
        if curated not in ("true", "false"):
            raise FilterError(f"curated: must be true or false; got {curated!r}")
        scores = scores.filter(gene__target__isnull=curated == "false")
    text = (params.get("q") or "").strip()
    if text:
        scores = scores.filter(
            Q(gene__symbol__icontains=text) | Q(gene__name__icontains=text) | Q(gene__hgnc_id__iexact=text)
        )
    return scores.order_by("rank")


def page_rows(scores, offset: int, limit: int) -> list[dict]:
    """One page as plain rows with the gene's facts and its niche partners (two queries)."""
    rows = list(
        scores[offset : offset + limit].values(
            "rank", "score", "coverage", "values", "contributions", "rank_p05", "rank_p95", "gene_id",
            "gene__symbol", "gene__name", "gene__hgnc_id", "gene__target__symbol", "gene__is_ligand",
            "gene__is_receptor", "gene__go_terms", "gene__reactome_niche", "gene__drugs",
        )
    )  # fmt: skip
    partners = partners_of([row["gene_id"] for row in rows])
    return [_row(row, partners.get(row["gene_id"], [])) for row in rows]


def partners_of(gene_ids) -> dict[int, list[dict]]:
    """Gene id -> its niche partners (symbol, side, complex, resources, atlas, curated), in one query."""
    ids = set(gene_ids)
    if not ids:
        return {}
    found: dict[int, dict[str, dict]] = defaultdict(dict)
    pairs = LigandReceptorPair.objects.filter(Q(ligand_id__in=ids) | Q(receptor_id__in=ids)).values_list(
        "ligand_id", "receptor_id", "ligand__symbol", "receptor__symbol", "ligand__target_id", "receptor__target_id",
        "ligand_complex", "receptor_complex", "resource", "in_bone_marrow_atlas",
    )  # fmt: skip
    for lig, rec, lig_sym, rec_sym, lig_t, rec_t, lig_cx, rec_cx, resource, atlas in pairs:
        for gene, partner, partner_target, role, complex_ in (
            (lig, rec_sym, rec_t, "receptor", rec_cx),
            (rec, lig_sym, lig_t, "ligand", lig_cx),
        ):
            if gene not in ids or (gene == lig and gene == rec):
                continue
            entry = found[gene].setdefault(
                partner,
                {"symbol": partner, "partner_is": role, "complexes": [], "resources": [], "bone_marrow_atlas": False,
                 "curated": partner_target is not None},
            )  # fmt: skip
            if complex_ not in entry["complexes"]:
                entry["complexes"].append(complex_)
            if resource not in entry["resources"]:
                entry["resources"].append(resource)
            entry["bone_marrow_atlas"] = entry["bone_marrow_atlas"] or atlas
    return {
        gene: sorted(entries.values(), key=lambda e: (not e["bone_marrow_atlas"], not e["curated"], e["symbol"]))
        for gene, entries in found.items()
    }


def _row(row: dict, partners: list[dict]) -> dict:
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
        "side": [s for s in SIDES if row[f"gene__is_{s}"]],
        "why": {
            "partners": partners,
            "annotations": [{"id": go_id, "term": term, "evidence": ev} for go_id, term, ev in row["gene__go_terms"]]
            + [{"id": rid, "term": name} for rid, name in row["gene__reactome_niche"]],
            "drugs": [{"drug": d, "action": a, "drugcentral_id": i} for d, a, i in row["gene__drugs"]],
        },
    }


def gene_detail(symbol: str) -> Gene | None:
    return Gene.objects.select_related("target").filter(symbol=symbol.upper()).first()

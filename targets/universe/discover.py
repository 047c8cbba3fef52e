"""Genome-wide discovery: database rows become `scoring.discovery.UniverseFacts`; runs are ranked and stored."""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict

import numpy as np
from django.db import connection, transaction

from scoring.discovery import DISCOVERY_KEYS, UniverseFacts, discovery_matrix, discovery_weights, rank_universe
from targets import generation
from targets.models import DiscoveryRun, DiscoveryScore, Gene, LigandReceptorPair, UniverseSource
from targets.universe.db import analyze

SURFACE_TERMS = {"GO:0009986", "GO:0005615", "GO:0005576"}  # cell surface, secreted (build_go.py)
PLASMA_MEMBRANE = "GO:0005886"
FACT_FIELDS = (
    "id",
    "symbol",
    "atlas_partners",
    "consensus_partners",
    "go_terms",
    "go_cc_annotated",
    "go_bp_annotated",
    "go_mf_annotated",
    "reactome_niche",
    "in_reactome",
    "drugs",
    "tractability",
    "essentiality",
)
ESSENTIALITY = {"core": 1, "non": 0, "": -1}


def reach_value(go_ids: set[str], cc_annotated: bool) -> float:
    """1 surface or secreted, 0.5 plasma membrane only, 0 other compartments, NaN without CC data."""
    if go_ids & SURFACE_TERMS:
        return 1.0
    if PLASMA_MEMBRANE in go_ids:
        return 0.5
    return 0.0 if cc_annotated else float("nan")


def tractability_value(tractability: dict | None) -> float:
    if tractability is None:
        return float("nan")
    return 1.0 if tractability["high"] else 0.5 if tractability["medium"] else 0.0


def niche_term_ids(go_terms: list) -> list[str]:
    """The niche process/function GO ids of a gene (not the compartment terms)."""
    return [go_id for go_id, _term, _evidence in go_terms if go_id not in SURFACE_TERMS and go_id != PLASMA_MEMBRANE]


def curated_partner_counts() -> dict[int, int]:
    """Gene id -> distinct niche partners that are curated targets (the gene itself excluded)."""
    curated = set(Gene.objects.filter(target__isnull=False).values_list("id", flat=True))
    partners: dict[int, set[int]] = defaultdict(set)
    for ligand, receptor in LigandReceptorPair.objects.values_list("ligand_id", "receptor_id").distinct():
        if ligand != receptor:
            if receptor in curated:
                partners[ligand].add(receptor)
            if ligand in curated:
                partners[receptor].add(ligand)
    return {gene: len(found) for gene, found in partners.items()}


def universe_facts() -> tuple[list[int], UniverseFacts]:
    """Gene ids in row order and their facts, read in three queries."""
    rows = list(Gene.objects.order_by("id").values_list(*FACT_FIELDS))
    curated = curated_partner_counts()
    n = len(rows)
    ids = [r[0] for r in rows]
    reach, tract, niche, annotated = np.empty(n), np.empty(n), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    for i, (_id, _s, _a, _c, go_terms, cc, bp, mf, reactome, in_reactome, _d, tr, _e) in enumerate(rows):
        reach[i] = reach_value({t[0] for t in go_terms}, cc)
        tract[i] = tractability_value(tr)
        niche[i] = len(niche_term_ids(go_terms)) + len(reactome)
        annotated[i] = bp or mf or in_reactome
    facts = UniverseFacts(
        symbols=np.array([r[1] for r in rows], dtype=object),
        atlas_partners=np.array([r[2] for r in rows], dtype=np.int64),
        consensus_partners=np.array([r[3] for r in rows], dtype=np.int64),
        curated_partners=np.array([curated.get(i, 0) for i in ids], dtype=np.int64),
        reach=reach,
        approved_drugs=np.array([len(r[10]) for r in rows], dtype=np.int64),
        tractability=tract,
        essentiality=np.array([ESSENTIALITY[r[12]] for r in rows], dtype=np.int8),
        niche_annotations=niche,
        process_annotated=annotated,
    )
    return ids, facts


def _hash(ids, matrix: np.ndarray, weights: np.ndarray) -> str:
    digest = hashlib.sha256()
    digest.update(np.asarray(ids, dtype="<i8").tobytes())
    digest.update(np.nan_to_num(matrix, nan=-1.0).astype("<f8").tobytes())
    digest.update(weights.astype("<f8").tobytes())
    return digest.hexdigest()


SCORE_COLUMNS = (
    "run_id",
    "gene_id",
    "rank",
    "score",
    "coverage",
    "values",
    "contributions",
    "rank_p05",
    "rank_p95",
    "is_ligand",
    "is_receptor",
    "antibody_reach",
    "drug_precedent",
)


def _insert_scores(rows: list[tuple]) -> None:
    """One parameterised INSERT run for all rows (the ORM's bulk_create spent ~4 s building 19,281 instances and
    preparing 250,000 values; the JSON columns are serialised here exactly as JSONField would)."""
    table = connection.ops.quote_name(DiscoveryScore._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in SCORE_COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(SCORE_COLUMNS))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _rounded(value: float) -> float | None:
    return None if value != value else round(value, 6)


def _optional(value: float) -> float | None:
    return None if value != value else value


def run_discovery(*, samples: int = 1000, seed: int = 0, weights=None, reuse: bool = False) -> DiscoveryRun:
    """Rank the universe and store the run; older runs' scores are deleted (one stored ranking).

    With ``reuse`` the newest run is returned unchanged when it ranked the same inputs (same facts, weights,
    draws and seed), so restarting the service does not rewrite 19,281 scores."""
    started = time.perf_counter()
    data_generation = generation.current(generation.UNIVERSE)  # before the facts (targets.generation)
    ids, facts = universe_facts()
    matrix = discovery_matrix(facts)
    input_hash = _hash(ids, matrix, discovery_weights(weights))  # known before ranking: a reuse ranks nothing
    newest = DiscoveryRun.objects.order_by("-pk").first()
    if reuse and newest and (newest.input_hash, newest.stability_samples, newest.seed) == (input_hash, samples, seed):
        if newest.data_generation != data_generation:  # same inputs: the stored ranking is current
            DiscoveryRun.objects.filter(pk=newest.pk).update(data_generation=data_generation)
            newest.data_generation = data_generation
        return newest
    ranking = rank_universe(facts, weights, samples=samples, seed=seed, matrix=matrix)
    seconds = time.perf_counter() - started
    matrix = ranking.matrix.tolist()
    contrib = np.round(ranking.contributions, 6).tolist()
    p05 = ranking.rank_p05.tolist() if ranking.rank_p05 is not None else [None] * len(ids)
    p95 = ranking.rank_p95.tolist() if ranking.rank_p95 is not None else [None] * len(ids)
    sides = dict(
        (gene_id, (lig, rec)) for gene_id, lig, rec in Gene.objects.values_list("id", "is_ligand", "is_receptor")
    )
    sides = [sides[gene_id] for gene_id in ids]
    reach_column, drug_column = DISCOVERY_KEYS.index("antibody_reach"), DISCOVERY_KEYS.index("drug_precedent")
    with transaction.atomic():
        DiscoveryScore.objects.all().delete()
        DiscoveryRun.objects.all().delete()
        run = DiscoveryRun.objects.create(
            input_hash=input_hash,
            weights=dict(zip(DISCOVERY_KEYS, ranking.weights.tolist(), strict=True)),
            sources=dict(UniverseSource.objects.values_list("key", "sha256")),
            stability_samples=samples,
            seed=seed,
            genes=len(ids),
            seconds=round(seconds, 3),
            data_generation=data_generation,
        )
        rows = [
            (
                run.pk,
                gene_id,
                int(ranking.ranks[i]),
                float(ranking.scores[i]),
                float(ranking.coverage[i]),
                json.dumps({k: _rounded(v) for k, v in zip(DISCOVERY_KEYS, matrix[i], strict=True)}),
                json.dumps(dict(zip(DISCOVERY_KEYS, contrib[i], strict=True))),
                None if p05[i] is None or p05[i] != p05[i] else int(p05[i]),
                None if p95[i] is None or p95[i] != p95[i] else int(p95[i]),
                sides[i][0],
                sides[i][1],
                _optional(matrix[i][reach_column]),
                _optional(matrix[i][drug_column]),
            )
            for i, gene_id in enumerate(ids)
        ]
        _insert_scores(rows)
    analyze(DiscoveryScore)
    return run

"""Ranking: `rank_matrix` on arrays, `rank_targets` from target facts, `explain_pair` for "why A above B".

Tie rule (deterministic): higher score first, then higher coverage, then the tie key (the symbol,
alphabetical), then input position. Scores and coverage are compared rounded to ROUNDING decimals so
that float noise never decides an order. Pareto ranks by layer first, then the same rule.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import numpy as np

from scoring.aggregation import (
    Prepared,
    batch_scores,
    contributions,
    coverage,
    normalise_weights,
    policy_definitions,
    prepare,
    row_sum,
)
from scoring.criteria import CRITERIA, CRITERION_KEYS, build_matrix, criteria_versions
from scoring.explain import PairExplanation, explain_pair
from scoring.facts import TargetFacts
from scoring.gates import DIRECTIONS, DUAL_PENALTY_FACTOR, all_flags, apply_gates, direction_for
from scoring.limits import SEED, STABILITY_SAMPLES
from scoring.profiles import Profile, validate_profile
from scoring.results import MatrixRanking, RankedTarget, Ranking
from scoring.stability import CHUNK_CELLS, MAX_RANK_CELLS, Stability, rank_stability, uncertainty_variants
from scoring.uncertainty import DROP_PROBABILITY, MIN_VARIANTS, THRESHOLD_SPREAD, VARIANT_BUDGET, VARIANTS
from scoring.version import __version__

__all__ = [
    "MatrixRanking",
    "PairExplanation",
    "RankedTarget",
    "Ranking",
    "engine_definitions",
    "explain_pair",
    "rank_matrix",
    "rank_targets",
    "rank_under_profile",
    "ranking_input_hash",
]

ROUNDING = 12
TIE_RULE = "higher score, then higher coverage, then symbol (alphabetical); Pareto: lower layer first"


def engine_definitions() -> dict:
    """JSON-ready constants of the methods, missing-data policies, gates, ties and stability."""
    return {
        **policy_definitions(),
        "dual_penalty_factor": DUAL_PENALTY_FACTOR,
        "directions": dict(DIRECTIONS),
        "tie_rule": TIE_RULE,
        "score_rounding_decimals": ROUNDING,
        "stability": {
            "distribution": "Dirichlet(concentration x normalised weights)",
            "percentiles": [5, 50, 95],
            "quantile_method": "nearest rank",
            "chunk_cells": CHUNK_CELLS,
            "max_rank_cells": MAX_RANK_CELLS,
            "components": ["weights", "thresholds", "data"],
            "threshold_spread": THRESHOLD_SPREAD,
            "uncertain_fact_drop_probability": DROP_PROBABILITY,
            "variant_matrices": VARIANTS,
            "variant_budget": VARIANT_BUDGET,
            "min_variant_matrices": MIN_VARIANTS,
        },
    }


def _tie_codes(tie_keys, n: int) -> np.ndarray:
    if tie_keys is None:
        return np.zeros(n, dtype=np.int64)
    keys = np.asarray(tie_keys)
    if keys.shape != (n,):
        raise ValueError(f"tie_keys: expected {n} keys, got shape {keys.shape}")
    return np.unique(keys, return_inverse=True)[1].reshape(n)


def rank_matrix(
    matrix,
    weights,
    *,
    method: str = "weighted_sum",
    missing: str = "renormalise",
    eligible=None,
    tie_keys=None,
    score_factor=None,
) -> MatrixRanking:
    """Score and rank the rows of ``matrix`` ``(n, m)`` (in [0, 1], NaN = missing) by ``weights`` ``(m,)``.

    ``eligible`` (bool, (n,)) leaves rows unranked (rank 0) but still scored for reference; TOPSIS's ideal
    and Pareto layers use eligible rows only. ``tie_keys`` ((n,), e.g. symbols) break exact ties after
    coverage. ``score_factor`` ((n,)) multiplies scores and contributions (dual-role penalty).
    """
    return _rank(
        matrix, weights, method=method, missing=missing, eligible=eligible, tie_keys=tie_keys, score_factor=score_factor
    )[0]


def _rank(matrix, weights, *, method, missing, eligible, tie_keys, score_factor) -> tuple[MatrixRanking, Prepared]:
    """`rank_matrix`, also returning the preparation so rank stability can reuse it (Pareto layers and
    TOPSIS ideals are computed once)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"matrix: expected 2 dimensions, got {matrix.ndim}")
    n, m = matrix.shape
    if np.any((matrix < 0) | (matrix > 1)):
        raise ValueError("matrix: values must lie within [0, 1] (NaN for missing)")
    w = normalise_weights(weights)
    if w.shape != (m,):
        raise ValueError(f"weights: expected {m} weights, got shape {w.shape}")
    eligible = np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool)
    prep = prepare(matrix, method=method, missing=missing, reference=eligible, positive=w > 0)
    scores = batch_scores(prep, w)[0]
    contrib = contributions(prep, w, scores)
    if method in ("weighted_sum", "pareto"):
        scores = row_sum(contrib)
    if score_factor is not None:
        factor = np.asarray(score_factor, dtype=np.float64)
        scores = scores * factor
        contrib = contrib * factor[:, None]
    cov = coverage(matrix, w)
    layers = prep.layers
    primary = layers if layers is not None else np.zeros(n, dtype=np.int64)
    order = np.lexsort(
        (
            np.arange(n),
            _tie_codes(tie_keys, n),
            -np.round(cov, ROUNDING),
            -np.round(scores, ROUNDING),
            primary,
            ~eligible,
        )
    )
    order = order[: int(eligible.sum())]
    ranks = np.zeros(n, dtype=np.int64)
    ranks[order] = np.arange(1, len(order) + 1)
    return MatrixRanking(scores, contrib, cov, ranks, order, eligible, layers), prep


def _memo(derived: dict | None, key, build):
    """``build()``, kept in ``derived`` (a dict the caller keeps with the facts and matrix) when there is one."""
    if derived is None:
        return build()
    if key not in derived:
        derived[key] = build()
    return derived[key]


def _facts_digest(facts: Sequence[TargetFacts], matrix: np.ndarray):
    """sha256 state after the gate inputs and the matrix, rows in symbol order (input order does not matter)."""
    order = sorted(range(len(facts)), key=lambda i: facts[i].symbol)
    digest = hashlib.sha256()
    gate_inputs = [
        [facts[i].symbol, facts[i].role, facts[i].is_membrane_or_secreted, facts[i].compartment] for i in order
    ]
    digest.update(json.dumps(gate_inputs).encode())
    digest.update(np.nan_to_num(matrix[order], nan=-1.0).astype("<f8").tobytes())
    return digest


def _hash_inputs(
    facts: Sequence[TargetFacts], matrix: np.ndarray, profile: Profile, *, samples: int, seed: int, derived=None
) -> str:
    """sha256 over the matrix (rows in symbol order, so input order does not matter), gate inputs,
    criteria versions, normalised weights (scaling all weights changes no result, so no hash), method,
    policies and the stability settings: equal hashes mean equal rankings."""
    digest = _memo(derived, "facts_digest", lambda: _facts_digest(facts, matrix)).copy()
    settings = profile.as_dict()
    for unused in ("name", "description", "version"):
        settings.pop(unused)
    normalised = normalise_weights(profile.weight_vector())
    settings["weights"] = {key: float(f"{w:.15g}") for key, w in zip(CRITERION_KEYS, normalised, strict=True)}
    settings.update(criteria_versions=criteria_versions(), seed=seed, stability_samples=samples)
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def _symbols(facts: Sequence[TargetFacts]) -> list[str]:
    symbols = [f.symbol for f in facts]
    if len(set(symbols)) != len(symbols):
        duplicates = sorted({s for s in symbols if symbols.count(s) > 1})
        raise ValueError(f"facts: duplicate symbols {', '.join(duplicates)}")
    return symbols


def _rank_profile(facts: Sequence[TargetFacts], matrix: np.ndarray, profile: Profile, derived=None):
    symbols = _memo(derived, "symbols", lambda: _symbols(facts))
    w = normalise_weights(np.array(profile.weight_vector()))
    flag_key = ("flags", profile.dual_policy, profile.gates.antibody_only)
    flags = _memo(derived, flag_key, lambda: all_flags(facts, profile))
    gate = apply_gates(facts, coverage(matrix, w), profile, flags=flags)
    result, prep = _rank(
        matrix,
        w,
        method=profile.method,
        missing=profile.missing,
        eligible=gate.eligible,
        tie_keys=_memo(derived, "tie_keys", lambda: np.array(symbols, dtype=object).astype(str)) if symbols else None,
        score_factor=gate.score_factor,
    )
    return result, prep, gate, w


def rank_under_profile(facts: Sequence[TargetFacts], matrix, profile: Profile) -> MatrixRanking:
    """Rank a criteria matrix (rows = ``facts``, columns = CRITERION_KEYS, e.g. from `build_matrix` with
    threshold overrides) under a profile: its weights, method, missing-data policy, gates (direction,
    compartment, antibody-only, coverage) and dual-role penalty. Scores, contributions and 1-based ranks
    (0 = gated out); no stability draws."""
    validate_profile(profile)
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.shape != (len(facts), len(CRITERION_KEYS)):
        raise ValueError(f"matrix: expected shape ({len(facts)}, {len(CRITERION_KEYS)}), got {matrix.shape}")
    return _rank_profile(facts, matrix, profile)[0]


def ranking_input_hash(
    facts: Sequence[TargetFacts], profile: Profile, *, stability_samples: int = 1000, seed: int = 0, overrides=None
) -> str:
    """The ``input_hash`` `rank_targets` would record for these arguments, without ranking: equal hashes mean
    equal rankings (a caller can skip storing a run identical to one it has)."""
    validate_profile(profile)
    _symbols(facts)
    matrix = build_matrix(facts, overrides=overrides)
    return _hash_inputs(facts, matrix, profile, samples=stability_samples, seed=seed)


def rank_targets(
    facts: Sequence[TargetFacts],
    profile: Profile,
    *,
    stability_samples: int = 1000,
    seed: int = 0,
    overrides=None,
    matrix=None,
    derived: dict | None = None,
) -> Ranking:
    """Rank targets under a profile, with gates, explanations and seeded SMAA rank stability.

    ``overrides`` ({criterion_key: {threshold_name: value}}) replace default thresholds for this run.
    ``matrix`` is ``build_matrix(facts, overrides=overrides)`` when the caller has it already (a cache's), and
    ``derived`` a dict the caller keeps with those facts and that matrix, where the pieces that do not depend on
    the profile's weights (flags, value dicts, the facts' part of the input hash) are stored and reused."""
    validate_profile(profile)
    STABILITY_SAMPLES.check("stability_samples", stability_samples)
    SEED.check("seed", seed)
    _memo(derived, "symbols", lambda: _symbols(facts))
    if matrix is None:
        matrix = build_matrix(facts, overrides=overrides)
    elif np.shape(matrix) != (len(facts), len(CRITERION_KEYS)):
        raise ValueError(f"matrix: expected shape ({len(facts)}, {len(CRITERION_KEYS)}), got {np.shape(matrix)}")
    result, prep, gate, w = _rank_profile(facts, matrix, profile, derived)
    variants: tuple = ([], ())
    if stability_samples:
        variants = uncertainty_variants(
            facts,
            method=profile.method,
            missing=profile.missing,
            eligible=result.eligible,
            positive=w > 0,
            seed=seed,
            overrides=overrides,
        )
    stability = _stability(prep, w, result, profile, gate.score_factor, stability_samples, seed, variants)
    rows = _rows(facts, matrix, result, stability, gate, profile, derived)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.symbol))
    return Ranking(
        rows=tuple(rows),
        criteria=CRITERION_KEYS,
        profile=profile,
        method=profile.method,
        missing=profile.missing,
        input_hash=_hash_inputs(facts, matrix, profile, samples=stability_samples, seed=seed, derived=derived),
        code_version=__version__,
        seed=seed,
        stability_samples=stability_samples,
        criteria_versions=tuple((c.key, c.version) for c in CRITERIA),
        stability_components=stability.components if stability else (),
    )


def _stability(
    prep: Prepared, w, result: MatrixRanking, profile: Profile, score_factor, samples: int, seed: int, variants=([], ())
) -> Stability | None:
    if samples == 0:
        return None
    keep = result.eligible
    rows = np.flatnonzero(keep)
    prep = prep.subset(rows)
    preps, components = variants
    factor = None if score_factor is None else score_factor[keep]
    top_k = min(profile.top_k, int(keep.sum())) or 1
    sub = rank_stability(
        prep,
        w,
        samples=samples,
        concentration=profile.concentration,
        top_k=top_k,
        seed=seed,
        score_factor=factor,
        tie_order=result.ranks[keep],
        variants=[p.subset(rows) for p in preps],
        components=components or ("weights",),
    )
    full = [np.full(len(keep), np.nan) for _ in range(4)]
    for target, values in zip(full, (sub.median_rank, sub.rank_p05, sub.rank_p95, sub.p_top_k), strict=True):
        target[keep] = values
    return Stability(*full, components=sub.components)


def _optional(values: list, kind=float) -> list:
    """Python values with NaN (or no stability run) as None."""
    return [None if v != v else kind(v) for v in values]


def _ranked_target(**fields) -> RankedTarget:
    """A RankedTarget (every field given) without the frozen dataclass's per-field ``object.__setattr__``: two
    thirds of building 19,300 rows. Equal to ``RankedTarget(**fields)`` and as immutable."""
    row = object.__new__(RankedTarget)
    row.__dict__.update(fields)
    return row


def _value_dicts(matrix) -> list[dict]:
    """Per row, criterion key -> value (None when missing)."""
    return [
        {key: (None if v != v else v) for key, v in zip(CRITERION_KEYS, row, strict=True)} for row in matrix.tolist()
    ]


def _rows(
    facts: Sequence[TargetFacts],
    matrix,
    result: MatrixRanking,
    stability: Stability | None,
    gate,
    profile: Profile,
    derived=None,
) -> list[RankedTarget]:
    """One RankedTarget per input target (converting arrays to Python values once, not per cell)."""
    n = len(facts)
    values = _memo(derived, "values", lambda: _value_dicts(matrix))
    contributions = result.contributions.tolist()
    scores, coverage_ = result.scores.tolist(), result.coverage.tolist()
    ranks, eligible = result.ranks.tolist(), result.eligible.tolist()
    layers = result.layers.tolist() if result.layers is not None else [None] * n
    if stability is None:
        median = p05 = p95 = top = [None] * n
    else:
        median, top = _optional(stability.median_rank.tolist()), _optional(stability.p_top_k.tolist())
        p05, p95 = _optional(stability.rank_p05.tolist(), int), _optional(stability.rank_p95.tolist(), int)
    rows = []
    for i, target in enumerate(facts):
        ranked = eligible[i]
        rows.append(
            _ranked_target(
                symbol=target.symbol,
                rank=ranks[i] if ranked else None,
                score=scores[i],
                contributions=dict(zip(CRITERION_KEYS, contributions[i], strict=True)),
                values=dict(values[i]),  # a copy: the kept dicts are shared by every ranking of these facts
                coverage=coverage_[i],
                eligible=ranked,
                excluded_reason=gate.reasons[i],
                direction=direction_for(target.role, profile),
                flags=gate.flags[i],
                median_rank=median[i],
                rank_p05=p05[i],
                rank_p95=p95[i],
                p_top_k=top[i],
                role=target.role,
                pareto_layer=layers[i] if ranked else None,
            )
        )
    return rows

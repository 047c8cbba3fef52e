"""The ranking validates itself: leave-clinical-out AUC, threshold sensitivity, criteria correlations and
agreement between profiles, computed from target facts and rendered as Markdown (`validate_ranking`).

The ranking itself is passed in as ``rank(facts, profile, overrides) -> [(symbol, score), ...]`` (eligible
targets, best first), so these procedures use exactly the engine's scoring, gates and dual-role penalty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.criteria import CRITERIA, build_matrix
from scoring.engine import rank_under_profile
from scoring.stages import STAGE_VALUES
from scoring.uncertainty import THRESHOLD_SPREAD, move, numeric_thresholds
from scoring.validation import bootstrap_auc_interval, roc_auc, spearman_matrix, top_k_overlap, top_k_tau

Ranker = Callable[..., list[tuple[str, float]]]

# Criteria that read drugs or trials, set to weight 0 for leave-clinical-out (see docs/scoring.md, Validation).
CLINICAL_CRITERIA = ("clinical_precedent", "trial_activity", "enhancement_precedent")
# Criteria that also read the agents behind the label, so they might leak it: reported both ways. Tractability
# reads only whether a binder of a modality exists (never its stage) since scoring v2.1, but a target with an agent
# in the clinic always has a binder, so the figure without it stays as a check.
LEAKING_CRITERIA = ("tractability",)
LABEL_STAGE = "phase2"  # positive: a direct agent reached AML/MDS phase 2 or beyond
LABEL_EXCLUDED_QUALIFIERS = frozenset({"other_primary_target"})  # the stage was earned through another target
CORRELATION_FLAG = 0.7
SENSITIVITY_TOP = 20
AGREEMENT_TOP = 10
BOOTSTRAP_SAMPLES = 2000


def engine_ranker(facts: Sequence, profile, overrides=None) -> list[tuple[str, float]]:
    """(symbol, score) of the targets the profile ranks, best first: `build_matrix` with ``overrides`` (values
    clipped to [0, 1], their range, in case a moved factor pushes one past it) ranked by `rank_under_profile`."""
    matrix = np.clip(build_matrix(facts, CRITERIA, overrides), 0.0, 1.0)
    result = rank_under_profile(facts, matrix, profile)
    return [(facts[i].symbol, float(result.scores[i])) for i in result.order]


def reached_aml_phase2(facts) -> bool:
    """The leave-clinical-out label, defined here only: some agent attributed DIRECTLY to the target reached phase 2
    or beyond in AML or MDS, whatever the outcome (a negative or stopped trial still reached it), unless that stage
    was earned through another target (``other_primary_target``: gilteritinib is approved for FLT3, not AXL)."""
    threshold = STAGE_VALUES[LABEL_STAGE]
    for agent in getattr(facts, "agents", ()):
        if agent.attribution != "direct" or agent.stage_aml is None:
            continue
        if LABEL_EXCLUDED_QUALIFIERS & set(agent.stage_aml_qualifiers):
            continue
        if STAGE_VALUES[agent.stage_aml] >= threshold:
            return True
    return False


@dataclass(frozen=True)
class AucFigure:
    """One AUC with its stratified bootstrap 95 % interval; None when a class is empty."""

    left_out: tuple[str, ...]
    auc: float | None
    low: float | None
    high: float | None
    targets: int


@dataclass(frozen=True)
class LeaveClinicalOut:
    positives: tuple[str, ...]
    negatives: tuple[str, ...]
    figures: tuple[AucFigure, ...]  # clinical criteria left out; then also the leaking ones
    per_criterion: tuple[tuple[str, float | None, int], ...]  # (criterion, AUC of its value alone, targets)


def _auc_figure(ranked: list[tuple[str, float]], labels: Mapping[str, bool], left_out, samples, seed) -> AucFigure:
    symbols = [s for s, _ in ranked]
    scores = np.array([score for _, score in ranked])
    y = np.array([labels[s] for s in symbols], dtype=bool)
    if y.all() or not y.any():
        return AucFigure(tuple(left_out), None, None, None, len(symbols))
    low, high = bootstrap_auc_interval(scores, y, samples=samples, seed=seed)
    return AucFigure(tuple(left_out), roc_auc(scores, y), low, high, len(symbols))


def without(profile, keys: Sequence[str]):
    """The profile with the criteria ``keys`` at weight 0 (name and version kept)."""
    weights = {k: (0.0 if k in keys else w) for k, w in profile.weights.items()}
    return dataclasses.replace(profile, weights=weights)


def leave_clinical_out(
    facts: Sequence,
    profile,
    rank: Ranker,
    matrix: np.ndarray,
    criteria_keys: Sequence[str],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
    label: Callable[[object], bool] = reached_aml_phase2,
) -> LeaveClinicalOut:
    """AUC of the score with the clinical criteria at weight 0 (and again without the leaking ones) for separating
    targets with the label from those without; plus each criterion's own AUC over targets where it is known."""
    labels = {f.symbol: bool(label(f)) for f in facts}
    figures = []
    for left_out in (CLINICAL_CRITERIA, CLINICAL_CRITERIA + LEAKING_CRITERIA):
        ranked = rank(facts, without(profile, left_out), None)
        figures.append(_auc_figure(ranked, labels, left_out, samples, seed))
    y = np.array([labels[f.symbol] for f in facts], dtype=bool)
    per_criterion = []
    for j, key in enumerate(criteria_keys):
        known = ~np.isnan(matrix[:, j])
        both = y[known].any() and not y[known].all()
        per_criterion.append((key, roc_auc(matrix[known, j], y[known]) if both else None, int(known.sum())))
    return LeaveClinicalOut(
        positives=tuple(sorted(s for s, v in labels.items() if v)),
        negatives=tuple(sorted(s for s, v in labels.items() if not v)),
        figures=tuple(figures),
        per_criterion=tuple(per_criterion),
    )


@dataclass(frozen=True)
class Sensitivity:
    criterion: str
    threshold: str
    value: object  # a number, or a table of numbers moved together
    tau_low: float | None  # threshold x (1 - spread)
    overlap_low: float | None
    tau_high: float | None  # threshold x (1 + spread)
    overlap_high: float | None
    note: str = ""  # why a move could not be ranked (the engine's error), if so


def threshold_sensitivity(
    facts: Sequence, profile, rank: Ranker, criteria: Sequence, *, spread: float = THRESHOLD_SPREAD, k=SENSITIVITY_TOP
) -> tuple[Sensitivity, ...]:
    """Each numeric threshold of the criteria the profile weights moved by -spread and +spread alone (the others
    cannot move its ranking); Kendall tau-b and overlap of the top k against the baseline top k (see
    `scoring.validation.top_k_tau`)."""
    baseline = [s for s, _ in rank(facts, profile, None)]
    rows = []
    weighted = [c for c in criteria if profile.weights.get(c.key, 0) > 0]
    for key, thresholds in numeric_thresholds(weighted).items():
        for name, value in thresholds.items():
            figures, notes = [], []
            for factor in (1.0 - spread, 1.0 + spread):
                try:
                    moved = [s for s, _ in rank(facts, profile, {key: {name: move(value, factor)}})]
                except ValueError as error:
                    figures += [None, None]
                    notes.append(f"x{factor:g}: {error}")
                    continue
                figures += [top_k_tau(baseline, moved, k), top_k_overlap(baseline, moved, k)]
            rows.append(Sensitivity(key, name, value, *figures, note="; ".join(notes)))
    return tuple(rows)


@dataclass(frozen=True)
class Correlations:
    keys: tuple[str, ...]
    rho: np.ndarray  # (m, m), NaN where undefined
    pairs: np.ndarray  # (m, m) rows with both values present
    flagged: tuple[tuple[str, str, float], ...]  # |rho| > CORRELATION_FLAG, both criteria weighted in the profile


def criteria_correlations(matrix: np.ndarray, keys: Sequence[str], weighted: Sequence[str]) -> Correlations:
    """Pairwise Spearman correlations of the criteria columns; pairs of ``weighted`` criteria above the flag."""
    rho, pairs = spearman_matrix(matrix)
    flagged = []
    for i, a in enumerate(keys):
        for j in range(i + 1, len(keys)):
            b = keys[j]
            if a in weighted and b in weighted and abs(rho[i, j]) > CORRELATION_FLAG:
                flagged.append((a, b, float(rho[i, j])))
    return Correlations(tuple(keys), rho, pairs, tuple(flagged))


@dataclass(frozen=True)
class Agreement:
    first: str
    second: str
    tau: float
    overlap: float


def profile_agreement(facts: Sequence, profiles: Sequence, rank: Ranker, *, k: int = AGREEMENT_TOP):
    """Top-k Kendall tau-b and overlap between every pair of profiles."""
    orders = {p.name: [s for s, _ in rank(facts, p, None)] for p in profiles}
    names = list(orders)
    return tuple(
        Agreement(a, b, top_k_tau(orders[a], orders[b], k), top_k_overlap(orders[a], orders[b], k))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    )


@dataclass(frozen=True)
class ValidationReport:
    profile: str
    data: str  # what the figures were computed on (e.g. "38 targets, catalogue only")
    leave_clinical_out: LeaveClinicalOut
    sensitivity: tuple[Sensitivity, ...]
    correlations: Correlations
    agreement: tuple[Agreement, ...]
    samples: int
    seed: int


def validation_report(
    facts: Sequence,
    profile,
    profiles: Sequence,
    *,
    data: str,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
    rank: Ranker = engine_ranker,
    criteria: Sequence = CRITERIA,
) -> ValidationReport:
    """All four figures for one profile over ``facts``, and the agreement between ``profiles``."""
    matrix = build_matrix(facts, criteria)
    keys = [c.key for c in criteria]
    weighted = [k for k in keys if profile.weights.get(k, 0) > 0]
    return ValidationReport(
        profile=f"{profile.name} v{profile.version}",
        data=data,
        leave_clinical_out=leave_clinical_out(facts, profile, rank, matrix, keys, samples=samples, seed=seed),
        sensitivity=threshold_sensitivity(facts, profile, rank, criteria),
        correlations=criteria_correlations(matrix, keys, weighted),
        agreement=profile_agreement(facts, profiles, rank),
        samples=samples,
        seed=seed,
    )


def _num(value, digits: int = 2) -> str:
    return "n/a" if value is None or value != value else f"{value:.{digits}f}"


def render_markdown(report: ValidationReport) -> str:
    """The report as Markdown (what `validate_ranking` prints and writes into docs/scoring.md)."""
    lco = report.leave_clinical_out
    lines = [
        f"Profile **{report.profile}**; data: {report.data}; bootstrap {report.samples:,} replicates, seed "
        f"{report.seed}.",
        "",
        "**(a) Leave-clinical-out.** Label: a direct agent reached AML/MDS phase 2 or beyond "
        f"({len(lco.positives)} targets: {', '.join(lco.positives) or 'none'}) versus not ({len(lco.negatives)}).",
        "",
        "| criteria at weight 0 | targets | ROC AUC | bootstrap 95 % interval |",
        "|---|---:|---:|---|",
    ]
    for figure in lco.figures:
        interval = "n/a" if figure.low is None else f"{figure.low:.2f}-{figure.high:.2f}"
        lines.append(f"| {', '.join(figure.left_out)} | {figure.targets} | {_num(figure.auc)} | {interval} |")
    lines += ["", "Each criterion alone (targets where it is known):", "", "| criterion | targets | ROC AUC |"]
    lines.append("|---|---:|---:|")
    lines += [f"| {key} | {n} | {_num(auc)} |" for key, auc, n in lco.per_criterion]
    lines += [
        "",
        f"**(b) Threshold sensitivity.** Each threshold of a weighted criterion moved alone by "
        f"-{THRESHOLD_SPREAD:.0%} and +{THRESHOLD_SPREAD:.0%}; Kendall tau-b (overlap) of the top {SENSITIVITY_TOP} "
        "against the baseline.",
        "",
        "| criterion | threshold | value | tau at -25 % (overlap) | tau at +25 % (overlap) |",
        "|---|---|---:|---:|---:|",
    ]
    for row in report.sensitivity:
        low = f"{_num(row.tau_low)} ({_num(row.overlap_low)})"
        high = f"{_num(row.tau_high)} ({_num(row.overlap_high)})"
        note = f" {row.note}" if row.note else ""
        value = f"{row.value:g}" if isinstance(row.value, (int, float)) else "table"
        lines.append(f"| {row.criterion} | {row.threshold} | {value} | {low} | {high}{note} |")
    taus = [t for row in report.sensitivity for t in (row.tau_low, row.tau_high) if t is not None]
    if taus:
        lines += ["", f"Lowest tau {min(taus):.2f}; median {float(np.median(taus)):.2f} over {len(taus)} moves."]
    corr = report.correlations
    lines += [
        "",
        f"**(c) Criteria correlations.** Spearman rho, pairwise complete (number of targets with both values in "
        f"brackets); pairs of weighted criteria above |{CORRELATION_FLAG}| are flagged.",
        "",
        "| | " + " | ".join(corr.keys) + " |",
        "|---|" + "---:|" * len(corr.keys),
    ]
    for i, key in enumerate(corr.keys):
        cells = ["" if j == i else f"{_num(corr.rho[i, j])} ({corr.pairs[i, j]})" for j in range(len(corr.keys))]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    flagged = ", ".join(f"{a} / {b} ({rho:+.2f})" for a, b, rho in corr.flagged) or "none"
    lines += ["", f"Flagged: {flagged}.", ""]
    lines += [
        f"**(d) Profile agreement.** Kendall tau-b and overlap of the top {AGREEMENT_TOP} between every pair of "
        "shipped profiles.",
        "",
        f"| profile | profile | tau (top {AGREEMENT_TOP}) | overlap |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {a.first} | {a.second} | {_num(a.tau)} | {_num(a.overlap)} |" for a in report.agreement]
    return "\n".join(lines) + "\n"

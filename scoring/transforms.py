"""Per-criterion transforms: one target's facts and the criterion's thresholds -> a value in [0, 1] or None.

Each criterion has a ``derive_*`` function returning a `Derivation`: the value and the facts (terms) that
produced it, each with its factors. `scoring.explain_text` turns derivations into sentences; the plain
transform (``niche_biology(facts, thresholds)``) is the derivation's value. Every number a transform uses
is a named constant here, published as the criterion's default thresholds (docs/scoring.md gives the reason
for each); callers may pass other thresholds (threshold sensitivity, `build_matrix(overrides=...)`).

One fact feeds one criterion: evidence -> niche_biology (or enhancement_biology), compartment and
ligand-receptor pairs -> niche_specificity, agents' stages -> clinical_precedent (or enhancement_precedent),
trials -> trial_activity, agents' existence and modality plus Open Targets buckets -> tractability,
Open Targets datatypes except known_drug and literature -> disease_association, safety signals ->
hsc_safety, PubMed articles per gene (study depth) -> novelty.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from scoring.facts import COMPARTMENT_WORDS, AgentFact, EvidenceFact, SafetyFact, TargetFacts
from scoring.stages import MAX_STAGE, STAGE_LABELS, STAGE_VALUES

Thresholds = Mapping[str, object]


class Term(NamedTuple):
    """One fact's part in a criterion value: what it is, its points before factors, the factors, the result.

    ``counted`` is False for facts shown but left out (e.g. a clinical report under niche_biology)."""

    label: str
    points: float
    factors: tuple[tuple[str, float], ...] = ()
    value: float = 0.0
    source: str = ""
    counted: bool = True
    note: str = ""


class Derivation(NamedTuple):
    """A criterion value and the terms that produced it (``rule`` says how terms combine)."""

    value: float | None
    terms: tuple[Term, ...] = ()
    rule: str = ""


def _apply(points: float, factors: list[tuple[str, float]]) -> float:
    for _, factor in factors:
        points *= factor
    return points


# --- shared: stages and qualifiers --------------------------------------------------------------------------
STAGE_QUALIFIER_FACTORS: dict[str, float] = {
    "negative": 0.5,  # read out and missed its efficacy endpoint
    "stopped_harm": 0.3,  # stopped for safety/harm: the harm also becomes a safety fact
    "stopped_business": 0.9,  # stopped for business reasons: says little about the target
    "terminated": 0.7,  # stopped, reason unknown or other
    "other_primary_target": 0.5,  # stage earned through another target (gilteritinib: FLT3)
    "unverified": 0.9,  # stage from memory, not checked
    "mds_only": 0.8,  # in MDS, not AML (AML side only)
}
QUALIFIER_WORDS: dict[str, str] = {
    "negative": "negative",
    "stopped_harm": "stopped for harm",
    "stopped_business": "stopped for business reasons",
    "terminated": "terminated",
    "other_primary_target": "earned on another target",
    "unverified": "from memory",
    "mds_only": "MDS only",
}


def _stage_label(stage: str) -> str:
    return STAGE_LABELS[stage].lower()


# --- niche biology (and enhancement biology) ----------------------------------------------------------------
EVIDENCE_LEVEL_POINTS: dict[str, float] = {
    "in_vitro": 1.0,
    "in_vivo": 2.0,
    "patient_samples": 3.0,
    "ungraded": 1.0,  # not graded yet: counted like the lowest level
}
# A finding the niche does not mediate (blast-intrinsic, correlative) shows the target matters in AML, not that
# the MSC-blast interaction acts through it; not graded: the midpoint.
NICHE_MEDIATED_FACTORS: dict[str, float] = {"yes": 1.0, "no": 0.25, "unknown": 0.625}
# Where the finding was made: niche biology is about the AML niche. Another leukaemia's marrow niche (CLL, ALL, CML)
# may work alike but is not shown in AML; another disease (myeloma, solid tumours) or a general review is further
# away; a normal-HSC study has no leukaemia read-out at all: it is a safety fact (data/safety.csv), not niche
# biology. ``unrecorded`` is a curator item entered without a context (counted as AML, and said so).
CONTEXT_FACTORS: dict[str, float] = {
    "aml": 1.0,
    "other_leukaemia": 0.5,
    "other": 0.25,
    "normal_hsc": 0.0,
    "unrecorded": 1.0,
}
CONTEXT_WORDS = {
    "aml": "AML/MDS",
    "other_leukaemia": "another leukaemia",
    "other": "another disease",
    "normal_hsc": "normal HSC only",
    "unrecorded": "context not recorded",
}
UNVERIFIED_EVIDENCE_FACTOR = 0.5
MIXED_EVIDENCE_FACTOR = 0.5  # a context-dependent finding supports the role at half weight
CONTRARY_EVIDENCE_FACTOR = 1.0  # contrary findings subtract their full (discounted) points
# Findings not shown to be niche-mediated say the target matters in AML, not that the niche acts through it: they
# corroborate niche-mediated (or not graded) support and may add at most this multiple of it, never replace it.
CORROBORATION_CAP = 1.0
EVIDENCE_FULL_MARKS = 4.0  # points at which the criterion saturates: the catalogue's 90th percentile (docs)


def _evidence_sign(direction: str, supported: frozenset[str], thresholds: Thresholds) -> tuple[str, float]:
    if direction == "mixed":
        return "context-dependent", float(thresholds["mixed_factor"])
    if direction in supported:
        return "supports", 1.0
    return "contrary", -float(thresholds["contrary_factor"])


def _derive_evidence(evidence: tuple[EvidenceFact, ...], supported: frozenset[str], thresholds: Thresholds):
    level_points = thresholds["level_points"]
    niche = thresholds["niche_mediated_factors"]
    terms, corroborating = [], []
    for item in evidence:
        label = f"{item.level.replace('_', ' ')} finding"
        source = item.citation
        if item.level == "clinical":
            note = "clinical reports are not niche evidence"
            terms.append(Term(label, 0.0, (), 0.0, source, counted=False, note=note))
            continue
        context = float(thresholds["context_factors"][item.context])
        if context == 0.0:
            note = f"{CONTEXT_WORDS[item.context]}: a safety fact, not niche biology"
            terms.append(Term(label, 0.0, (), 0.0, source, counted=False, note=note))
            continue
        word, sign = _evidence_sign(item.direction, supported, thresholds)
        if item.direction == "no_effect":
            word = "no effect"
        factors = [(word, sign)]
        mediated = "unknown" if item.niche_mediated is None else ("yes" if item.niche_mediated else "no")
        if niche[mediated] != 1.0:
            factors.append(("not niche-mediated" if mediated == "no" else "niche role not graded", niche[mediated]))
        if item.context != "aml" or context != 1.0:
            factors.append((CONTEXT_WORDS[item.context], context))
        if not item.verified:
            factors.append(("from memory", float(thresholds["unverified_factor"])))
        points = float(level_points[item.level])
        value = _apply(points, factors)
        if value > 0 and item.niche_mediated is False:
            corroborating.append(len(terms))
        terms.append(Term(label, points, tuple(factors), value, source))
    terms = _cap_corroboration(terms, corroborating, float(thresholds["corroboration_cap"]))
    full = float(thresholds["full_marks_points"])
    total = sum(term.value for term in terms if term.counted)
    rule = f"sum floored at 0, / {full:g}, capped at 1" if evidence else "no curated evidence"
    return Derivation(min(1.0, max(0.0, total) / full), tuple(terms), rule)


def _cap_corroboration(terms: list[Term], corroborating: list[int], ratio: float) -> list[Term]:
    """Scale the supporting findings that are not niche-mediated so that together they add at most ``ratio`` x the
    support from niche-mediated (or not graded) findings: corroboration, never a replacement."""
    pool = sum(terms[i].value for i in corroborating)
    base = sum(t.value for k, t in enumerate(terms) if t.counted and t.value > 0 and k not in corroborating)
    if pool <= ratio * base:
        return terms
    scale = ratio * base / pool
    word = "corroboration capped at the niche-mediated support" if base else "no niche-mediated finding to corroborate"
    for i in corroborating:
        term = terms[i]
        terms[i] = term._replace(factors=(*term.factors, (word, scale)), value=term.value * scale)
    return terms


def _role_directions(role: str) -> frozenset[str]:
    """The finding direction that supports ranking the target as its role says. A dual-role target is ranked
    for inhibition here (enhancement has its own criterion), so only pro-leukemic findings support it and
    anti-leukemic ones are contrary; the dual-role penalty states the ambiguity on top, visibly."""
    return frozenset({"pro_leukemic" if role == "dual" else role})


def derive_niche_biology(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Graded non-clinical evidence in the direction of the target's role (pro-leukemic for a dual-role
    target); contrary findings subtract."""
    return _derive_evidence(facts.evidence, _role_directions(facts.role), thresholds)


def derive_enhancement_biology(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Graded non-clinical evidence that the target restrains leukaemia (anti-leukemic direction only)."""
    return _derive_evidence(facts.evidence, frozenset({"anti_leukemic"}), thresholds)


# --- niche specificity --------------------------------------------------------------------------------------
COMPARTMENT_SCORES: dict[str, float] = {
    "msc": 1.0,  # an MSC-side factor: what the service exists to find
    "both": 0.7,  # acts on both sides (gap junctions, reciprocal signalling)
    "endothelium": 0.6,  # vascular niche, not MSC
    "aml_blast": 0.2,  # blast-intrinsic dependency the niche induces
    "other": 0.2,
}
PAIR_SCORES: dict[str, float] = {
    "msc": 1.0,  # blast receptor of an MSC ligand (or the MSC side of the pair)
    "endothelium": 0.8,  # receptor of an endothelial niche ligand
}


def derive_niche_specificity(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """How directly the target acts through the MSC-blast interaction: the best of its compartment and of
    the niche ligand-receptor pairs it belongs to."""
    compartment_scores, pair_scores = thresholds["compartment_scores"], thresholds["pair_scores"]
    words = COMPARTMENT_WORDS
    terms = [Term(f"compartment {words[facts.compartment]}", 1.0, (), compartment_scores[facts.compartment])]
    for pair in facts.niche_pairs:
        niche_side = pair.ligand_compartment if pair.side == "receptor" else pair.receptor_compartment
        own = pair.receptor_compartment if pair.side == "receptor" else pair.ligand_compartment
        if pair.side == "receptor":
            label = f"receptor of {words[niche_side]} ligand {pair.partner}"
            score = pair_scores.get(niche_side, 0.0)
        else:
            label = f"{words[own]} ligand of {pair.partner} on {words[niche_side]}"
            score = pair_scores.get(own, 0.0)
        terms.append(Term(label, 1.0, (), score))
    return Derivation(max(term.value for term in terms), tuple(terms), "best of compartment and pairs")


# --- clinical precedent (and enhancement precedent) ---------------------------------------------------------
OTHER_INDICATION_FACTOR = 0.5  # a stage outside AML/MDS counts half
VIA_PARTNER_FACTOR = 0.6  # an agent on the ligand-receptor partner counts 0.6 of a direct one
UNVERIFIED_AGENT_FACTOR = 0.9  # an agent whose facts are from memory (unless a qualifier already says so)
ENHANCING_ACTIONS = ("agonist", "delivery", "activator", "positive modulator", "recombinant")


def _agent_terms(agent: AgentFact, thresholds: Thresholds) -> list[Term]:
    qualifier_factors = thresholds["qualifier_factors"]
    terms = []
    for side, stage, qualifiers in (
        ("aml", agent.stage_aml, agent.stage_aml_qualifiers),
        ("any", agent.stage_any, agent.stage_any_qualifiers),
    ):
        if stage is None:
            continue
        applied = [q for q in sorted(qualifiers) if side == "aml" or q != "mds_only"]
        factors = [(QUALIFIER_WORDS[q], float(qualifier_factors[q])) for q in applied]
        if side == "any":
            factors.insert(0, ("other indications", float(thresholds["other_indication_factor"])))
        if not agent.verified and "unverified" not in qualifiers:
            factors.append(("from memory", float(thresholds["unverified_agent_factor"])))
        if agent.attribution == "via_partner":
            factors.append((f"via {agent.acts_on or 'partner'}", float(thresholds["via_partner_factor"])))
        points = STAGE_VALUES[stage] / MAX_STAGE
        where = "in AML" if side == "aml" else "in any indication"
        label = f"{agent.name} {_stage_label(stage)} {where}"
        terms.append(Term(label, points, tuple(factors), _apply(points, factors), ", ".join(agent.sources)))
    return terms


def _derive_precedent(facts: TargetFacts, thresholds: Thresholds, enhancing: bool | None) -> Derivation:
    terms: list[Term] = []
    for agent in facts.agents:
        if enhancing is not None and (agent.action in ENHANCING_ACTIONS) != enhancing:
            continue
        if agent.attribution == "indirect":
            terms.append(
                Term(
                    f"{agent.name} (indirect via {agent.acts_on or 'another protein'})",
                    0.0,
                    counted=False,
                    note="indirect agents are not precedent for the target",
                )
            )
            continue
        terms.extend(_agent_terms(agent, thresholds))
    counted = [term for term in terms if term.counted]
    if counted:
        best = max(counted, key=lambda term: term.value)
        return Derivation(best.value, tuple([best] + [t for t in terms if t is not best]), "best agent")
    if enhancing is None and not facts.agents:
        return _summary_stage(facts, thresholds)
    known = any(a.stage_aml or a.stage_any for a in facts.agents) or facts.stage_aml or facts.stage_any
    if known:
        return Derivation(0.0, tuple(terms), "no counted agent with a known stage")
    return Derivation(None, tuple(terms), "no stage known")


def _summary_stage(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """A target with no agent facts: the catalogue's one-line stage, as if from one direct agent."""
    agent = AgentFact(
        name="catalogue stage",
        stage_aml=facts.stage_aml,
        stage_aml_qualifiers=facts.stage_aml_qualifiers,
        stage_any=facts.stage_any,
        stage_any_qualifiers=facts.stage_any_qualifiers,
    )
    terms = _agent_terms(agent, thresholds)
    if not terms:
        return Derivation(None, (), "no stage known")
    best = max(terms, key=lambda term: term.value)
    return Derivation(best.value, tuple([best] + [t for t in terms if t is not best]), "best stage")


def derive_clinical_precedent(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Best direct (or discounted via-partner) agent: AML/MDS stage with outcome qualifiers, other indications
    as partial credit; indirect agents are shown but not counted."""
    return _derive_precedent(facts, thresholds, None)


def derive_enhancement_precedent(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """As clinical precedent, for agents that enhance or deliver the target (agonists, delivery, recombinant)."""
    return _derive_precedent(facts, thresholds, True)


# --- trial activity -----------------------------------------------------------------------------------------
ACTIVE_TRIALS_FULL_MARKS = 3
ACTIVE_TRIALS_SHARE = 0.7
RECENCY_REFERENCE_YEAR = 2026
RECENCY_WINDOW_YEARS = 10


def derive_trial_activity(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Active AML/MDS trials (saturating) plus recency of the latest one; 0 only when no trial is known to
    exist, missing when trials exist but neither status nor date is known."""
    if facts.active_aml_trials is None and facts.latest_aml_trial_year is None:
        if facts.aml_trials_total == 0:
            return Derivation(0.0, (Term("no AML/MDS trial known", 0.0),), "none")
        return Derivation(None, (), "trial status unknown")
    full, share = float(thresholds["active_trials_full_marks"]), float(thresholds["active_share"])
    active = facts.active_aml_trials or 0
    activity = min(1.0, active / full)
    terms = [
        Term(
            f"{active} active AML/MDS trial{'s' if active != 1 else ''}",
            activity,
            (("share", share),),
            share * activity,
        )
    ]
    recency = 0.0
    if facts.latest_aml_trial_year is not None:
        age = float(thresholds["recency_reference_year"]) - facts.latest_aml_trial_year
        recency = min(1.0, max(0.0, 1.0 - age / float(thresholds["recency_window_years"])))
        terms.append(
            Term(
                f"latest trial started {facts.latest_aml_trial_year}",
                recency,
                (("share", 1 - share),),
                (1 - share) * recency,
            )
        )
    return Derivation(share * activity + (1.0 - share) * recency, tuple(terms), "sum")


# --- tractability -------------------------------------------------------------------------------------------
# Open Targets' clinical buckets are stages: they feed clinical_precedent only, so here they are shown, not counted.
CLINICAL_TRACTABILITY_LABELS = ("Approved Drug", "Advanced Clinical", "Phase 1 Clinical")
TRACTABILITY_LABEL_SCORES: dict[str, dict[str, float]] = {
    "SM": {
        "Structure with Ligand": 0.6,
        "High-Quality Ligand": 0.6,
        "High-Quality Pocket": 0.5,
        "Med-Quality Pocket": 0.3,
        "Druggable Family": 0.3,
    },
    "AB": {
        "UniProt loc high conf": 0.6,
        "GO CC high conf": 0.6,
        "UniProt loc med conf": 0.4,
        "UniProt SigP or TMHMM": 0.4,
        "GO CC med conf": 0.3,
        "Human Protein Atlas loc": 0.3,
    },
    "PR": {
        "Literature": 0.5,
        "Small Molecule Binder": 0.3,
        "UniProt Ubiquitination": 0.3,
        "Database Ubiquitination": 0.3,
        "Half-life Data": 0.2,
    },
    "OC": {},
}
# What exists that binds the target, by modality, whatever its stage: an antibody binds one epitope of a reachable
# protein; a small molecule that exists may be a non-selective tool compound (carbenoxolone, ISO-1, POM-1).
BINDER_SCORES: dict[str, float] = {"antibody": 0.6, "small_molecule": 0.4, "other": 0.4}
_MODALITY_WORDS = {"small_molecule": "small molecule", "antibody": "antibody", "other": "other modality"}
_STAGE_NOTE = "a clinical stage: counted by clinical precedent only"


def _label_terms(facts: TargetFacts, labels: Mapping) -> list[Term]:
    terms = []
    for modality in ("SM", "AB", "PR", "OC"):
        if modality == "AB" and facts.is_membrane_or_secreted is False:
            continue
        found = sorted(facts.tractability.get(modality, ()))
        clinical = [label for label in found if label in CLINICAL_TRACTABILITY_LABELS]
        scored = [(labels[modality].get(label, 0.0), label) for label in found if label not in clinical]
        if scored:
            score, label = max(scored)
            terms.append(Term(f"Open Targets {modality}: {label}", score, (), score, "Open Targets"))
        for label in clinical:
            terms.append(
                Term(f"Open Targets {modality}: {label}", 0.0, (), 0.0, "Open Targets", counted=False, note=_STAGE_NOTE)
            )
    return terms


def derive_tractability(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """The single best modality by what exists, never by stage: Open Targets' non-clinical labels (structure,
    ligand, pocket, location) when present, and a direct binder of each modality; never additive across
    modalities. Antibody labels need a protein not known to be intracellular."""
    terms: list[Term] = []
    if facts.tractability is not None:
        terms.extend(_label_terms(facts, thresholds["label_scores"]))
    binder = thresholds["binder_scores"]
    for agent in facts.agents:
        if agent.attribution != "direct":
            continue
        factors = [] if agent.verified else [("from memory", float(thresholds["unverified_agent_factor"]))]
        score = float(binder[agent.modality])
        terms.append(
            Term(
                f"{agent.name} ({_MODALITY_WORDS[agent.modality]} binder)",
                score,
                tuple(factors),
                _apply(score, factors),
                ", ".join(agent.sources),
            )
        )
    with_agent = {agent.modality for agent in facts.agents if agent.attribution == "direct"}
    for modality in sorted(facts.modalities - with_agent):
        score = float(binder[modality])
        terms.append(Term(f"catalogue {_MODALITY_WORDS[modality]} binder", score, (), score, "catalogue"))
    counted = [term for term in terms if term.counted]
    if not counted:
        return Derivation(None, tuple(terms), "no tractability facts")
    best = max(counted, key=lambda term: term.value)
    return Derivation(best.value, tuple([best] + [t for t in terms if t is not best]), "best single modality")


# --- disease association ------------------------------------------------------------------------------------
# Open Targets datatypes left out: known_drug and literature would count the clinic (and the literature) again.
EXCLUDED_DATATYPES = ("known_drug", "literature")
ASSOCIATION_FULL_MARKS = 0.5


def derive_disease_association(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Best Open Targets AML datatype score outside known_drug and literature, rescaled by full_marks."""
    if facts.aml_association_datatypes is None:
        return Derivation(None, (), "no Open Targets datatypes yet")
    excluded = set(thresholds["excluded_datatypes"])
    full = float(thresholds["full_marks"])
    terms = [
        Term(
            f"Open Targets {name.replace('_', ' ')} {score:.2f}",
            score,
            (),
            min(1.0, score / full),
            "Open Targets",
            counted=name not in excluded,
            note="left out: would count the clinic or literature again" if name in excluded else "",
        )
        for name, score in sorted(facts.aml_association_datatypes.items())
    ]
    counted = [t for t in terms if t.counted]
    value = max((t.value for t in counted), default=0.0)
    return Derivation(value, tuple(sorted(terms, key=lambda t: (not t.counted, -t.value))), f"best datatype / {full:g}")


# --- HSC-niche safety ---------------------------------------------------------------------------------------
SEVERITY_PENALTIES: dict[str, float] = {"high": 0.5, "moderate": 0.25, "low": 0.1}
SAFETY_KIND_FACTORS: dict[str, float] = {
    "hsc_niche": 1.0,
    "class_toxicity": 1.0,
    "stopped_for_harm": 1.0,
    "core_essential": 1.0,
    "tissue_essential": 0.6,
    "open_targets_liability": 0.6,
    "no_signal_found": 0.0,
}
# Kinds that state the same thing count as one: a programme stopped for harm is the clinic's class toxicity at its
# worst, so it joins class_toxicity and the worse of the two counts (magrolimab's stop and its anaemia: one signal).
SAFETY_KIND_GROUPS: dict[str, str] = {"stopped_for_harm": "class_toxicity"}
UNVERIFIED_SAFETY_FACTOR = 0.7  # a signal from memory penalises 0.7 as much
UNGRADED_SEVERITY = "moderate"  # a signal (not no_signal_found) nobody graded counts as the middle grade
CORE_ESSENTIAL_SEVERITY = "high"  # a Hart 2017 core-essential gene


def derive_hsc_safety(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """Higher is safer. Per kind of signal, only the worst one counts (never list length; a programme stopped for
    harm counts with the class toxicities); kinds combine as the product of (1 - penalty). No signal and no
    core-essential mark: missing (unknown is not safe)."""
    signals = list(facts.safety)
    if facts.core_essential and not any(s.kind == "core_essential" for s in signals):
        signals.append(
            SafetyFact(
                "core_essential",
                str(thresholds["core_essential_severity"]),
                True,
                "core-essential gene (Hart 2017 CEGv2)",
            )
        )
    if not signals:
        return Derivation(None, (), "no safety facts")
    severity, kinds = thresholds["severity_penalties"], thresholds["kind_factors"]
    worst: dict[str, Term] = {}
    others: list[Term] = []
    for signal in signals:
        factors = [(signal.kind.replace("_", " "), float(kinds[signal.kind]))]
        if not signal.verified:
            factors.append(("from memory", float(thresholds["unverified_factor"])))
        grade = signal.severity or ("" if signal.kind == "no_signal_found" else str(thresholds["ungraded_severity"]))
        points = float(severity.get(grade, 0.0))
        label = signal.signal or signal.kind.replace("_", " ")
        if grade:
            label = f"{label} ({grade}{'' if signal.severity else ', not graded'})"
        term = Term(label, points, tuple(factors), _apply(points, factors), signal.citation)
        group = SAFETY_KIND_GROUPS.get(signal.kind, signal.kind)
        current = worst.get(group)
        if current is None or term.value > current.value:
            worst[group], term = term, current  # the new signal counts; the one it displaces is shown
        if term is not None:
            others.append(term._replace(counted=False, note="a worse signal of the same kind counts"))
    value = 1.0
    for term in worst.values():
        value *= 1.0 - min(1.0, term.value)
    ordered = sorted(worst.values(), key=lambda t: -t.value)
    return Derivation(value, tuple(ordered + others), "product of (1 - worst penalty per kind)")


# --- novelty ------------------------------------------------------------------------------------------------
# Study depth: PubMed articles per gene (NCBI gene2pubmed, org.Hs.eg.db 3.16). Counts span 0 to 11,067 across the
# 20,598 protein-coding genes (median 33), so the scale is logarithmic; at 818 articles, the genome's 99th
# percentile, a gene is as studied as any and has no novelty left.
PUBLICATIONS_FULL_MARKS = 818


def derive_novelty(facts: TargetFacts, thresholds: Thresholds) -> Derivation:
    """1 - log(1 + articles) / log(1 + publications_full_marks), floored at 0: how little has been published on the
    gene at all (NCBI gene2pubmed). Never the clinical stage, and never the curated evidence (niche biology's)."""
    if facts.publications is None:
        return Derivation(None, (), "study depth unknown")
    full = float(thresholds["publications_full_marks"])
    value = max(0.0, 1.0 - math.log1p(facts.publications) / math.log1p(full))
    term = Term(
        f"{facts.publications:,} PubMed articles on the gene", float(facts.publications), (), value, "NCBI gene2pubmed"
    )
    return Derivation(value, (term,), f"1 - log(1 + articles) / log(1 + {full:g})")


def _value(derive):
    def transform(facts: TargetFacts, thresholds: Thresholds) -> float | None:
        return derive(facts, thresholds).value

    transform.__name__ = derive.__name__.removeprefix("derive_")
    transform.__doc__ = derive.__doc__
    return transform


niche_biology = _value(derive_niche_biology)
enhancement_biology = _value(derive_enhancement_biology)
niche_specificity = _value(derive_niche_specificity)
clinical_precedent = _value(derive_clinical_precedent)
enhancement_precedent = _value(derive_enhancement_precedent)
trial_activity = _value(derive_trial_activity)
tractability = _value(derive_tractability)
disease_association = _value(derive_disease_association)
hsc_safety = _value(derive_hsc_safety)
novelty = _value(derive_novelty)

"""Explanations in words: per criterion, the facts that produced its value, as a sentence with their factors.

e.g. "clinical precedent 0.35: ulocuplumab phase 1/2 in AML, terminated (x0.7)". Built from the same
derivations the values come from (`scoring.transforms`), so a sentence can never disagree with its value.
Each fact keeps its ``source`` (a PMID or DOI, or the sources of a drug) so a page can link it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.criteria import CRITERIA, Criterion, effective_thresholds
from scoring.facts import TargetFacts
from scoring.gates import DUAL_PENALTY_FACTOR
from scoring.transforms import Derivation, Term


@dataclass(frozen=True)
class FactText:
    """One fact behind a criterion value, in words; ``counted`` False for facts shown but left out."""

    text: str
    source: str
    counted: bool


@dataclass(frozen=True)
class CriterionExplanation:
    """A criterion's value and the sentence (and facts) that explain it."""

    key: str
    label: str
    value: float | None
    sentence: str
    facts: tuple[FactText, ...]

    def as_dict(self) -> dict:
        """JSON-ready form (served by the API)."""
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "sentence": self.sentence,
            "facts": [{"text": f.text, "source": f.source, "counted": f.counted} for f in self.facts],
        }


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value == round(value, 2) else f"{value:.3g}"


SENTENCE_LABEL_CHARS = 90  # a long fact (a safety signal's sentence) is shortened in the one-line sentence


def _short(label: str, limit: int | None) -> str:
    if limit is None or len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"


def term_text(term: Term, *, with_points: bool = False, penalty: bool = False, limit: int | None = None) -> str:
    """One term in words: its label (shortened to ``limit`` characters), its points when terms are summed, each
    factor other than 1, and for a safety signal the penalty it makes."""
    parts = [_short(term.label, limit)]
    if term.source and (term.source[0].isdigit() or term.source.startswith("10.")):
        parts[0] += f" [{term.source}]"
    if with_points and term.counted:
        parts[0] += f" {_number(term.points)} pt"
    for word, factor in term.factors:
        if factor != 1.0:
            parts.append(f"{word} (x{_number(factor)})")
    if penalty and term.counted:
        parts.append(f"penalty {term.value:.2f}")
    text = ", ".join(parts)
    if not term.counted:
        text += f": not counted ({term.note})" if term.note else ": not counted"
    return text


_POINTS = ("niche_biology", "enhancement_biology")  # terms summed as points
_ALL_TERMS = (*_POINTS, "trial_activity", "hsc_safety")  # every counted term shapes the value


def explain_derivation(criterion: Criterion, derivation: Derivation) -> CriterionExplanation:
    """The sentence for one criterion's derivation."""
    name = criterion.label if criterion.label[:2].isupper() else criterion.label[0].lower() + criterion.label[1:]
    options = {"with_points": criterion.key in _POINTS, "penalty": criterion.key == "hsc_safety"}
    counted = [t for t in derivation.terms if t.counted]
    if derivation.value is None:
        sentence = f"{name} missing: {derivation.rule}"
    elif not counted:
        sentence = f"{name} {derivation.value:.2f}: {derivation.rule or 'nothing counted'}"
        sentence += "".join(f"; {term_text(t)}" for t in derivation.terms)
    elif criterion.key in _ALL_TERMS:
        joiner = " + " if criterion.key in _POINTS else "; "
        short = SENTENCE_LABEL_CHARS
        sentence = f"{name} {derivation.value:.2f}: " + joiner.join(
            term_text(t, **options, limit=short) for t in counted
        )
        sentence += f" ({derivation.rule})" if derivation.rule else ""
    else:
        best = max(counted, key=lambda t: t.value)
        sentence = f"{name} {derivation.value:.2f}: {term_text(best, limit=SENTENCE_LABEL_CHARS)}"
        sentence += f" (best of {len(counted)})" if len(counted) > 1 else ""
    facts = tuple(FactText(term_text(t, **options), t.source, t.counted) for t in derivation.terms)
    return CriterionExplanation(criterion.key, criterion.label, derivation.value, sentence, facts)


def explain_target(
    facts: TargetFacts,
    criteria: Sequence[Criterion] = CRITERIA,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, CriterionExplanation]:
    """Every criterion of one target explained in words, keyed by criterion (matrix column order)."""
    overrides = overrides or {}
    explained = {}
    for criterion in criteria:
        thresholds = effective_thresholds(criterion, overrides.get(criterion.key))
        explained[criterion.key] = explain_derivation(criterion, criterion.derive(facts, thresholds))
    return explained


def penalty_sentence(role: str, dual_policy: str) -> str:
    """The dual-role penalty in words ('' when none applies)."""
    if role == "dual" and dual_policy == "penalise":
        return (
            f"dual-role penalty: score and every contribution x{DUAL_PENALTY_FACTOR:g} (inhibiting it may also "
            "remove an anti-leukemic function)"
        )
    return ""

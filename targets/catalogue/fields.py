"""Parsers for the catalogue's free-text fields. Each raises ValueError with a readable message."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.stages import parse_catalogue_stage
from targets.choices import LEGACY_QUALIFIERS, Compartment, Modality, Role, StageQualifier, ordered_qualifiers

_COMPARTMENT = re.compile(r"^(MSC|AML_blast|both|endothelium|other)\b\s*(.*)$", re.S)
_COMPARTMENTS = {
    "MSC": Compartment.MSC,
    "AML_blast": Compartment.AML_BLAST,
    "both": Compartment.BOTH,
    "endothelium": Compartment.ENDOTHELIUM,
    "other": Compartment.OTHER,
}
_ROLES = {"pro-leukemic": Role.PRO_LEUKEMIC, "anti-leukemic": Role.ANTI_LEUKEMIC, "dual": Role.DUAL}
_STAGE_PART = re.compile(r"^(AML|any):\s*([a-z0-9/]+)\s*(?:\((.+)\))?$", re.I)
# Words of the stage text's parenthesised note that set a qualifier ('indirect' sets none: attribution is the
# agents table's directness).
_STAGE_KEYWORDS = {
    "negative": StageQualifier.NEGATIVE,
    "failed": StageQualifier.NEGATIVE,
    "terminated": StageQualifier.TERMINATED,
    "discontinued": StageQualifier.TERMINATED,
    "memory": StageQualifier.UNVERIFIED,
    "unverified": StageQualifier.UNVERIFIED,
    "mds": StageQualifier.MDS_ONLY,
}
_MODALITY = re.compile(r"^([A-Za-z][A-Za-z -]*?)\s*(?:\(([^)]*)\))?$")
_MODALITY_ALIASES = {"carbohydrate-based inhibitor": Modality.CARBOHYDRATE, "sirna": Modality.SIRNA}
_VERIFIED = re.compile(r"^V:\s*(?P<verified>.*?)(?:\s;\s*M\(memory\):\s*(?P<memory>.*))?$", re.S)


@dataclass(frozen=True)
class StageClaim:
    """A stage with its qualifiers, e.g. AML phase 3 (negative)."""

    stage: str
    qualifiers: tuple[str, ...]
    note: str


def parse_compartment(text: str) -> tuple[str, str]:
    """'AML_blast (receptor for ...)' -> ('aml_blast', '(receptor for ...)')."""
    match = _COMPARTMENT.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} must start with one of {', '.join(_COMPARTMENTS)}")
    return _COMPARTMENTS[match.group(1)], match.group(2).strip()


def parse_role(text: str) -> str:
    """'pro-leukemic' -> 'pro_leukemic'; anything outside the three roles is an error."""
    try:
        return _ROLES[text.strip()]
    except KeyError:
        raise ValueError(f"{text!r} is not one of {', '.join(_ROLES)}") from None


def parse_stage(text: str) -> dict[str, StageClaim]:
    """'AML:phase3 (negative); any:phase3' -> {'AML': ..., 'any': ...}; both parts are required."""
    claims: dict[str, StageClaim] = {}
    for part in _split_top_level(text, ";"):
        match = _STAGE_PART.match(part.strip())
        if not match:
            raise ValueError(f"{part.strip()!r} is not '<AML|any>:<stage> (qualifiers)'")
        scope = "AML" if match.group(1).upper() == "AML" else "any"
        if scope in claims:
            raise ValueError(f"'{scope}:' appears twice")
        note = (match.group(3) or "").strip()
        claims[scope] = StageClaim(parse_catalogue_stage(match.group(2)), _stage_qualifiers(note), note)
    missing = {"AML", "any"} - claims.keys()
    if missing:
        raise ValueError(f"missing the '{sorted(missing)[0]}:' part (expected 'AML:<stage>; any:<stage>')")
    return claims


def _stage_qualifiers(note: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z]+", note.lower())
    return tuple(ordered_qualifiers(str(_STAGE_KEYWORDS[word]) for word in words if word in _STAGE_KEYWORDS))


def parse_qualifiers(text: str) -> list[str]:
    """'negative|unverified' -> the qualifiers in vocabulary order; legacy words are read (failed -> negative,
    discontinued -> terminated, indirect -> dropped: that is the agent's directness). Unknown words are errors."""
    found = []
    for item in (item.strip() for item in text.split("|")):
        if not item:
            continue
        if item in LEGACY_QUALIFIERS:
            if LEGACY_QUALIFIERS[item] is not None:
                found.append(str(LEGACY_QUALIFIERS[item]))
        elif item in StageQualifier.values:
            found.append(item)
        else:
            raise ValueError(f"{item!r} is not a stage qualifier; expected one of {', '.join(StageQualifier.values)}")
    return ordered_qualifiers(found)


def parse_modalities(text: str) -> list[dict[str, str]]:
    """'small molecule|antibody (preclinical)' -> [{'modality': ..., 'qualifier': ...}, ...]."""
    items = []
    for part in text.split("|"):
        match = _MODALITY.match(part.strip())
        if not match:
            raise ValueError(f"{part.strip()!r} is not '<modality> (qualifier)'")
        name = match.group(1).strip()
        modality = _MODALITY_ALIASES.get(name.lower()) or _known_modality(name)
        items.append({"modality": str(modality), "qualifier": (match.group(2) or "").strip()})
    if not items or not items[0]["modality"]:
        raise ValueError("at least one modality is required")
    return items


def _known_modality(name: str) -> str:
    for choice in Modality.values:
        if choice.lower() == name.lower():
            return choice
    raise ValueError(f"unknown modality {name!r}; known: {', '.join(Modality.values)}")


def parse_id_list(text: str, validate, what: str) -> list[str]:
    """Split a ';' or '|' separated list of ids and validate each; an empty field gives []."""
    ids = [item.strip() for item in re.split(r"[;|]", text) if item.strip()]
    for item in ids:
        try:
            validate(item)
        except Exception as exc:  # Django's ValidationError carries its own message
            raise ValueError(f"{item!r} is not a valid {what}") from exc
    if len(set(ids)) != len(ids):
        raise ValueError(f"a {what} is listed twice")
    return ids


def parse_verified_sources(text: str) -> tuple[list[str], list[str]]:
    """'V: a | b ; M(memory): c' -> (['a', 'b'], ['c']). The V: part is required."""
    match = _VERIFIED.match(text.strip())
    if not match:
        raise ValueError("must start with 'V:' (checked sources), optionally followed by '; M(memory):'")
    verified = [item.strip() for item in match.group("verified").split(" | ") if item.strip()]
    memory_text = (match.group("memory") or "").strip()
    memory = [item.strip() for item in memory_text.split("; ") if item.strip()]
    if not verified:
        raise ValueError("the 'V:' part lists no source")
    return verified, memory


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on a separator that is not inside parentheses."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]

"""Links from a target page's criterion values to the rows of the same page that made them: evidence, safety
signals, drugs, trials, partners and the source records (with their release and fetch date)."""

from __future__ import annotations

from targets.web.definitions import criterion_definitions

EVIDENCE_CRITERIA = ("niche_biology", "enhancement_biology")
AGENT_CRITERIA = ("clinical_precedent", "tractability", "enhancement_precedent")
SECTION = {"trial_activity": "trials-h", "niche_specificity": "partners-h"}


def _by_prefix(text: str, names: dict[str, str]) -> str:
    """The anchor of the longest name the fact's text starts with ('' when none)."""
    lowered = text.casefold()
    best = ""
    for name in names:
        if name and lowered.startswith(name.casefold()) and len(name) > len(best):
            best = name
    return names.get(best, "") if best else ""


def link_facts(explanations: dict, evidence, safety, drug_rows) -> None:
    """Give each explanation fact an ``anchor`` on the page (in place): evidence and safety rows by citation
    (safety also by its signal's text), drugs by name, trials and partners by section."""
    evidence_by_citation = {item.citation: f"evidence-{item.pk}" for item in evidence}
    safety_by_citation = {item.citation: f"safety-{item.pk}" for item in safety if item.citation}
    safety_by_text = {item.signal: f"safety-{item.pk}" for item in safety}
    drugs = {}
    for row in drug_rows:
        anchor = f"drug-{row.drug.pk}"
        for name in (row.drug.name, *(row.drug.aliases or [])):
            drugs[name] = anchor
    for key, item in explanations.items():
        for fact in item.get("facts", []):
            if key in EVIDENCE_CRITERIA:
                anchor = evidence_by_citation.get(fact.get("source", ""), "")
            elif key == "hsc_safety":
                anchor = safety_by_citation.get(fact.get("source", "")) or _by_prefix(fact["text"], safety_by_text)
            elif key in AGENT_CRITERIA:
                anchor = _by_prefix(fact["text"], drugs)
            else:
                anchor = SECTION.get(key, "")
            fact["anchor"] = anchor


def criterion_records(records) -> dict[str, list]:
    """criterion key -> the target's source records from the sources that feed it (each shown with its
    release and fetch date, linked to its row)."""
    by_source: dict[str, list] = {}
    for record in records:
        by_source.setdefault(record.source, []).append(record)
    return {
        definition["key"]: [record for source in definition["source_keys"] for record in by_source.get(source, [])]
        for definition in criterion_definitions()
    }

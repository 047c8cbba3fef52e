"""Words for the keys the pages would otherwise show raw: criterion keys, model field names and stored values."""

from __future__ import annotations

from scoring.criteria import criterion_label

__all__ = ["FIELD_LABELS", "criterion_label", "field_label", "readable"]
# Field names whose automatic label reads wrongly (verbose names are not changed: that would need a migration).
FIELD_LABELS = {
    "hsc_niche_essential": "HSC-niche essential",
    "is_membrane_or_secreted": "membrane or secreted",
    "uniprot": "UniProt accession",
    "ensembl_id": "Ensembl gene id",
    "aml_association": "AML association (Open Targets)",
    "aml_association_datatypes": "AML association by data type",
    "pmid": "PMID",
    "doi": "DOI",
}
MAX_TEXT = 80


def field_label(model, name: str) -> str:
    """The label of a model field as people read it ("HSC-niche essential", not "Hsc niche essential")."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field that no longer exists on the model but is in old history rows
        return name.replace("_", " ")


def readable(value, choices: dict | None = None) -> str:
    """A stored value in words: choice labels, yes/no, lists joined, mappings as "key: value" (never a dict dump),
    at most MAX_TEXT characters."""
    text = _words(value, choices or {})
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _words(value, choices: dict) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{criterion_label(str(key))}: {_words(item, choices)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_words(item, choices) for item in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(choices.get(value, value))

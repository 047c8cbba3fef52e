"""Each criterion in words for the pages: scoring's own definition (what it measures, its transform, when it is
missing) with its colour and the data that feed it.

The definitions are `scoring.criteria_definitions()`; only which sources feed each criterion is written here,
from what `targets.ranking.facts.build_facts` reads (docs/scoring.md, "The criteria")."""

from __future__ import annotations

from functools import cache

from scoring.criteria import criteria_definitions
from targets.choices import Source
from targets.web.palette import criterion_legend

_EVIDENCE = "curated evidence items (catalogue and curators), each with its PubMed or DOI citation"
_AGENTS = "drugs from the NicheRank catalogue, curators, ChEMBL, Open Targets and DGIdb, and the pair rule"
_DRUG_SOURCES = (Source.CHEMBL, Source.OPEN_TARGETS, Source.DGIDB)

# criterion key -> (the data that feed it, in words; the external sources among them).
CRITERION_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "niche_biology": (_EVIDENCE, ()),
    "niche_specificity": ("NicheRank catalogue: the target's compartment and its ligand–receptor pairs", ()),
    "clinical_precedent": (_AGENTS + "; the catalogue's highest stage", _DRUG_SOURCES),
    "trial_activity": (
        "ClinicalTrials.gov: status and start date of the linked AML/MDS trials",
        (Source.CLINICALTRIALS,),
    ),
    "tractability": (
        "Open Targets tractability buckets; direct agents (" + _AGENTS + "); the catalogue's modality precedent",
        _DRUG_SOURCES,
    ),
    "disease_association": ("Open Targets: AML association scores by data type", (Source.OPEN_TARGETS,)),
    "hsc_safety": (
        "curated safety signals (catalogue), core-essential genes (Hart 2017, bundled) and Open Targets safety "
        "liabilities",
        (Source.OPEN_TARGETS,),
    ),
    "novelty": ("PubMed articles per gene (NCBI gene2pubmed via Debian's org.Hs.eg.db 3.16, bundled)", ()),
    "enhancement_biology": (_EVIDENCE, ()),
    "enhancement_precedent": (_AGENTS + " (enhancing or delivering agents only)", _DRUG_SOURCES),
}


@cache
def criterion_definitions() -> tuple[dict, ...]:
    """[{key, label, colour, description, transform, missing_when, version, sources, source_keys}] in criterion
    order: the legend's entries with scoring's definitions and the data that feed each criterion."""
    colours = {item["key"]: item["colour"] for item in criterion_legend()}
    definitions = []
    for item in criteria_definitions():
        words, keys = CRITERION_SOURCES.get(item["key"], ("", ()))
        definitions.append(
            {
                "key": item["key"],
                "label": item["label"],
                "colour": colours[item["key"]],
                "description": item["description"],
                "transform": item["transform"],
                "missing_when": item["missing_when"],
                "version": item["version"],
                "sources": words,
                "source_keys": tuple(str(key) for key in keys),
            }
        )
    return tuple(definitions)

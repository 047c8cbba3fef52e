"""Links out from a target to the public resources people check next; a link appears only when its id exists.

URL patterns: Open Targets Platform and Ensembl take the Ensembl gene id, UniProt the accession; ClinicalTrials.gov
and PubMed searches take the HGNC symbol (with the disease, AML, as the condition)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

AML_CONDITION = "Acute Myeloid Leukemia"


def target_links(target) -> list[dict[str, str]]:
    """[{name, label, url}] for Open Targets, UniProt, Ensembl, ClinicalTrials.gov and PubMed (ids that exist)."""
    links = []
    ensembl, uniprot, symbol = (getattr(target, key, "") or "" for key in ("ensembl_id", "uniprot", "symbol"))
    if ensembl:
        links.append(
            {
                "name": "opentargets",
                "label": "Open Targets",
                "url": f"https://platform.opentargets.org/target/{quote(ensembl)}",
            }
        )
    if uniprot:
        links.append(
            {"name": "uniprot", "label": "UniProt", "url": f"https://www.uniprot.org/uniprotkb/{quote(uniprot)}/entry"}
        )
    if ensembl:
        gene = urlencode({"g": ensembl})
        links.append(
            {"name": "ensembl", "label": "Ensembl", "url": f"https://www.ensembl.org/Homo_sapiens/Gene/Summary?{gene}"}
        )
    if symbol:
        trials = urlencode({"cond": AML_CONDITION, "term": symbol})
        links.append(
            {
                "name": "clinicaltrials",
                "label": "ClinicalTrials.gov",
                "url": f"https://clinicaltrials.gov/search?{trials}",
            }
        )
        pubmed = urlencode({"term": f"{symbol} AND (acute myeloid leukemia OR bone marrow niche)"})
        links.append({"name": "pubmed", "label": "PubMed", "url": f"https://pubmed.ncbi.nlm.nih.gov/?{pubmed}"})
    return links

"""Identifier formats, checked the same way by the catalogue loader, forms, serializers and models."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

HGNC_SYMBOL = re.compile(r"^[A-Z][A-Z0-9-]*$")
ENSEMBL_GENE = re.compile(r"^ENSG\d{11}$")
UNIPROT = re.compile(r"^([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2})$")
NCT_ID = re.compile(r"^NCT\d{8}$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
CHEMBL_ID = re.compile(r"^CHEMBL\d+$")


def _regex_validator(pattern: re.Pattern[str], what: str, example: str) -> RegexValidator:
    """A validator that rejects anything not matching the pattern, naming the expected format."""
    return RegexValidator(pattern, f"Not a valid {what} (e.g. {example}).", code="invalid")


validate_hgnc_symbol = _regex_validator(HGNC_SYMBOL, "HGNC symbol", "CXCR4")
validate_ensembl_gene = _regex_validator(ENSEMBL_GENE, "Ensembl gene id", "ENSG00000121966")
validate_uniprot = _regex_validator(UNIPROT, "UniProt accession", "P61073")
validate_nct_id = _regex_validator(NCT_ID, "NCT id", "NCT02306291")
validate_pmid = _regex_validator(PMID, "PMID", "23213054")
validate_chembl_id = _regex_validator(CHEMBL_ID, "ChEMBL id", "CHEMBL3137343")


def citation_kind(citation: str) -> str:
    """Classify a citation as 'pmid' or 'doi' (accepting 'PMID:' and 'doi:' prefixes); raise if neither."""
    value = normalise_citation(citation)
    if PMID.match(value):
        return "pmid"
    if DOI.match(value):
        return "doi"
    raise ValidationError(
        f"{citation!r} is neither a PMID (digits, e.g. 23213054) nor a DOI (e.g. 10.1182/blood-2013-03-491431)",
        code="invalid",
    )


def normalise_citation(citation: str) -> str:
    """Strip whitespace and a leading 'PMID:' / 'doi:' / 'https://doi.org/' prefix."""
    value = citation.strip()
    for prefix in ("PMID:", "pmid:", "doi:", "DOI:", "https://doi.org/", "http://doi.org/"):
        if value.startswith(prefix):
            value = value[len(prefix) :].strip()
    return value


def validate_citation(citation: str) -> None:
    """Raise ValidationError unless the citation is a PMID or a DOI."""
    citation_kind(citation)

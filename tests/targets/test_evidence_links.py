"""Citations link to PubMed or doi.org, and a DOI with reserved characters still links to itself."""

from targets.models import Evidence


def test_pmid_links_to_pubmed():
    assert Evidence(citation="23213054").url == "https://pubmed.ncbi.nlm.nih.gov/23213054/"


def test_doi_with_reserved_characters_is_encoded_in_its_link():
    evidence = Evidence(citation="10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E#x?y")
    assert evidence.url == (
        "https://doi.org/10.1002/(SICI)1097-0258(19980430)17:8%3C857::AID-SIM777%3E3.0.CO;2-E%23x%3Fy"
    )

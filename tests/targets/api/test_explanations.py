"""The API says, per criterion, which facts produced a value, in words, each linked to its source."""

import pytest

from targets.models import DrugMechanism

pytestmark = pytest.mark.django_db


def _by_key(items):
    return {item["key"]: item for item in items}


def test_target_detail_explains_each_criterion_with_linked_facts(api, ranked):
    DrugMechanism.objects.filter(drug__name="ulocuplumab", target__symbol="CXCR4").update(verified=False)
    body = api.get("/api/targets/CXCR4/").json()
    explained = _by_key(body["explanations"])
    assert (
        explained["niche_specificity"]["sentence"]
        == "niche specificity 1.00: receptor of MSC ligand CXCL12 (best of 2)"
    )
    ulocuplumab = next(f for f in explained["clinical_precedent"]["facts"] if f["text"].startswith("ulocuplumab"))
    assert ulocuplumab["text"] == "ulocuplumab phase 1/2 in AML, terminated (x0.7), from memory (x0.9)"
    evidence = explained["niche_biology"]["facts"]
    assert evidence and all(
        f["url"].startswith(("https://pubmed.ncbi.nlm.nih.gov/", "https://doi.org/")) for f in evidence
    )
    assert explained["disease_association"]["value"] is None
    assert explained["disease_association"]["sentence"] == "disease association missing: no Open Targets datatypes yet"
    safety = explained["hsc_safety"]
    assert safety["value"] is not None and all(f["url"] or not f["source"] for f in safety["facts"])


def test_ranking_rows_explain_on_request_and_show_the_dual_penalty(api, ranked):
    plain = api.get(f"/api/rankings/{ranked.pk}/rows/?page_size=50").json()["results"]
    assert "explanations" not in plain[0]
    rows = api.get(f"/api/rankings/{ranked.pk}/rows/?page_size=50&explain=true").json()["results"]
    tgfb1 = next(row for row in rows if row["symbol"] == "TGFB1")
    assert "x0.8" in tgfb1["penalty"]
    assert _by_key(tgfb1["explanations"])["clinical_precedent"]["value"] == tgfb1["values"]["clinical_precedent"]
    cxcr4 = next(row for row in rows if row["symbol"] == "CXCR4")
    assert cxcr4["penalty"] == ""

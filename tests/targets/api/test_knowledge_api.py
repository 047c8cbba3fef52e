"""Issue 9 in the API: target detail carries graded evidence, safety signals and attribution; ranking rows,
batch rows and exports carry the unverified / assembled marks; run metadata says what was assembled."""

from __future__ import annotations

import pytest

from targets.models import DrugMechanism, Evidence, SafetySignal, Target

pytestmark = pytest.mark.django_db


def test_target_detail_carries_graded_evidence_and_safety(api, catalogue):
    body = api.get("/api/targets/CD47/").json()
    evidence = body["evidence"]
    assert evidence and all(item["level"] != "ungraded" for item in evidence)
    assert {"niche_mediated", "verified", "checked_source", "is_contrary", "note"} <= set(evidence[0])
    kinds = {signal["kind"] for signal in body["safety_signals"]}
    assert {"class_toxicity", "stopped_for_harm"} <= kinds
    harm = next(signal for signal in body["safety_signals"] if signal["kind"] == "stopped_for_harm")
    assert (harm["source"], harm["drug"]) == ("derived", "magrolimab")
    assert "core_essential" in body and body["core_essential"] is None
    assert body["aml_association_datatypes"] is None  # not refreshed yet: unknown
    assert body["assembled_sources"] == []


def test_contrary_evidence_is_flagged_in_the_api(api, catalogue):
    contrary = next(e for e in Evidence.objects.select_related("target") if e.is_contrary)
    items = api.get(f"/api/targets/{contrary.target.symbol}/").json()["evidence"]
    assert any(item["is_contrary"] and item["id"] == contrary.pk for item in items)


def test_mechanisms_say_how_the_drug_reaches_the_target(api, catalogue):
    mechanisms = {m["drug"]: m for m in api.get("/api/targets/CXCL12/").json()["mechanisms"]}
    assert (mechanisms["plerixafor"]["attribution"], mechanisms["plerixafor"]["acts_on"]) == ("via_partner", "CXCR4")
    assert mechanisms["plerixafor"]["source"] == "derived"
    rela = api.get("/api/targets/RELA/").json()["mechanisms"]
    assert [(m["attribution"], m["acts_on"]) for m in rela if m["drug"] == "bortezomib"] == [("indirect", "PSMB5")]


def test_memory_stages_carry_the_unverified_qualifier_in_the_api(api, catalogue):
    rows = {row["symbol"]: row for row in api.get("/api/targets/", {"page_size": 100}).json()["results"]}
    for symbol in ("MIF", "ENTPD1", "LGALS3"):
        assert "unverified" in rows[symbol]["stage_any_qualifiers"], symbol
        assert rows[symbol]["has_unverified_facts"] is True


def test_target_rows_mark_unverified_related_facts(api, catalogue):
    cxcl12 = Target.objects.get(symbol="CXCL12")
    Target.objects.filter(pk=cxcl12.pk).update(unverified_notes=[], stage_aml_qualifiers=[], stage_any_qualifiers=[])
    for model in (DrugMechanism, Evidence, SafetySignal):
        model.objects.filter(target=cxcl12).update(verified=True)

    def flagged():
        rows = api.get("/api/targets/", {"page_size": 100}).json()["results"]
        return next(row for row in rows if row["symbol"] == "CXCL12")["has_unverified_facts"]

    assert flagged() is False
    SafetySignal.objects.filter(target=cxcl12).update(verified=False)
    assert flagged() is True
    assert api.get("/api/targets/CXCL12/").json()["has_unverified_facts"] is True


def test_ranking_rows_batch_and_exports_carry_the_marks_and_run_metadata(api, ranked):
    page = api.get(f"/api/rankings/{ranked.pk}/rows/", {"page_size": 100}).json()
    rows = {row["symbol"]: row for row in page["results"]}
    assert rows["MIF"]["unverified"] is True and "unverified" in rows["MIF"]["flags"]
    assert all(row["assembled"] is False for row in rows.values())
    assert page["run"]["source_records"] == {
        "state": "none",
        "assembled": 0,
        "fetched": 0,
        "assembled_values_counted": False,
    }
    batch = api.post("/api/batch/", {"ids": ["MIF"]}, format="json").json()
    assert batch["results"][0]["ranking"]["unverified"] is True
    assert batch["results"][0]["target"]["has_unverified_facts"] is True
    export = api.get(f"/api/rankings/{ranked.pk}/export/?format=json").json()
    assert export["metadata"]["source_records"]["state"] == "none"
    mif = next(row for row in export["rows"] if row["symbol"] == "MIF")
    assert mif["unverified"] is True


def test_drugs_carry_their_aliases(api, catalogue):
    drugs = api.get("/api/drugs/", {"page_size": 200}).json()["results"]
    assert next(drug for drug in drugs if drug["name"] == "motixafortide")["aliases"] == ["BL-8040"]

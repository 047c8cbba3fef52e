"""Issue 9 on the pages: one row per drug with stages per source, attribution and qualifiers in words, graded
evidence with contrary marks, a Safety section for every target, and unverified / assembled marks wherever a
ranked value is shown."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command

from targets.models import DrugMechanism, Evidence, SafetySignal, Target
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _drug_row(html: str, drug: str) -> str:
    rows = [row for row in re.split(r"<tr[ >]", _section(html, "drugs-h")) if f">{drug}<" in row or f">{drug} " in row]
    assert len(rows) == 1, f"{drug} should appear once, found {len(rows)}"
    return rows[0]


def test_a_drug_appears_once_with_its_stage_per_source_side_by_side(client, catalogue):
    call_command("load_snapshot", verbosity=0)  # adds ChEMBL and Open Targets rows for plerixafor on CXCR4
    sources = set(
        DrugMechanism.objects.filter(target__symbol="CXCR4", drug__name="plerixafor").values_list("source", flat=True)
    )
    assert {"catalogue", "chembl", "opentargets"} <= sources
    html = client.get("/targets/CXCR4/").content.decode()
    header = _section(html, "drugs-h").split("</thead>")[0]
    columns = ["Catalogue", "ChEMBL", "Open Targets"]
    assert [h for h in columns if f">{h}<" in header] == columns
    cells = re.findall(r'<td class="stage-cell">(.*?)</td>', _drug_row(html, "plerixafor"), re.S)
    assert len(cells) == 3 and all("AML/MDS:" in cell for cell in cells)  # catalogue, ChEMBL, Open Targets


def test_attribution_is_shown_in_words(client, catalogue):
    assert "via CXCR4" in _text(_drug_row(client.get("/targets/CXCL12/").content.decode(), "plerixafor"))
    assert "indirect via PSMB5" in _text(_drug_row(client.get("/targets/RELA/").content.decode(), "bortezomib"))
    assert "via IL6R" in _text(_drug_row(client.get("/targets/IL6/").content.decode(), "tocilizumab"))


def test_qualifiers_are_shown_in_words(client, catalogue):
    sele = _text(_drug_row(client.get("/targets/SELE/").content.decode(), "uproleselan"))
    assert "missed its efficacy endpoint" in sele
    axl = _text(_drug_row(client.get("/targets/AXL/").content.decode(), "gilteritinib"))
    assert "earned through another target" in axl  # approval won on FLT3
    cd47 = _text(_drug_row(client.get("/targets/CD47/").content.decode(), "magrolimab"))
    assert "stopped for harm" in cd47 and "missed its efficacy endpoint" in cd47
    harm = SafetySignal.objects.get(target__symbol="CD47", kind="stopped_for_harm")
    assert harm.drug.name == "magrolimab"  # the harm is a safety fact too


def test_every_catalogue_target_shows_graded_evidence_and_a_safety_entry(client, catalogue):
    for target in Target.objects.all():
        html = client.get(f"/targets/{target.symbol}/").content.decode()
        evidence, safety = _section(html, "evidence-h"), _section(html, "safety-h")
        assert "No evidence recorded" not in evidence and "not graded yet" not in evidence, target.symbol
        assert "No safety signal recorded" not in safety, target.symbol


def test_evidence_shows_level_niche_mediation_verification_and_contrary_findings(client, catalogue):
    contrary = next(e for e in Evidence.objects.select_related("target") if e.is_contrary)
    html = client.get(f"/targets/{contrary.target.symbol}/").content.decode()
    evidence = _section(html, "evidence-h")
    assert 'class="contrary"' in evidence and 'class="badge contrary"' in evidence
    for heading in ("Finding", "Level", "Direction", "Niche-mediated", "Verified"):
        assert f">{heading}<" in evidence
    checked = Evidence.objects.filter(verified=True, checked_source__startswith="http").select_related("target")[0]
    page = client.get(f"/targets/{checked.target.symbol}/").content.decode()
    assert f'href="{checked.checked_source}"' in _section(page, "evidence-h").replace("&amp;", "&")


def test_safety_section_lists_kind_severity_source_and_verification(client, catalogue):
    signal = SafetySignal.objects.filter(source="catalogue").exclude(severity="").select_related("target")[0]
    safety = _text(_section(client.get(f"/targets/{signal.target.symbol}/").content.decode(), "safety-h"))
    assert signal.get_kind_display() in safety and signal.get_severity_display() in safety
    assert ("verified" if signal.verified else "unverified") in safety


def test_a_target_with_no_safety_signal_says_unknown_not_safe(client, catalogue):
    SafetySignal.objects.filter(target__symbol="GJA1").delete()
    assert "unknown, not safe" in _section(client.get("/targets/GJA1/").content.decode(), "safety-h")


def _mark_everything_verified(symbol: str) -> None:
    target = Target.objects.get(symbol=symbol)
    Target.objects.filter(pk=target.pk).update(unverified_notes=[], stage_aml_qualifiers=[], stage_any_qualifiers=[])
    for model in (DrugMechanism, Evidence, SafetySignal):
        model.objects.filter(target=target).update(verified=True)


def test_ranking_compare_heatmap_and_niche_map_mark_unverified_targets(client, catalogue):
    _mark_everything_verified("CXCL12")
    assert Target.objects.get(symbol="CXCR4").has_unverified_facts
    ranking_run_create(triggered_by="test", samples=0)
    ranking = client.get("/", {"page_size": 100}).content.decode()
    cxcr4_row = ranking.split('<tr data-symbol="CXCR4">')[1].split("</tr>")[0]
    cxcl12_row = ranking.split('<tr data-symbol="CXCL12">')[1].split("</tr>")[0]
    assert 'class="badge unverified"' in cxcr4_row and 'class="badge unverified"' not in cxcl12_row
    compare = client.get("/compare/", {"symbols": "CXCR4,CXCL12"}).content.decode().split("</thead>")[0]
    assert compare.count('class="badge unverified"') == 1
    heatmap = client.get("/heatmap/").content.decode()
    assert 'class="badge unverified"' in heatmap.split('href="/targets/CXCR4/"')[1].split("</tr>")[0]
    assert 'class="badge unverified"' not in heatmap.split('href="/targets/CXCL12/"')[1].split("</tr>")[0]
    niche = client.get("/niche-map/").content.decode()
    assert 'class="badge unverified"' in niche.split("<strong>CXCR4</strong>")[1].split("</a>")[0]
    assert 'class="badge unverified"' not in niche.split("<strong>CXCL12</strong>")[1].split("</a>")[0]


def test_exports_carry_unverified_and_assembled_columns(client, catalogue):
    _mark_everything_verified("CXCL12")
    ranking_run_create(triggered_by="test", samples=0)
    text = client.get("/ranking/export.csv").content.decode()
    rows = {
        row["symbol"]: row
        for row in csv.DictReader(
            io.StringIO("".join(line for line in text.splitlines(keepends=True) if not line.startswith("#")))
        )
    }
    assert rows["CXCL12"]["unverified"] == "False" and rows["MIF"]["unverified"] == "True"
    assert {row["assembled"] for row in rows.values()} == {"False"}


def test_assembled_values_are_marked_when_they_count(client, catalogue, settings):
    call_command("load_snapshot", verbosity=0)
    settings.NICHERANK_RANK_ASSEMBLED_DATA = True
    run = ranking_run_create(triggered_by="test", samples=0)
    assert run.data_versions["source_records"]["state"] == "assembled"
    assert run.data_versions["source_records"]["assembled_values_counted"] is True
    marked = {row.target.symbol for row in run.rows.select_related("target") if "assembled" in row.flags}
    assert "CXCR4" in marked  # the snapshot's records for CXCR4 are all assembled
    row = client.get("/", {"page_size": 100}).content.decode().split('<tr data-symbol="CXCR4">')[1].split("</tr>")[0]
    assert 'class="badge assembled"' in row
    settings.NICHERANK_RANK_ASSEMBLED_DATA = False
    quiet = ranking_run_create(triggered_by="test", samples=0)
    assert not any("assembled" in row.flags for row in quiet.rows.all())  # not counted, so nothing shown from it


@pytest.mark.parametrize("model", [DrugMechanism, Evidence, SafetySignal])
def test_one_unverified_agent_evidence_item_or_safety_signal_marks_the_target(catalogue, model):
    from targets.flags import unverified_target_ids

    _mark_everything_verified("CXCL12")
    cxcl12 = Target.objects.get(symbol="CXCL12")
    assert unverified_target_ids([cxcl12.pk]) == set() and not cxcl12.has_unverified_facts
    model.objects.filter(pk=model.objects.filter(target=cxcl12).first().pk).update(verified=False)
    assert unverified_target_ids([cxcl12.pk]) == {cxcl12.pk}
    assert Target.objects.get(symbol="CXCL12").has_unverified_facts

"""The data-coverage panel (ranking and target pages) and the criterion definitions shown in words."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from scoring.criteria import CRITERIA, criteria_definitions
from targets.models import RefreshRun, SourceRecord, Target

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    return html.split('id="coverage-panel"')[1].split("</details>")[0]


def _succeeded(source: str, days_ago: int) -> None:
    finished = timezone.now() - timedelta(days=days_ago)
    RefreshRun.objects.create(source=source, status="succeeded", started_at=finished, finished_at=finished)


def test_a_source_last_refreshed_long_ago_is_a_stale_badge_on_the_ranking(client, ranked):
    _succeeded("chembl", days_ago=30)
    _succeeded("opentargets", days_ago=1)
    summary = _panel(client.get("/").content.decode()).split("</summary>")[0]
    assert "stale ChEMBL" in summary and "last success 30 days ago" in summary
    assert "Open Targets" not in summary  # refreshed yesterday: fresh
    assert "never refreshed: ClinicalTrials.gov" in summary


def test_the_panel_names_the_sources_behind_the_run_with_release_and_date(client, catalogue):
    target = Target.objects.get(symbol="CXCR4")
    SourceRecord.objects.create(
        source="opentargets",
        record_type="target",
        key="ENSG00000121966",
        target=target,
        release="26.03",
        fetched_at=timezone.now(),
        content_hash="x",
        payload={},
        assembled=True,
    )
    from targets.ranking.runs import ranking_run_create

    ranking_run_create(triggered_by="test", samples=20)
    panel = _panel(client.get("/").content.decode())
    row = panel.split('data-source="opentargets"')[2].split("</tr>")[0]  # [1] is the summary badge
    assert "26.03" in row and timezone.now().strftime("%Y-%m-%d") in row and "1 assembled" in row
    assert "38 targets" in panel and "evidence items" in panel


def test_the_panel_counts_each_criterion_with_a_value_and_flags_the_empty_ones(client, ranked):
    panel = _panel(client.get("/").content.decode())
    total = ranked.rows.count()
    stored = ranked.rows.values_list("values", flat=True)
    missing_for_all = all(values.get("trial_activity") is None for values in stored)
    trial = panel.split('data-key="trial_activity"')[1].split("</tr>")[0]
    assert ("empty for all" in trial) == missing_for_all
    biology = panel.split('data-key="niche_biology"')[1].split("</tr>")[0]
    assert f"{total} of {total}" in biology  # never missing: no evidence is an observed 0


def test_the_target_page_has_the_panel_for_that_target(client, ranked):
    panel = _panel(client.get("/targets/CXCR4/").content.decode())
    assert "Criteria of this target" in panel
    row = ranked.rows.get(target__symbol="CXCR4")
    for key, value in row.values.items():
        cell = panel.split(f'data-key="{key}"')[1].split("</tr>")[0]
        assert ("missing" in cell) == (value is None), key


@pytest.mark.parametrize("path", ["/", "/heatmap/", "/profiles/", "/targets/CXCR4/"])
def test_every_criterion_is_defined_in_words_with_its_data_and_transform(client, ranked, path):
    html = client.get(path).content.decode()
    definitions = html.split('id="criteria-definitions"')[1].split("</details>")[0]
    for definition in criteria_definitions():
        entry = definitions.split(f'id="def-{definition["key"]}"')[1].split("</dd>")[0]
        assert definition["label"] in entry and escape(definition["description"]) in entry
        assert "Data:" in entry and "Transform (0–1):" in entry


def test_heatmap_headers_explain_each_criterion(client, ranked):
    html = client.get("/heatmap/").content.decode()
    for criterion in CRITERIA:
        header = html.split(f'id="col-{criterion.key}"')[1].split("</th>")[0]
        assert f'href="#def-{criterion.key}"' in header and "<abbr title=" in header


def test_profiles_page_shows_no_raw_criterion_keys(client, ranked):
    html = client.get("/profiles/").content.decode()
    table = html.split("<table>")[1].split("</table>")[0]
    assert not re.search(r">\s*(tractability_ab|niche_specificity|hsc_safety)\b", table)
    assert "Niche specificity" in table


def test_each_target_value_links_to_the_rows_behind_it(client, ranked):
    html = client.get("/targets/CXCR4/").content.decode()
    anchors = set(re.findall(r'href="#((?:evidence|safety|drug|record)-\d+)"', html))
    assert {a.split("-")[0] for a in anchors} >= {"evidence", "safety", "drug"}
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor  # every link lands on a row of the page
    value_cell = html.split('<table class="criteria">')[1].split('data-key="niche_biology"')[1].split("</tr>")[0]
    assert 'href="#why-niche_biology"' in value_cell and 'id="why-niche_biology"' in value_cell


@pytest.mark.parametrize(("symbol", "drugs"), [("CXCR4", ["plerixafor", "motixafortide"]), ("SELE", ["uproleselan"])])
def test_each_drug_appears_once_in_the_drug_table(client, ranked, symbol, drugs):
    table = client.get(f"/targets/{symbol}/").content.decode().split('id="drug-table"')[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].split("</tr>")
    for drug in drugs:
        assert sum(1 for row in rows if f">{drug}<" in row) == 1, drug

"""In Chromium: a shareable what-if (URL round-trip, save as profile), the data-coverage panel, criteria
explained in words, and the phone layout that puts the table first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from targets.models import RefreshRun, ScoringProfile
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.services

WHATIF = "/?niche_specificity=5&clinical_precedent=0"


def _order(page) -> list[str]:
    return page.locator("#ranking-table tbody tr[data-symbol]").evaluate_all("rows => rows.map(r => r.dataset.symbol)")


def test_a_what_if_round_trips_through_the_url(page, browser, ranked, screenshot):
    from playwright.sync_api import expect

    page.goto(page.url_for("/"))
    stored = _order(page)
    page.get_by_text("Weights — move a slider").click()
    page.get_by_role("slider", name="Niche specificity").focus()
    page.keyboard.press("End")
    page.get_by_role("slider", name="Clinical precedent").focus()
    page.keyboard.press("Home")
    expect(page.locator("#weights-status")).to_have_text(re.compile(r"^Re-ranked"))
    expect(page.locator("#whatif-notice")).to_contain_text("unsaved preview")
    assert "niche_specificity=5" in page.url and "clinical_precedent=0" in page.url
    assert "niche_specificity=5" in page.get_by_role("link", name="CSV").get_attribute("href")
    reweighted = _order(page)
    assert reweighted != stored

    shared = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()  # someone opens the link
    shared.goto(page.url)
    expect(shared.locator("#weights-panel")).to_have_attribute("open", "")
    expect(shared.get_by_role("slider", name="Niche specificity")).to_have_value("5")
    expect(shared.locator("#whatif-notice")).to_contain_text("Niche specificity 2 → 5")
    assert _order(shared) == reweighted
    screenshot(shared, "ranking-what-if")
    shared.get_by_role("button", name="Reset to the profile's weights").click()
    shared.wait_for_url(re.compile(r"/$"))
    assert _order(shared) == stored
    expect(shared.locator("#whatif-notice")).to_be_hidden()
    shared.context.close()


def test_a_curator_saves_the_sliders_as_a_profile_version(page, ranked, curator):
    sign_in(page, "curator", "curator-pass-123")
    page.goto(page.url_for(WHATIF))
    page.get_by_role("button", name="Save these weights as balanced v2").click()
    page.wait_for_url(re.compile(r"\?profile=balanced$"))
    assert page.get_by_text("Saved the sliders' weights as balanced v2").is_visible()
    saved = ScoringProfile.objects.get(name="balanced", is_current=True)
    assert saved.version == 2 and saved.weights["niche_specificity"] == 5.0
    assert "clinical_precedent" not in saved.weights


def test_a_viewer_gets_no_save_button_and_is_refused(page, ranked, viewer):
    sign_in(page, "viewer", "viewer-pass-123")
    page.goto(page.url_for(WHATIF))
    assert page.get_by_role("button", name=re.compile("Save these weights")).count() == 0
    assert page.get_by_role("link", name="New profile from these weights").count() == 0
    response = page.request.post(page.url_for("/profiles/balanced/save-weights/"), form={"niche_specificity": "5"})
    assert response.status == 403
    assert ScoringProfile.objects.get(name="balanced", is_current=True).version == 1


def test_coverage_panel_badges_a_source_not_refreshed_for_weeks(page, ranked):
    old = timezone.now() - timedelta(days=30)
    RefreshRun.objects.create(source="chembl", status="succeeded", started_at=old, finished_at=old)
    page.goto(page.url_for("/"))
    badge = page.locator("#coverage-panel summary .badge.stale", has_text="stale ChEMBL")
    assert badge.is_visible()  # seen without opening the panel
    assert "30 days ago" in badge.get_attribute("title")
    page.locator("#coverage-panel summary").click()
    sources = page.locator("#coverage-panel table.coverage-sources")
    assert sources.is_visible() and "ClinicalTrials.gov" in sources.inner_text()
    page.goto(page.url_for("/targets/CXCR4/"))
    assert page.locator("#coverage-panel summary .badge.stale", has_text="stale ChEMBL").is_visible()


def test_criteria_are_explained_in_the_legend_heatmap_and_target_page(page, ranked):
    page.goto(page.url_for("/"))
    page.get_by_text("What each criterion means").click()
    definition = page.locator("#def-niche_specificity + dd")
    assert definition.is_visible() and "ligand-receptor" in definition.inner_text()
    assert "Transform" in definition.inner_text() and "Data:" in definition.inner_text()

    page.goto(page.url_for("/heatmap/"))
    header = page.locator("#col-hsc_safety abbr")
    assert header.is_visible() and header.get_attribute("title").startswith("Higher is safer")

    page.goto(page.url_for("/targets/CXCR4/"))
    criteria = page.locator("table.criteria")
    assert "Higher is safer" in criteria.locator("tr[data-key='hsc_safety'] th").inner_text()
    criteria.locator("tr[data-key='niche_biology'] td.num a").first.click()
    assert page.url.endswith("#why-niche_biology")
    fact = page.locator("#why-niche_biology a[data-fact-link]").first
    anchor = fact.get_attribute("href")
    fact.click()
    assert page.url.endswith(anchor) and page.locator(anchor).is_visible()
    assert anchor.startswith("#evidence-")


def test_on_a_phone_the_ranking_table_comes_first(page, ranked):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url_for(WHATIF))
    assert page.locator("#filters-panel").get_attribute("open") is None  # folded
    table_top = page.locator("#ranking-table").bounding_box()["y"]
    assert table_top < page.locator("#filters-panel").bounding_box()["y"]
    assert table_top < page.locator("#coverage, .coverage").first.bounding_box()["y"]
    assert table_top < 844  # the table starts on the first screen
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.locator("#filters-panel summary").click()
    assert page.get_by_label("Role").is_visible()
    page.goto(page.url_for("/?compartment=bone"))  # a panel with an error stays open
    assert page.locator("#filters-panel").get_attribute("open") == ""

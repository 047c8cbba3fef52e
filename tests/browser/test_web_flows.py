"""What a translational team does in the browser: rank, filter, re-weight, open, compare, curate."""

from __future__ import annotations

import re

import pytest

from targets.models import Evidence, Target
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.services


def _order(page) -> list[str]:
    return page.locator("#ranking-table tbody tr[data-symbol]").evaluate_all("rows => rows.map(r => r.dataset.symbol)")


def test_ranking_loads_and_filters(page, ranked):
    page.goto(page.url_for("/"))
    assert page.get_by_role("heading", name="Ranked MSC–AML niche targets").is_visible()
    assert _order(page)[0] == ranked.rows.get(rank=1).target.symbol
    page.get_by_label("Role").select_option("dual")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"role=dual"))
    expected = set(Target.objects.filter(role="dual").values_list("symbol", flat=True))
    assert set(_order(page)) == expected


def test_moving_weight_sliders_reorders_the_table_in_place(page, ranked, screenshot):
    from playwright.sync_api import expect

    page.goto(page.url_for("/"))
    before = _order(page)
    page.get_by_text("Weights — move a slider").click()
    page.get_by_role("slider", name="Niche specificity").focus()
    page.keyboard.press("End")  # keyboard use: the slider jumps to its maximum
    page.get_by_role("slider", name="Clinical precedent").focus()
    page.keyboard.press("Home")
    expect(page.locator("#weights-status")).to_have_text(re.compile(r"^Re-ranked"))  # no eval: the CSP forbids it
    after = _order(page)
    assert sorted(after) == sorted(before)
    assert after != before
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no page reload
    first_rank = page.locator("#ranking-table tbody tr").first.locator('[data-cell="rank"]').inner_text()
    assert first_rank == "1"
    screenshot(page, "ranking-reweighted")
    page.get_by_role("button", name="Reset to the profile's weights").click()
    expect(page.locator("#weights-status")).to_have_text(re.compile(r"^Back"))
    assert _order(page) == before


def test_open_a_target_from_the_ranking(page, ranked):
    page.goto(page.url_for("/"))
    page.get_by_role("link", name="CXCR4", exact=True).first.click()
    page.wait_for_url(re.compile(r"/targets/CXCR4/$"))
    assert page.get_by_role("heading", name=re.compile(r"^CXCR4")).first.is_visible()
    assert page.locator(".badge.unverified").first.is_visible()
    assert (
        page.get_by_role("link", name=re.compile(r"^NCT\d{8}$"))
        .first.get_attribute("href")
        .startswith("https://clinicaltrials.gov/study/NCT")
    )


def test_compare_two_targets(page, ranked):
    page.goto(page.url_for("/"))
    page.get_by_label("Compare CXCR4").check()
    page.get_by_label("Compare VCAM1").check()
    page.get_by_role("button", name="Compare the ticked targets").click()
    page.wait_for_url(re.compile(r"/compare/\?t=CXCR4&t=VCAM1"))
    assert page.get_by_role("heading", name="Why is CXCR4 above VCAM1?").is_visible()
    table = page.locator("#compare-table")
    assert table.get_by_role("link", name="VCAM1").is_visible()
    if page.evaluate("Boolean(window.Chart)"):
        assert page.locator("canvas[data-chart='radar']").is_visible()
    page.get_by_label("Targets (2–5").fill("BCL2, AXL")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url(re.compile(r"symbols=BCL2"))
    upper, lower = (r.target.symbol for r in ranked.rows.filter(target__symbol__in=["BCL2", "AXL"]).order_by("rank"))
    assert page.get_by_role("heading", name=f"Why is {upper} above {lower}?").is_visible()


def test_compare_with_from_a_target_page_leads_to_a_comparison(page, ranked):
    page.goto(page.url_for("/targets/CXCR4/"))
    page.get_by_role("link", name="Compare with…").click()
    assert page.get_by_text("more targets to compare with CXCR4").is_visible()
    field = page.get_by_label(re.compile(r"^Targets"))
    field.fill(field.input_value() + "BCL2")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url(re.compile(r"symbols=CXCR4"))
    assert page.get_by_role("heading", name="Why is CXCR4 above BCL2?").is_visible()


def test_a_bad_filter_value_is_shown_and_exports_leave_it_out(page, ranked):
    page.goto(page.url_for("/?compartment=bone&role=pro-leukemic"))
    alert = page.locator("#filter-errors")
    assert alert.is_visible() and "compartment=bone" in alert.inner_text()
    assert "role" not in alert.inner_text()  # the label spelling is understood
    csv_link = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    assert "compartment" not in csv_link and "role=pro" in csv_link  # the applied filter stays, the bad one not


def test_curator_signs_in_adds_evidence_and_sees_its_history_entry(page, ranked, curator, screenshot):
    sign_in(page, "curator", "curator-pass-123")
    page.goto(page.url_for("/targets/VCAM1/"))
    page.get_by_role("link", name="Add evidence").first.click()
    page.get_by_label("Citation").fill("doi:10.1182/blood-2013-03-491431")
    page.get_by_label("Finding").fill("Stromal VCAM-1 protects blasts from cytarabine in co-culture")
    page.get_by_label("Direction").select_option("pro_leukemic")
    page.get_by_label("Level").select_option("in_vitro")
    screenshot(page, "curation-evidence-form")
    page.get_by_role("button", name="Save evidence").click()
    page.wait_for_url(re.compile(r"/targets/VCAM1/"))
    assert page.get_by_text("Evidence 10.1182/blood-2013-03-491431 added for VCAM1").is_visible()
    assert page.locator("#evidence-table").get_by_text("Stromal VCAM-1 protects blasts").is_visible()
    stored = Evidence.objects.get(target__symbol="VCAM1", citation="10.1182/blood-2013-03-491431")
    assert stored.created_by == curator
    page.get_by_role("link", name="Change history").click()
    first = page.locator("#history-table tbody tr").first
    assert "curator" in first.inner_text() and "evidence added" in first.inner_text()
    screenshot(page, "history")


def test_read_only_users_see_no_edit_controls(page, ranked, viewer):
    sign_in(page, "viewer", "viewer-pass-123")
    page.goto(page.url_for("/targets/VCAM1/"))
    assert page.get_by_role("link", name="Add evidence").count() == 0
    assert page.get_by_role("link", name="Edit target").count() == 0
    assert page.get_by_role("link", name="Import evidence").count() == 0

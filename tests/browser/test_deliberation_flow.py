"""In Chromium: two team members with different roles deliberate on a target; dossiers print to PDF; the nav's
search box suggests targets; target pages link out to public resources."""

from __future__ import annotations

import io
import re

import pytest

from targets.deliberation import services
from targets.models import DecisionLogEntry, Target
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.services


def _second_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15000)
    opened.url_for = lambda path: f"{live_server.url}{path}"
    return context, opened


def test_a_viewer_comments_and_a_curator_decides(page, browser, live_server, ranked, viewer, curator, screenshot):
    from playwright.sync_api import expect

    sign_in(page, "viewer", "viewer-pass-123")
    page.goto(page.url_for("/targets/CXCR4/"))
    page.get_by_role("link", name="Team discussion").click()
    page.wait_for_url(re.compile(r"/targets/CXCR4/discussion/$"))
    assert page.locator("#decision-form").count() == 0  # a viewer cannot decide
    page.get_by_role("textbox", name="Comment").fill("Mobilisation by plerixafor may empty the niche of HSCs too.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator("#comments")).to_contain_text("Mobilisation by plerixafor")
    page.locator("#stance-form").get_by_label("watch").check()
    page.get_by_label("Why").fill("HSC safety first")
    page.get_by_role("button", name="Save my stance").click()
    expect(page.locator("#member-stances")).to_contain_text("viewer: watch")

    context, lead = _second_page(browser, live_server)
    try:
        sign_in(lead, "curator", "curator-pass-123")
        lead.goto(lead.url_for("/targets/CXCR4/discussion/"))
        expect(lead.locator("#comments")).to_contain_text("viewer")
        lead.locator("#decision-form").get_by_label("pursue").check()
        lead.get_by_label("Reason for the decision").fill("")
        lead.get_by_role("button", name="Record decision").click()  # the browser refuses an empty reason
        assert lead.url.endswith("/targets/CXCR4/discussion/")
        assert not DecisionLogEntry.objects.filter(action="decision").exists()
        lead.get_by_label("Reason for the decision").fill("Strongest clinical precedent on the axis")
        lead.get_by_role("button", name="Record decision").click()
        expect(lead.locator("#team-decision")).to_contain_text("pursue")
        screenshot(lead, "discussion", full_page=True)
    finally:
        context.close()

    page.goto(page.url_for("/"))
    badge = page.locator('#ranking-table tr[data-symbol="CXCR4"] [data-cell="stance"]')
    expect(badge).to_have_text("pursue")
    page.goto(page.url_for("/targets/CXCR4/discussion/"))
    log = page.locator("#decision-log tbody tr")
    expect(log).to_have_count(2)
    expect(log.nth(0)).to_contain_text("viewer")
    expect(log.nth(1)).to_contain_text("curator")
    expect(log.nth(1)).to_contain_text("Strongest clinical precedent")


def _pdf_text(pdf: bytes) -> tuple[int, list[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), [each.extract_text() or "" for each in reader.pages]


def test_the_target_dossier_prints_to_a_pdf_with_its_sections(page, ranked, curator, screenshot):
    services.decision_set(target=Target.objects.get(symbol="CXCR4"), user=curator, stance="watch", reason="wait")
    page.goto(page.url_for("/targets/CXCR4/dossier/"))
    screenshot(page, "dossier", full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()  # no navigation on paper
    pages, texts = _pdf_text(page.pdf(format="A4", print_background=True))
    text = "\n".join(texts)
    assert pages >= 1
    assert "CXCR4" in texts[0]
    for heading in ["Criteria", "Evidence", "Safety", "Drugs", "Trials", "Discussion", "Decision log", "Provenance"]:
        assert heading in text, heading
    assert f"Ranking run #{ranked.pk}" in text
    assert "Find a target or gene" not in text and "Sign in" not in text


def test_the_shortlist_dossier_prints_a_section_per_target(page, ranked, curator):
    shortlist = services.shortlist_create(name="Review", user=curator)
    for symbol in ["VCAM1", "CXCR4", "SELE"]:
        services.shortlist_add(shortlist=shortlist, target=Target.objects.get(symbol=symbol), user=curator)
    page.goto(page.url_for("/shortlists/review/dossier/"))
    pages, texts = _pdf_text(page.pdf(format="A4"))
    assert pages >= 4  # the contents, then each target on new pages
    assert all(symbol in texts[0] for symbol in ["VCAM1", "CXCR4", "SELE"])  # the contents
    starts = [
        next(i for i, text in enumerate(texts) if i > 0 and f"{n}. {symbol}" in text)
        for n, symbol in enumerate(["VCAM1", "CXCR4", "SELE"], start=1)
    ]
    assert starts[0] == 1 and starts[0] < starts[1] < starts[2]


def test_the_search_box_suggests_targets_and_opens_one(page, ranked):
    from playwright.sync_api import expect

    page.goto(page.url_for("/heatmap/"))
    box = page.get_by_role("combobox", name="Find a target or gene")
    box.fill("cxcr")
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("CXCR4")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/targets/CXC[A-Z0-9]+/$"))
    box = page.get_by_role("combobox", name="Find a target or gene")
    box.fill("zzzz-no-such")
    box.press("Enter")  # the plain form: a results page
    page.wait_for_url(re.compile(r"/search/\?q=zzzz-no-such"))
    expect(page.locator("#search-count")).to_contain_text("0 matches")


def test_a_target_page_links_out_to_public_resources(page, ranked):
    target = Target.objects.get(symbol="VCAM1")
    page.goto(page.url_for("/targets/VCAM1/"))
    links = page.locator("#link-outs")
    expected = {
        "Open Targets": f"https://platform.opentargets.org/target/{target.ensembl_id}",
        "UniProt": f"https://www.uniprot.org/uniprotkb/{target.uniprot}/entry",
        "Ensembl": f"https://www.ensembl.org/Homo_sapiens/Gene/Summary?g={target.ensembl_id}",
    }
    for name, url in expected.items():
        assert links.get_by_role("link", name=name, exact=True).get_attribute("href") == url
    assert "term=VCAM1" in links.get_by_role("link", name="ClinicalTrials.gov").get_attribute("href")
    assert "term=VCAM1" in links.get_by_role("link", name="PubMed").get_attribute("href")


NEW_PAGES = [
    ("discussion", "/targets/CXCR4/discussion/", "Discussion of CXCR4"),
    ("shortlists", "/shortlists/", "Shortlists"),
    ("shortlist", "/shortlists/review/", "Shortlist: Review"),
    ("dossier", "/targets/CXCR4/dossier/", "CXCR4 dossier"),
    ("search", "/search/?q=cxc", "Search"),
]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_new_pages_fit_a_laptop_and_a_phone(page, ranked, curator, width):
    shortlist = services.shortlist_create(name="Review", user=curator)
    services.shortlist_add(shortlist=shortlist, target=Target.objects.get(symbol="CXCR4"), user=curator, note="lead")
    page.set_viewport_size({"width": width, "height": 844})
    for name, path, heading in NEW_PAGES:
        page.goto(page.url_for(path))
        assert page.get_by_role("heading", level=1).first.inner_text().startswith(heading), name
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"

"""Every main page renders without script errors, on a laptop and on a phone, with nothing wider than the screen."""

from __future__ import annotations

import pytest

from targets.models import Target
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.services

PAGES = [
    ("ranking", "/", "Ranked MSC–AML niche targets"),
    ("target", "/targets/CXCR4/", "CXCR4"),
    ("compare", "/compare/?symbols=CXCR4,VCAM1,BCL2", "Compare targets"),
    ("heatmap", "/heatmap/", "Targets × criteria"),
    ("niche-map", "/niche-map/", "The niche: ligand–receptor axes across MSC and AML blast"),
    ("changes", "/changes/", "What changed between two rankings"),
    ("refresh", "/refresh/", "Data refresh"),
    ("profiles", "/profiles/", "Scoring profiles"),
    ("what-if", "/?niche_specificity=5&clinical_precedent=0", "Ranked MSC–AML niche targets"),
    ("discovery", "/discovery/", "Discovery"),
]
SIZES = {"laptop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def two_runs(ranked):
    """A second run after new data on VCAM1, so the changes page has moves to show."""
    Target.objects.filter(symbol="VCAM1").update(aml_association_datatypes={"somatic_mutation": 0.5})
    return ranking_run_create(triggered_by="test", samples=200)


@pytest.mark.parametrize("size", list(SIZES))
def test_main_pages_fit_the_screen(browser, page, two_runs, screenshot, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    for name, path, heading in PAGES:
        page.goto(page.url_for(path))
        assert page.get_by_role("heading", level=1).first.inner_text().startswith(heading), name
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {size} screen"
        if page.locator("canvas[data-chart]").count():
            page.wait_for_timeout(400)  # let the chart animation settle before the screenshot
        if size == "laptop":
            screenshot(page, name, full_page=True)
        elif name in ("ranking", "target", "niche-map"):
            screenshot(page, f"{name}-{size}")

"""Long rankings are paged: the pager says where you are and keeps your filters on every link."""

import pytest

from devtools.synthetic import add_synthetic_targets
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_ranking(catalogue):
    add_synthetic_targets(80)
    return ranking_run_create(samples=0)


def test_the_ranking_pages_through_all_targets_keeping_filters(client, long_ranking):
    first = client.get("/", {"role": "pro_leukemic"}).content.decode()
    assert "Page 1 of 2" in first
    assert "role=pro_leukemic" in first.split('aria-label="Pages"')[1].split("</nav>")[0]
    second = client.get("/", {"role": "pro_leukemic", "page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert 'data-symbol="CXCR4"' in first and 'data-symbol="CXCR4"' not in second


def test_the_heatmap_pages_too(client, long_ranking):
    page = client.get("/heatmap/").content.decode()
    assert "Page 1 of 2" in page
    assert "Page 2 of 2" in client.get("/heatmap/", {"page": 2}).content.decode()

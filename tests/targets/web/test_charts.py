"""Charts come from the npm-installed Chart.js when present; without it the pages still show their tables."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SCRIPT = "vendor/chartjs/chart.umd.min.js"


def test_without_the_library_pages_render_tables_and_no_chart_script(client, ranked, settings):
    settings.STATICFILES_DIRS = [d for d in settings.STATICFILES_DIRS if not isinstance(d, tuple)]
    html = client.get("/targets/CXCR4/").content.decode()
    assert SCRIPT not in html
    assert "Criteria of CXCR4" in html and '<figure class="chart" hidden>' in html


def test_with_the_library_installed_the_page_loads_it_from_our_own_server(client, ranked, settings, tmp_path):
    (tmp_path / "chart.umd.min.js").write_text("/* stand-in for node_modules/chart.js/dist */")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("vendor/chartjs", tmp_path)]
    html = client.get("/compare/", {"symbols": "CXCR4,VCAM1"}).content.decode()
    assert f'<script src="/static/{SCRIPT}" defer></script>' in html
    assert '<script src="http' not in html  # nothing loaded from elsewhere at run time

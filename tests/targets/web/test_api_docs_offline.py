"""The nav's "API" link works offline: Swagger UI's assets come from this site, never a CDN (issue 12, point 4)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_swagger_ui_assets_are_served_by_this_site(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assets = re.findall(r'(?:src|href)="([^"]+swagger-ui[^"]*\.(?:js|css))"', html)
    assert assets, "the docs page loads Swagger UI's bundle"
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset


def test_the_docs_page_csp_allows_no_cdn(client):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert "jsdelivr" not in policy and "https:" not in policy

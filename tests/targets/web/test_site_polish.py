"""Small things a first-time user notices (issue 12, point 10): names, 404 page, ties, favicon."""

from __future__ import annotations

import pytest

from targets.models import Gene, Target

pytestmark = pytest.mark.django_db


def test_a_target_without_a_catalogue_name_shows_its_hgnc_name(client, ranked):
    target = Target.objects.filter(name="").order_by("symbol").first()
    assert target is not None
    Gene.objects.update_or_create(
        symbol=target.symbol, defaults={"hgnc_id": "HGNC:test-1", "name": "test approved name"}
    )
    html = client.get(f"/targets/{target.symbol}/").content.decode()
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert Gene.objects.get(symbol=target.symbol).name in heading
    assert 'id="name-source"' in html and "HGNC" in html


def test_an_unknown_target_gets_the_sites_404_page(client, ranked):
    response = client.get("/targets/NOPE9/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "NicheRank has no target named <strong>NOPE9</strong>" in html
    assert 'class="brand"' in html  # the site's header, not Django's debug page
    assert "Using the URLconf" not in html


def test_a_gene_of_the_universe_is_pointed_to_from_the_404(client, ranked):
    Gene.objects.update_or_create(symbol="ZZTEST1", defaults={"hgnc_id": "HGNC:test-2", "name": "test gene"})
    html = client.get("/targets/zztest1/").content.decode()
    assert "/discovery/ZZTEST1/" in html


def test_a_tie_is_called_a_tie(client, ranked):
    first, second = ranked.rows.filter(rank__in=[1, 2]).order_by("rank")
    second.score, second.contributions, second.values = first.score, first.contributions, first.values
    second.save()
    html = client.get("/compare/", {"symbols": f"{first.target.symbol},{second.target.symbol}"}).content.decode()
    assert "are <strong>tied</strong>" in html
    assert "0.000</strong> more" not in html


def test_every_page_has_a_favicon(client, ranked):
    html = client.get("/").content.decode()
    href = html.split('rel="icon" href="')[1].split('"')[0]
    assert href.endswith(".svg")
    response = client.get(href)
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content if response.streaming else [response.content])

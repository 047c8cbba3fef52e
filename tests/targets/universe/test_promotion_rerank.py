"""Promoting a gene re-ranks the universe: the gene shows as curated, its partners' scores move, the page is
marked out of date until the re-rank has run (tasks eager, as without a broker)."""

from __future__ import annotations

import pytest
from django.test import Client

from targets.models import Axis, DiscoveryRun, DiscoveryScore
from targets.universe.selectors import latest_run

pytestmark = pytest.mark.django_db
FORM = {"compartment": "aml_blast", "role": "pro_leukemic", "mechanism": "integrin partner"}


def _curated_partners(run, symbol: str) -> float:
    return DiscoveryScore.objects.get(run=run, gene__symbol=symbol).values["curated_partners"]


def test_promotion_reruns_the_discovery_ranking_once_committed(
    universe, curator_client, django_capture_on_commit_callbacks
):
    # MERTK binds GAS6, which has one curated partner (AXL) before and two afterwards.
    assert not latest_run().stale
    assert _curated_partners(universe, "GAS6") == 0.5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = curator_client.post("/discovery/MERTK/promote/", {**FORM, "axis": Axis.objects.first().pk})
    assert response.status_code == 302 and callbacks
    run = latest_run()
    assert run.pk != universe.pk and not run.stale
    assert _curated_partners(run, "GAS6") == 1.0
    api = Client().get("/api/discovery/?q=MERTK").json()
    assert api["run"]["id"] == run.pk and api["run"]["stale"] is False
    assert [row for row in api["results"] if row["symbol"] == "MERTK"][0]["curated_target"] == "MERTK"


def test_until_the_rerank_has_run_the_page_and_api_say_the_ranking_is_out_of_date(universe, curator_client):
    # Without executing on-commit callbacks the queued re-rank never runs: the ranking stays the old one.
    curator_client.post("/discovery/ITGB7/promote/", {**FORM, "axis": Axis.objects.first().pk})
    assert DiscoveryRun.objects.get().pk == universe.pk
    assert latest_run().stale
    assert "a re-rank is queued" in Client().get("/discovery/").content.decode()
    assert Client().get("/api/discovery/").json()["run"]["stale"] is True


def test_rank_universe_task_clears_the_mark_without_rewriting_an_unchanged_ranking(universe):
    from targets.models import Gene
    from targets.universe.tasks import rank_universe

    Gene.objects.filter(symbol="CXCR4").update(name="C-X-C motif chemokine receptor 4")  # not a criterion input
    assert latest_run().stale
    assert rank_universe() == universe.pk
    assert not latest_run().stale

"""The API's side of "same operation, same behaviour" (tests/targets/faces.py; the web's side is
tests/targets/web/test_same_behaviour.py): export names and metadata, what-if exports, refresh validation,
what-if subsets and source staleness."""

from __future__ import annotations

from unittest import mock

import pytest

from targets.models import RefreshRun
from tests.targets import faces
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_a_stored_run_exports_under_the_one_name_and_metadata(api, ranked):
    faces.assert_stored_export(api.get(f"/api/rankings/{ranked.pk}/export/?format=csv&role=dual"), ranked)


def test_a_what_if_exports_its_own_weights_as_an_unsaved_preview(api, ranked):
    key, weight = faces.WHAT_IF_WEIGHT
    payload = {"base_profile": "balanced", "weights": {**ranked.profile.weights, key: weight}}
    faces.assert_what_if_export(api.post("/api/what-if/?format=csv", payload, format="json"))


def test_a_refresh_naming_any_unknown_symbol_is_refused_naming_it(client_for, catalogue):
    with mock.patch("targets.tasks.refresh_source.apply_async"):
        response = client_for("curator").post(
            "/api/refresh/", {"symbols": ["CXCR4", faces.UNKNOWN_SYMBOL]}, format="json"
        )
    assert response.status_code == 400
    assert error_fields(response) == {"symbols": [faces.UNKNOWN_SYMBOL_MESSAGE]}
    assert not RefreshRun.objects.exists()


def test_a_what_if_on_some_symbols_keeps_their_ranks_among_all_targets(api, ranked):
    key, weight = faces.WHAT_IF_WEIGHT
    payload = {"base_profile": "balanced", "weights": {**ranked.profile.weights, key: weight}, "symbols": faces.SUBSET}
    body = api.post("/api/what-if/", payload, format="json").json()
    expected = faces.full_ranks(weights={key: weight})
    assert {row["symbol"]: row["rank"] for row in body["rows"]} == {symbol: expected[symbol] for symbol in faces.SUBSET}


def test_sources_never_refreshed_are_stale_with_the_dashboards_reason(api, catalogue):
    body = api.get("/api/refresh/sources/").json()
    assert {item["source"] for item in body} == {"opentargets", "chembl", "clinicaltrials", "dgidb"}
    assert all(item["stale"] and "never refreshed successfully" in item["stale_reasons"] for item in body)

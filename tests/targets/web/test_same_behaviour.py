"""The web's side of "same operation, same behaviour" (tests/targets/faces.py; the API's side is
tests/targets/api/test_same_behaviour.py): export names and metadata, what-if exports, refresh validation,
what-if subsets and source staleness."""

from __future__ import annotations

import pytest

from targets.models import RefreshRun
from tests.support.csv_reading import read_default_csv
from tests.targets import faces

pytestmark = pytest.mark.django_db


def test_a_stored_run_exports_under_the_one_name_and_metadata(client, ranked):
    faces.assert_stored_export(client.get("/ranking/export.csv", {"role": "dual"}), ranked)


def test_a_what_if_exports_its_own_weights_as_an_unsaved_preview(client, ranked):
    key, weight = faces.WHAT_IF_WEIGHT
    faces.assert_what_if_export(client.get("/ranking/export.csv", {key: weight}))


def test_a_what_if_export_keeps_the_filters_and_full_list_ranks(client, ranked):
    key, weight = faces.WHAT_IF_WEIGHT
    _, rows = read_default_csv(client.get("/ranking/export.csv", {key: weight, "role": "dual"}).content.decode())
    expected = faces.full_ranks(weights={key: weight})
    assert rows and {row["role"] for row in rows} == {"dual"}
    assert all(int(row["rank"]) == expected[row["symbol"]] for row in rows if row["rank"])


def test_a_bad_what_if_value_is_a_400_naming_it(client, ranked):
    response = client.get("/ranking/export.csv", {"hsc_safety": "lots"})
    assert response.status_code == 400
    assert "weights.hsc_safety" in response.content.decode()


def test_a_refresh_naming_any_unknown_symbol_is_refused_naming_it(curator_client, catalogue, monkeypatch):
    monkeypatch.setattr("targets.tasks.refresh_source.apply_async", lambda *args, **kwargs: None)
    response = curator_client.post("/refresh/start/", {"symbols": f"CXCR4 {faces.UNKNOWN_SYMBOL}"}, follow=True)
    assert faces.UNKNOWN_SYMBOL_MESSAGE in response.content.decode()
    assert not RefreshRun.objects.exists()


def test_a_what_if_on_some_symbols_keeps_their_ranks_among_all_targets(client, ranked):
    key, weight = faces.WHAT_IF_WEIGHT
    body = client.get("/ranking/what-if.json", {key: weight, "symbols": ",".join(faces.SUBSET)}).json()
    expected = faces.full_ranks(weights={key: weight})
    assert {row["symbol"]: row["rank"] for row in body["rows"]} == {symbol: expected[symbol] for symbol in faces.SUBSET}


def test_sources_never_refreshed_are_stale_with_the_same_reason(client, catalogue):
    page = client.get("/refresh/").content.decode()
    assert page.count("never refreshed successfully") >= 4

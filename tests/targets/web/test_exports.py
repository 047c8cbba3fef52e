"""Ranking exports: the filtered, sorted table as CSV and XLSX, missing values left empty."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from targets.models import Target
from tests.support.csv_reading import csv_metadata, read_default_csv

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    """The table as pandas.read_csv(url) reads it with its defaults."""
    return read_default_csv(response.content.decode())[1]


def _csv_metadata(response) -> dict[str, str]:
    return csv_metadata(_csv(response))


def test_csv_has_every_ranked_target_in_rank_order(client, ranked):
    response = client.get("/ranking/export.csv")
    rows = _csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert f"run{ranked.pk}" in response["Content-Disposition"]
    assert len(rows) == ranked.rows.count()
    assert [row["symbol"] for row in rows[:3]] == list(
        ranked.rows.filter(rank__isnull=False).order_by("rank").values_list("target__symbol", flat=True)[:3]
    )


def test_csv_follows_the_page_filters(client, ranked):
    rows = _csv(client.get("/ranking/export.csv", {"role": "anti_leukemic"}))
    assert rows and {row["role"] for row in rows} == {"anti_leukemic"}


def test_missing_values_are_empty_not_zero(client, ranked):
    cxcr4 = next(row for row in _csv(client.get("/ranking/export.csv")) if row["symbol"] == "CXCR4")
    assert ranked.rows.get(target__symbol="CXCR4").values["disease_association"] is None  # until a refresh
    assert cxcr4["value_disease_association"] == ""
    assert cxcr4["value_enhancement_precedent"] == "0.0"  # known: no agent of CXCR4 enhances it


def test_xlsx_has_the_ranking_and_what_produced_it(client, ranked):
    response = client.get("/ranking/export.xlsx", {"role": "dual"})
    workbook = load_workbook(io.BytesIO(response.content))
    ranking = list(workbook["ranking"].values)
    about = dict(workbook["run"].values)
    assert ranking[0][:2] == ("rank", "symbol")
    assert {row[1] for row in ranking[1:]} == set(Target.objects.filter(role="dual").values_list("symbol", flat=True))
    assert (about["profile"], about["profile_version"]) == ("balanced", "1")
    assert about["input_hash"] == ranked.input_hash


def test_csv_carries_the_same_metadata_as_the_api_export(client, ranked):
    from targets.exports.builder import export_metadata

    response = client.get("/ranking/export.csv", {"role": "dual"})
    metadata = _csv_metadata(response)
    assert set(export_metadata(ranked)) <= set(metadata)
    assert (metadata["run"], metadata["profile_version"], metadata["method"]) == (str(ranked.pk), "1", ranked.method)
    assert metadata["missing_policy"] == ranked.missing_policy
    assert json.loads(metadata["data_versions"]) == ranked.data_versions
    assert metadata["created_at"] == ranked.created_at.isoformat() and metadata["exported_at"]
    assert "role=dual" in metadata["filters"]
    assert {row["role"] for row in _csv(response)} == {"dual"}


def test_xlsx_run_sheet_carries_the_api_metadata(client, ranked):
    about = dict(load_workbook(io.BytesIO(client.get("/ranking/export.xlsx").content))["run"].values)
    assert (about["run"], about["profile_version"], about["missing_policy"]) == (
        str(ranked.pk),
        "1",
        ranked.missing_policy,
    )
    assert json.loads(about["data_versions"]) == ranked.data_versions


def test_a_preview_export_says_it_is_an_unsaved_preview(client, ranked):
    response = client.get("/ranking/export.csv", {"profile": "clinical-first"})
    metadata = _csv_metadata(response)
    assert response.status_code == 200 and "preview" in response["Content-Disposition"]
    assert (metadata["run"], metadata["profile"], metadata["profile_version"]) == (
        "unsaved preview",
        "clinical-first",
        "1",
    )
    assert metadata["method"] and json.loads(metadata["data_versions"])
    assert _csv(response)


@pytest.mark.parametrize("url", ["/ranking/export.csv", "/ranking/export.xlsx"])
@pytest.mark.parametrize(
    "params",
    [{"role": "bogus"}, {"stage_aml": "phase9"}, {"compartment": "moon"}, {"profile": "clinical-first", "role": "x"}],
)
def test_an_invalid_filter_answers_400_not_everything(client, ranked, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    field = next(key for key in params if key != "profile")
    assert field in response.content.decode()


@pytest.mark.parametrize("url", ["/ranking/export.csv", "/ranking/export.xlsx"])
def test_an_unknown_profile_answers_400(client, ranked, url):
    response = client.get(url, {"profile": "no-such-profile"})
    assert response.status_code == 400
    assert "no-such-profile" in response.content.decode()

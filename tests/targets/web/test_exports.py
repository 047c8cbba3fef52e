"""Ranking exports: the filtered, sorted table as CSV and XLSX, missing values left empty."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from targets.models import Target

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_every_ranked_target_in_rank_order(client, ranked):
    response = client.get("/ranking/export.csv")
    rows = _csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert f"run{ranked.pk}" in response["Content-Disposition"]
    assert len(rows) == ranked.rows.count()
    assert [row["symbol"] for row in rows[:3]] == list(
        ranked.rows.order_by("rank").values_list("target__symbol", flat=True)[:3]
    )


def test_csv_follows_the_page_filters(client, ranked):
    rows = _csv(client.get("/ranking/export.csv", {"role": "anti_leukemic"}))
    assert rows and {row["role"] for row in rows} == {"anti_leukemic"}


def test_missing_values_are_empty_not_zero(client, ranked):
    cxcr4 = next(row for row in _csv(client.get("/ranking/export.csv")) if row["symbol"] == "CXCR4")
    assert ranked.rows.get(target__symbol="CXCR4").values["safety"] is None
    assert cxcr4["value_safety"] == ""
    assert cxcr4["value_novelty"] == "0.0"


def test_xlsx_has_the_ranking_and_what_produced_it(client, ranked):
    response = client.get("/ranking/export.xlsx", {"role": "dual"})
    workbook = load_workbook(io.BytesIO(response.content))
    ranking = list(workbook["ranking"].values)
    about = dict(workbook["run"].values)
    assert ranking[0][:2] == ("rank", "symbol")
    assert {row[1] for row in ranking[1:]} == set(Target.objects.filter(role="dual").values_list("symbol", flat=True))
    assert about["profile"] == "balanced v1"
    assert about["input_hash"] == ranked.input_hash

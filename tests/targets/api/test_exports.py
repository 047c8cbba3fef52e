"""/api/rankings/{id}/export/: CSV, JSON and XLSX, each carrying what produced the ranking."""

import io

import pytest
from openpyxl import load_workbook

from tests.support.csv_reading import csv_metadata, read_default_csv

pytestmark = pytest.mark.django_db


def test_csv_is_the_table_with_the_metadata_as_columns(api, ranked):
    response = api.get(f"/api/rankings/{ranked.pk}/export/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"-v1-run{ranked.pk}.csv" in response["Content-Disposition"]
    header, table = read_default_csv(response.content.decode())
    assert header[:2] == ["rank", "symbol"]
    metadata = csv_metadata(table)
    assert metadata["profile"] == "balanced"
    assert metadata["profile_version"] == "1"
    assert metadata["method"] == ranked.method
    assert metadata["missing_policy"] == ranked.missing_policy
    assert "catalogue" in metadata["data_versions"]
    assert metadata["created_at"].startswith(ranked.created_at.date().isoformat())
    assert len(table) == 38
    assert table[0]["rank"] == "1"


def test_json_has_metadata_columns_and_rows(api, ranked):
    body = api.get(f"/api/rankings/{ranked.pk}/export/?format=json").json()
    assert body["metadata"]["run"] == ranked.pk
    assert body["metadata"]["profile_version"] == 1
    assert len(body["rows"]) == 38
    assert set(body["rows"][0]) == set(body["columns"])


def test_xlsx_has_a_ranking_sheet_and_a_run_sheet(api, ranked):
    response = api.get(f"/api/rankings/{ranked.pk}/export/?format=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["ranking"].max_row == 39  # header + 38 targets
    facts = {row[0]: row[1] for row in workbook["run"].iter_rows(values_only=True)}
    assert facts["profile"] == "balanced"
    assert facts["method"] == ranked.method
    assert "catalogue" in facts["data_versions"]


def test_exports_apply_the_row_filters(api, ranked):
    body = api.get(f"/api/rankings/{ranked.pk}/export/?format=json&role=dual").json()
    assert body["rows"] and all(row["role"] == "dual" for row in body["rows"])
    assert body["metadata"]["filters"] == "role=dual"


def test_an_unknown_run_is_a_json_404_even_when_csv_was_asked(api, ranked):
    response = api.get("/api/rankings/999999/export/?format=csv")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_format_is_a_404(api, ranked):
    response = api.get(f"/api/rankings/{ranked.pk}/export/?format=pdf")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404

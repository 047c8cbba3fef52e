"""What both faces (the API and the web pages) must answer alike: each face's test module asserts these.

Assembled for the tests from the catalogue fixture (38 targets, profile `balanced` v1)."""

from __future__ import annotations

import json

from tests.support.csv_reading import csv_metadata, read_default_csv

UNKNOWN_SYMBOL = "NOPE1"
UNKNOWN_SYMBOL_MESSAGE = f"unknown identifiers: {UNKNOWN_SYMBOL}"
WHAT_IF_WEIGHT = ("hsc_safety", 3.0)
SUBSET = ["CXCR4", "CXCL12", "VCAM1"]


def stored_export_name(run, extension: str) -> str:
    """The one file name of a stored run's export."""
    return f"nicherank-{run.profile.name}-v{run.profile.version}-run{run.pk}.{extension}"


def preview_export_name(profile: str, version: int, extension: str) -> str:
    """The one file name of an unsaved ranking's export (a what-if over a profile)."""
    return f"nicherank-{profile}-v{version}-preview.{extension}"


def full_ranks(profile: str = "balanced", weights: dict | None = None) -> dict[str, int | None]:
    """symbol -> rank among ALL targets under a profile with some weights changed (what a subset must show)."""
    from targets.ranking.profiles import current_profile
    from targets.ranking.whatif import what_if

    base = current_profile(profile)
    data = {"base_profile": profile, "weights": {**base.weights, **(weights or {})}}
    return {row.symbol: row.rank for row in what_if(data=data).ranking.rows}


def assert_what_if_export(response, profile: str = "balanced", version: int = 1) -> None:
    """A what-if's CSV (WHAT_IF_WEIGHT over a profile): the preview name, "unsaved preview" with the what-if's
    weight in the metadata, and every row's rank its rank among all targets."""
    key, weight = WHAT_IF_WEIGHT
    assert response.status_code == 200
    _, rows = read_default_csv(response.content.decode())
    metadata = csv_metadata(rows)
    assert preview_export_name(profile, version, "csv") in response["Content-Disposition"]
    assert metadata["run"] == "unsaved preview"
    assert json.loads(metadata["weights"])[key] == weight
    expected = full_ranks(profile, weights={key: weight})
    assert {row["symbol"]: int(row["rank"]) for row in rows if row["rank"]} == {
        symbol: rank for symbol, rank in expected.items() if rank is not None
    }


def assert_stored_export(response, run) -> None:
    """A stored run's CSV filtered by role=dual: the one name and metadata (profile and version apart)."""
    _, rows = read_default_csv(response.content.decode())
    metadata = csv_metadata(rows)
    assert stored_export_name(run, "csv") in response["Content-Disposition"]
    assert (metadata["run"], metadata["profile"], metadata["profile_version"]) == (str(run.pk), "balanced", "1")
    assert metadata["filters"] == "role=dual"

"""What both faces (the API and the web pages) must answer alike: each face's test module asserts these.

Assembled for the tests from the catalogue fixture (38 targets, profile `balanced` v1)."""

from __future__ import annotations

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

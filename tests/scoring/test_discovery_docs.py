"""docs/scoring.md's Discovery section names every discovery criterion and threshold the code uses."""

from pathlib import Path

from scoring.discovery import DISCOVERY_KEYS, discovery_definitions

DOC = (Path(__file__).resolve().parents[2] / "docs" / "scoring.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## Discovery") :]


def test_every_discovery_criterion_is_documented():
    for key in DISCOVERY_KEYS:
        assert f"`{key}`" in SECTION, key


def test_every_discovery_threshold_appears_with_its_value():
    thresholds = discovery_definitions()["thresholds"]
    for name in ("atlas_full_marks", "consensus_full_marks", "curated_full_marks", "process_full_marks"):
        assert f"partners / {thresholds[name]}" in SECTION or f"annotations / {thresholds[name]}" in SECTION, name
    assert f"{thresholds['plasma_membrane_only']} plasma membrane only" in SECTION
    assert f"{thresholds['tractability_medium']} medium only" in SECTION

"""`validate_ranking`'s database side: the facts and stored profiles it validates, and the generated section of
docs/scoring.md that holds its figures."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from scoring.profiles import DEFAULT_PROFILES
from scoring.validation_report import BOOTSTRAP_SAMPLES, ValidationReport, validation_report
from targets.models import SourceRecord
from targets.ranking.facts import build_facts
from targets.ranking.profiles import current_profile, ensure_default_profiles, profile_spec

DOCS_PATH = Path(settings.BASE_DIR) / "docs" / "scoring.md"
BEGIN = "<!-- validate_ranking:begin -->"
END = "<!-- validate_ranking:end -->"


def data_description(target_count: int) -> str:
    """What the figures were computed on: the targets and which source records back them."""
    records = SourceRecord.objects.count()
    if not records:
        return f"{target_count} targets, bundled catalogue only (no source records)"
    assembled = SourceRecord.objects.filter(assembled=True).count()
    return f"{target_count} targets with {records:,} source records ({assembled:,} assembled)"


def ranking_validation(profile_name: str, *, samples: int = BOOTSTRAP_SAMPLES, seed: int = 0) -> ValidationReport:
    """Validate the current version of a stored profile on every target; agreement over the shipped profiles.

    Raises ScoringProfile.DoesNotExist for an unknown profile name."""
    ensure_default_profiles()
    profile = profile_spec(current_profile(profile_name))
    shipped = [profile_spec(current_profile(name)) for name in DEFAULT_PROFILES]
    facts = build_facts()
    return validation_report(facts, profile, shipped, data=data_description(len(facts)), samples=samples, seed=seed)


def docs_section(text: str) -> str:
    """The generated section between the markers (without them); ValueError naming the markers if absent."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"docs/scoring.md: no section between {BEGIN} and {END}")
    return text[start + len(BEGIN) : end].strip("\n") + "\n"


def with_docs_section(text: str, body: str) -> str:
    """``text`` with the generated section replaced by ``body``."""
    docs_section(text)  # checks the markers
    start, end = text.find(BEGIN) + len(BEGIN), text.find(END)
    return text[:start] + "\n" + body.rstrip("\n") + "\n" + text[end:]

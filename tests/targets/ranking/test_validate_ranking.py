"""`manage.py validate_ranking` on the bundled catalogue: its four figures, the docs section generated from them,
and the rule that strongly correlated criteria of the default profile need a written justification."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.profiles import DEFAULT_PROFILES
from scoring.validation_report import CORRELATION_FLAG
from targets.ranking import validation
from targets.ranking.validation import BEGIN, DOCS_PATH, END, docs_section, ranking_validation

pytestmark = pytest.mark.django_db

JUSTIFICATIONS = re.compile(
    r"<!-- correlation-justifications:begin -->(.*?)<!-- correlation-justifications:end -->", re.DOTALL
)
JUSTIFIED_PAIR = re.compile(r"^- `(\w+)` / `(\w+)`: (.+?)(?=^- `|\Z)", re.MULTILINE | re.DOTALL)
REGENERATE = (
    "docs/scoring.md's validate_ranking section is out of date: on a database holding only the bundled catalogue "
    "(`make run` or load_catalogue, no refresh), run `python manage.py validate_ranking --write-docs` and commit"
)


def _run(*args) -> str:
    out = io.StringIO()
    call_command("validate_ranking", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_prints_the_four_figures_for_the_catalogue_and_the_docs_hold_exactly_them(catalogue):
    text = _run()
    assert "Profile **balanced v" in text and "38 targets, bundled catalogue only" in text
    auc_rows = re.findall(r"^\| clinical_precedent, trial_activity[^|]*\| 3\d \| (\d\.\d\d|n/a) \|", text, re.M)
    assert len(auc_rows) == 2  # clinical criteria left out; and tractability too
    assert "| niche_biology | level_points.in_vivo | 2 |" in text
    assert re.search(r"Lowest tau -?\d\.\d\d; median -?\d\.\d\d over \d+ moves\.", text)
    assert "Flagged: " in text
    names = list(DEFAULT_PROFILES)
    pairs = re.findall(r"^\| ([\w-]+) \| ([\w-]+) \| (-?\d\.\d\d|n/a) \| (\d\.\d\d) \|$", text, re.M)
    assert [(a, b) for a, b, _, _ in pairs] == [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
    assert docs_section(DOCS_PATH.read_text(encoding="utf-8")) == text, REGENERATE


def test_write_docs_replaces_only_the_generated_section(catalogue, tmp_path, monkeypatch):
    docs = tmp_path / "scoring.md"
    docs.write_text(f"# Title\n\nbefore\n{BEGIN}\nstale figures\n{END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr("targets.management.commands.validate_ranking.DOCS_PATH", docs)
    text = _run("--samples", "200", "--write-docs")
    assert docs.read_text(encoding="utf-8") == f"# Title\n\nbefore\n{BEGIN}\n{text}{END}\nafter\n"
    assert "bootstrap 200 replicates" in text


def test_write_docs_refuses_a_file_without_the_markers(catalogue, tmp_path, monkeypatch):
    docs = tmp_path / "scoring.md"
    docs.write_text("# no markers\n", encoding="utf-8")
    monkeypatch.setattr("targets.management.commands.validate_ranking.DOCS_PATH", docs)
    with pytest.raises(CommandError, match="validate_ranking:begin"):
        _run("--samples", "50", "--write-docs")
    assert docs.read_text(encoding="utf-8") == "# no markers\n"


def test_bad_arguments_are_errors_naming_them(catalogue):
    with pytest.raises(CommandError, match="unknown profile 'nope'"):
        _run("--profile", "nope")
    with pytest.raises(CommandError, match="--samples"):
        _run("--samples", "0")


def test_strongly_correlated_criteria_of_the_default_profile_are_justified_in_the_docs(catalogue):
    report = ranking_validation(settings.NICHERANK_DEFAULT_PROFILE, samples=10)
    block = JUSTIFICATIONS.search(DOCS_PATH.read_text(encoding="utf-8"))
    assert block, "docs/scoring.md: no correlation-justifications block"
    justified = {frozenset(pair[:2]): pair[2] for pair in JUSTIFIED_PAIR.findall(block.group(1))}
    for a, b, rho in report.correlations.flagged:
        reason = justified.get(frozenset((a, b)), "")
        assert len(reason) >= 80, (
            f"criteria {a} and {b} of the default profile correlate at {rho:+.2f} on the catalogue (above "
            f"|{CORRELATION_FLAG}|): redefine one, or justify the pair in docs/scoring.md's correlation block"
        )


def test_the_data_line_says_when_source_records_back_the_figures(catalogue):
    from django.utils import timezone

    from targets.models import SourceRecord, Target

    assert validation.data_description(38) == "38 targets, bundled catalogue only (no source records)"
    SourceRecord.objects.create(
        source="opentargets",
        record_type="target",
        key="x",
        target=Target.objects.first(),
        assembled=True,
        fetched_at=timezone.now(),
        content_hash="0" * 64,
        payload={},
    )
    assert validation.data_description(38) == "38 targets with 1 source records (1 assembled)"

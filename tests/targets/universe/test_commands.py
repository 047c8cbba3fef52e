"""The universe commands: rank_universe prints the top, discovery_recall writes the recall block of a doc."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_rank_universe_needs_genes(db):
    with pytest.raises(CommandError, match="run load_universe first"):
        call_command("rank_universe", samples=10)


def test_rank_universe_prints_the_top_marking_curated_genes(universe):
    out = io.StringIO()
    call_command("rank_universe", samples=50, top=5, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Discovery run") and len(lines) == 6
    assert any("(curated)" in line for line in lines[1:])


def test_discovery_recall_replaces_only_its_block(universe, tmp_path):
    doc = tmp_path / "scoring.md"
    doc.write_text("before\n<!-- discovery-recall:begin -->\nold\n<!-- discovery-recall:end -->\nafter\n")
    call_command("discovery_recall", write=doc, stdout=io.StringIO())
    text = doc.read_text()
    assert text.startswith("before\n") and text.endswith("after\n") and "old" not in text
    assert "curated targets among them" in text and "| all criteria |" in text and "without curated_partners" in text


def test_discovery_recall_refuses_a_doc_without_the_block(universe, tmp_path):
    doc = tmp_path / "other.md"
    doc.write_text("no block here\n")
    with pytest.raises(CommandError, match="no <!-- discovery-recall:begin -->"):
        call_command("discovery_recall", write=doc, stdout=io.StringIO())
    assert doc.read_text() == "no block here\n"

"""Evidence CSV import: every row checked first, errors per line and field, nothing written on failure."""

from __future__ import annotations

import pytest

from targets.curation.evidence_import import evidence_import
from targets.models import Evidence

pytestmark = pytest.mark.django_db

HEADER = "symbol,citation,claim,direction,level,verified,checked_source\n"
GOOD = (
    HEADER
    + "CXCR4,PMID:12345678,Stromal CXCL12 retains blasts in co-culture,pro_leukemic,in_vitro,yes,"
    + "https://pubmed.ncbi.nlm.nih.gov/12345678/\n"
    + "ENSG00000162692,10.1000/xyz123,VCAM1 blockade frees blasts in mice,supports a pro-leukemic role,"
    + "in vivo model,,\n"
)


def test_valid_rows_are_all_written_with_the_importer_recorded(catalogue, curator):
    before = Evidence.objects.count()
    result = evidence_import(content=GOOD.encode(), user=curator)
    assert (result.ok, result.created, result.unchanged) == (True, 2, 0)
    assert Evidence.objects.count() == before + 2
    stored = Evidence.objects.get(citation="12345678")
    assert (stored.target.symbol, stored.level, stored.verified) == ("CXCR4", "in_vitro", True)
    assert stored.created_by == curator
    vcam1 = Evidence.objects.get(citation="10.1000/xyz123")
    assert (vcam1.target.symbol, vcam1.direction, vcam1.level) == ("VCAM1", "pro_leukemic", "in_vivo")
    assert stored.history.first().history_user == curator


def test_one_bad_row_means_nothing_is_written_and_every_problem_is_listed(catalogue, curator):
    content = GOOD + "NOPE9,abc,,sideways,level9,maybe,\n"
    before = Evidence.objects.count()
    result = evidence_import(content=content, user=curator)
    assert not result.ok
    assert Evidence.objects.count() == before
    problems = {(error.line, error.field) for error in result.errors}
    assert problems == {(4, "symbol"), (4, "citation"), (4, "claim"), (4, "direction"), (4, "level"), (4, "verified")}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(catalogue, curator):
    evidence_import(content=GOOD, user=curator)
    count = Evidence.objects.count()
    again = evidence_import(content=GOOD, user=curator)
    assert (again.ok, again.created, again.unchanged) == (True, 0, 2)
    assert Evidence.objects.count() == count


def test_a_row_repeated_within_the_file_is_reported(catalogue):
    lines = GOOD.splitlines()
    result = evidence_import(content="\n".join([*lines, lines[1]]) + "\n")
    assert [(e.line, e.field) for e in result.errors] == [(4, "row")]
    assert "repeats line 2" in result.errors[0].message


@pytest.mark.parametrize(
    ("content", "field", "line"),
    [
        ("symbol,citation,claim\nCXCR4,1,x\n", "direction", 1),
        ("symbol,citation,claim,direction,colour\n", "colour", 1),
        ("", "file", 0),
        (b"\xff\xfe\x00bad", "file", 0),
    ],
)
def test_file_level_problems_are_named(catalogue, content, field, line):
    result = evidence_import(content=content)
    assert (result.errors[0].line, result.errors[0].field) == (line, field)


def _errors(content) -> list[tuple[int, str]]:
    before = Evidence.objects.count()
    result = evidence_import(content=content)
    assert not result.ok and result.created == 0
    assert Evidence.objects.count() == before
    return [(error.line, error.field) for error in result.errors]


def test_a_field_over_the_csv_size_limit_is_an_error_on_its_line(catalogue):
    content = GOOD + "CXCR4,12345678," + "x" * 131_073 + ",pro_leukemic\n"
    assert _errors(content) == [(4, "row")]


def test_an_unclosed_quote_is_an_error_on_the_line_it_opens(catalogue):
    content = GOOD + 'CXCR4,12345678,"an unclosed claim,pro_leukemic\nVCAM1,87654321,another,mixed\n'
    result = evidence_import(content=content)
    assert [(e.line, e.field) for e in result.errors] == [(4, "row")]
    assert "quote" in result.errors[0].message
    assert Evidence.objects.filter(citation="12345678").count() == 0


@pytest.mark.parametrize(
    ("row", "field"), [("CXCR4,12345678,a\x00claim,mixed", "claim"), ("CXCR4\x00,12345678,a claim,mixed", "symbol")]
)
def test_a_nul_byte_in_a_cell_is_refused_naming_line_and_column(catalogue, row, field):
    result = evidence_import(content=f"{GOOD}{row},,\n")
    nul = [e for e in result.errors if "NUL" in e.message]
    assert [(e.line, e.field) for e in nul] == [(4, field)]
    assert not result.ok and Evidence.objects.filter(citation="12345678").count() == 0


def test_a_nul_byte_in_the_header_is_refused(catalogue):
    result = evidence_import(content="symbol,citation,claim,direction\x00\nCXCR4,12345678,a claim,mixed\n")
    assert [(e.line, e.field) for e in result.errors if "NUL" in e.message] == [(1, "column 4")]
    assert not Evidence.objects.filter(citation="12345678").exists()


@pytest.mark.parametrize("content", [HEADER, HEADER + "\n,,,,,\n"])
def test_a_header_without_rows_is_an_error(catalogue, content):
    result = evidence_import(content=content)
    assert not result.ok
    assert [(e.line, e.field) for e in result.errors] == [(0, "file")]
    assert "no rows" in result.errors[0].message


def test_a_repeated_column_is_an_error_naming_it(catalogue):
    content = "symbol,citation,claim,direction,claim\nCXCR4,12345678,first,mixed,second\n"
    result = evidence_import(content=content)
    assert [(e.line, e.field) for e in result.errors] == [(1, "claim")]
    assert "more than once" in result.errors[0].message
    assert not Evidence.objects.filter(citation="12345678").exists()


def test_graded_columns_are_imported_and_a_verified_row_needs_its_checked_source(catalogue, curator):
    header = "symbol,citation,claim,direction,level,verified,niche_mediated,checked_source,note\n"
    good = header + "CXCR4,23213054,A co-culture finding,pro_leukemic,in_vitro,no,yes,,via review\n"
    assert evidence_import(content=good, user=curator).created == 1
    stored = Evidence.objects.get(claim="A co-culture finding")
    assert (stored.niche_mediated, stored.verified, stored.note) == (True, False, "via review")
    bad = header + "CXCR4,23213054,Another finding,pro_leukemic,in_vitro,yes,maybe,,\n"
    problems = {(error.line, error.field) for error in evidence_import(content=bad, user=curator).errors}
    assert problems == {(2, "niche_mediated"), (2, "checked_source")}

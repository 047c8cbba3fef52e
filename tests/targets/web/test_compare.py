"""Compare 2-5 targets: a table, a radar overlay and why each is above the next."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_two_targets_side_by_side_with_the_reason_for_their_order(client, ranked):
    response = client.get("/compare/", {"symbols": "vcam1, CXCR4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Why is CXCR4 above VCAM1?" in html
    assert 'id="radar-data"' in html
    table = html.split('id="compare-table"')[1].split("</table>")[0]
    assert table.index("VCAM1") < table.index("CXCR4")  # columns in the order asked


def test_the_explanation_names_the_criteria_that_separate_them(client, ranked):
    html = client.get("/compare/", {"symbols": "CXCR4,BCL2"}).content.decode()
    why = html.split("Why is CXCR4 above BCL2?")[1]
    assert "Niche specificity" in why and "for CXCR4" in why  # receptor of the MSC ligand CXCL12
    assert "Clinical precedent" in why and "for BCL2" in why  # venetoclax, approved in AML


@pytest.mark.parametrize(
    ("symbols", "message"),
    [("CXCR4", "between 2 and 5"), ("CXCR4,BCL2,AXL,JAK2,CD38,CD47", "between 2 and 5"), ("CXCR4,NOPE9", "NOPE9")],
)
def test_wrong_choices_are_explained(client, ranked, symbols, message):
    response = client.get("/compare/", {"symbols": symbols})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_compare_with_from_a_target_page_asks_for_the_second_target(client, ranked):
    target_page = client.get("/targets/CXCR4/").content.decode()
    link = target_page.split(">Compare with…</a>")[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Add one to 4 more targets to compare with CXCR4" in html
    assert 'value="CXCR4, "' in html  # the form starts from this target
    second = html.split('id="compare-start"')[1].split("</p>")[0]
    choice = second.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert client.get("/compare/" + choice).status_code == 200  # a neighbour link compares the two

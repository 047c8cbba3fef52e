"""The changes page splits each target's move between two runs into data and weights."""

from __future__ import annotations

import pytest

from targets.models import Target
from targets.ranking.profiles import current_profile
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def _section(html: str, cause: str) -> str:
    return html.split(f'data-cause="{cause}"')[1].split("</table>")[0] if f'data-cause="{cause}"' in html else ""


def test_new_weights_show_as_moves_by_weights(client, ranked):
    later = ranking_run_create(profile=current_profile("clinical-first"), triggered_by="test", samples=0)
    html = client.get("/changes/", {"a": ranked.pk, "b": later.pk}).content.decode()
    assert "weights <strong>changed</strong>" in html and "data unchanged" in html
    assert 'data-symbol="' in _section(html, "weights")
    assert _section(html, "data") == ""


def test_new_data_shows_as_moves_by_data(client, ranked):
    Target.objects.filter(symbol="VCAM1").update(aml_association_datatypes={"somatic_mutation": 0.5})
    later = ranking_run_create(triggered_by="test", samples=0)
    html = client.get("/changes/").content.decode()  # defaults: the two newest runs
    assert f"run #{later.pk}" in html
    section = _section(html, "data")
    assert 'data-symbol="VCAM1"' in section
    assert "disease_association" in section.split('data-symbol="VCAM1"')[1].split("</tr>")[0]


def test_with_one_run_the_page_explains_that_two_are_needed(client, ranked):
    assert "changes need two" in client.get("/changes/").content.decode()


def test_by_default_the_newest_run_is_compared_with_the_previous_run_of_its_profile(client, ranked):
    ranking_run_create(profile=current_profile("clinical-first"), triggered_by="test", samples=0)
    newest = ranking_run_create(triggered_by="test", samples=0)
    html = client.get("/changes/").content.decode()
    assert f"Run #{ranked.pk} (balanced v1) → run #{newest.pk} (balanced v1)" in html


def test_the_data_versions_that_differ_are_listed(client, ranked):
    Target.objects.filter(symbol="VCAM1").update(aml_association=1.0)
    later = ranking_run_create(triggered_by="test", samples=0)
    later.data_versions = {**ranked.data_versions, "catalogue": "0123456789abcdef"}
    later.save(update_fields=["data_versions"])
    html = client.get("/changes/").content.decode()
    table = html.split('id="data-versions"')[1].split("</table>")[0]
    assert "catalogue" in table and "content 0123456789ab" in table

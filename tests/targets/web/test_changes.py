"""The changes page splits each target's move between two runs into data and weights."""

from __future__ import annotations

import pytest

from targets.models import Target
from targets.ranking.profiles import current_profile, profile_payload, profile_save_version
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
    assert "Disease association" in section.split('data-symbol="VCAM1"')[1].split("</tr>")[0]


def test_with_one_run_the_page_explains_that_two_are_needed(client, ranked):
    assert "changes need two" in client.get("/changes/").content.decode()


def test_by_default_the_newest_run_is_compared_with_the_previous_run_of_its_profile(client, ranked):
    ranking_run_create(profile=current_profile("clinical-first"), triggered_by="test", samples=0)
    newest = ranking_run_create(triggered_by="test", samples=0)
    html = client.get("/changes/").content.decode()
    assert f"Run #{ranked.pk} (balanced v1) → run #{newest.pk} (balanced v1)" in html


def test_the_data_that_differ_are_listed_in_words_not_hashes(client, ranked):
    Target.objects.filter(symbol="VCAM1").update(aml_association=1.0)
    later = ranking_run_create(triggered_by="test", samples=0)
    # assembled: the later run records one more evidence row and an edited catalogue (same number of targets)
    evidence_rows = int(ranked.data_versions["evidence"].split(":")[0])
    later.data_versions = {
        **ranked.data_versions,
        "catalogue": ranked.data_versions["catalogue"].split(":")[0] + ":0123456789abcdef",
        "evidence": f"{evidence_rows + 1}:fedcba9876543210",
    }
    later.save(update_fields=["data_versions"])
    html = client.get("/changes/").content.decode()
    table = html.split('id="data-versions"')[1].split("</table>")[0]
    assert "Catalogue targets" in table and "rows, some edited" in table
    assert f"{evidence_rows} rows</td><td>{evidence_rows + 1} rows" in table
    assert "0123456789ab" not in table and "fedcba" not in table


def test_each_changed_weight_is_named_with_its_old_and_new_value(client, ranked):
    data = profile_payload(current_profile("balanced"))
    data["weights"] = {**data["weights"], "novelty": 2.0, "niche_biology": 1.0}
    later = ranking_run_create(profile=profile_save_version(name="balanced", data=data), samples=0)
    html = client.get("/changes/", {"a": ranked.pk, "b": later.pk}).content.decode()
    table = html.split('id="profile-changes"')[1].split("</table>")[0]
    assert "weight of Novelty</th><td>0 (0%)</td><td>2 (" in table
    assert "weight of Niche biology</th><td>3 (25%)</td><td>1 (" in table


def test_a_score_change_that_moves_no_rank_is_listed(client, ranked):
    later = ranking_run_create(triggered_by="test", samples=0)
    # assembled: the last ranked target's stored score nudged by 0.002, too little to move it
    last = later.rows.filter(rank__isnull=False).order_by("-rank").first()
    before = ranked.rows.get(target=last.target).score
    later.rows.filter(pk=last.pk).update(score=before - 0.002)
    html = client.get("/changes/", {"a": ranked.pk, "b": later.pk}).content.decode()
    section = _section(html, "score")
    assert f'data-symbol="{last.target.symbol}"' in section
    assert "Score changed, rank kept" in html
    assert f"{before:.3f}" in section and f"{before - 0.002:.3f}" in section


def test_identical_reruns_are_merged_and_not_compared_by_default(client, ranked):
    first = ranking_run_create(triggered_by="restart", samples=0)
    second = ranking_run_create(triggered_by="restart", samples=0)  # a restart: same profile version, same data
    html = client.get("/changes/").content.decode()
    assert f"Run #{ranked.pk} (balanced v1) → run #{second.pk} (balanced v1)" in html
    assert f"(same as #{first.pk}: identical rerun)" in html
    assert html.count(f'<option value="{first.pk}"') == 0
    html = client.get("/changes/", {"a": first.pk, "b": second.pk}).content.decode()
    assert 'id="identical-runs"' in html

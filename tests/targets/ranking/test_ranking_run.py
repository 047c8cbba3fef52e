"""A ranking run over the catalogue is stored whole, explains itself and can be reproduced."""

import io

import pytest
from django.core.management import call_command

from targets.models import RankingRow, RankingRun, ScoringProfile, Target
from targets.ranking.profiles import current_profile, profile_save_version
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def test_run_stores_one_row_per_target_with_contributions_that_sum_to_the_score(ranked):
    rows = list(ranked.rows.all())
    assert len(rows) == 38 == ranked.target_count
    ranks = sorted(row.rank for row in rows if row.rank is not None)
    assert ranks == list(range(1, len(ranks) + 1))
    for row in rows:
        if row.score is not None:
            assert sum(row.contributions.values()) == pytest.approx(row.score, abs=1e-9)
        assert 0.0 <= row.coverage <= 1.0


def test_run_records_what_it_was_computed_from(ranked):
    assert ranked.profile.name == "balanced"
    assert len(ranked.input_hash) == 64
    assert ranked.code_version
    assert {"catalogue", "evidence", "mechanisms", "trials", "trial_links"} <= set(ranked.data_versions)
    assert ranked.data_versions["catalogue"].startswith("38:")
    assert {item["key"] for item in ranked.criteria} >= {
        "clinical_precedent",
        "niche_biology",
        "niche_specificity",
        "hsc_safety",
    }


def test_same_inputs_give_the_same_hash_and_ranks(ranked):
    again = ranking_run_create(triggered_by="test", samples=200)
    assert again.input_hash == ranked.input_hash
    first = list(ranked.rows.values_list("target__symbol", "rank", "score", "rank_p05", "rank_p95"))
    second = list(again.rows.values_list("target__symbol", "rank", "score", "rank_p05", "rank_p95"))
    assert first == second


def test_the_default_ranking_weighs_the_niche_and_the_clinic_and_leaves_enhancement_aside(ranked):
    rows = {row.target.symbol: row for row in ranked.rows.select_related("target")}
    assert rows["CXCR4"].rank < rows["RAB27A"].rank  # receptor of MSC CXCL12 in the clinic vs a preclinical EV target
    best_precedent = max(row.values["clinical_precedent"] or 0 for row in rows.values())
    assert rows["BCL2"].values["clinical_precedent"] == best_precedent == 1.0  # venetoclax, approved in AML
    assert rows["VCAM1"].values["niche_specificity"] > rows["BCL2"].values["niche_specificity"]
    assert rows["TNFSF10"].rank is None and "enhancement" in rows["TNFSF10"].excluded_reason


def test_editing_a_profile_adds_a_version_and_old_runs_keep_theirs(ranked):
    old = current_profile("balanced")
    new = profile_save_version(name="balanced", data={"weights": {"clinical_precedent": 1.0}, "method": "weighted_sum"})
    assert (new.version, new.is_current) == (old.version + 1, True)
    old.refresh_from_db()
    assert old.is_current is False
    assert ranked.profile_id == old.pk
    assert ScoringProfile.objects.filter(name="balanced").count() == 2


def test_invalid_profile_data_names_the_field(catalogue):
    with pytest.raises(ValueError, match="weights"):
        profile_save_version(name="mine", data={"weights": {"clinical_precedent": -1.0}})
    with pytest.raises(ValueError, match="weights"):
        profile_save_version(name="mine", data={"weights": {"no_such_criterion": 1.0}})
    assert not ScoringProfile.objects.filter(name="mine").exists()


def test_rank_command_prints_the_top_of_the_list(catalogue):
    out = io.StringIO()
    call_command("rank", "--top", "5", "--samples", "50", stdout=out)
    lines = out.getvalue().splitlines()
    run = RankingRun.objects.latest()
    top = list(
        RankingRow.objects.filter(run=run, rank__lte=5).order_by("rank").values_list("target__symbol", flat=True)
    )
    assert len(top) == 5
    for rank, symbol in enumerate(top, start=1):
        assert any(line.split()[:2] == [str(rank), symbol] for line in lines)


def test_rank_command_adds_no_run_when_nothing_changed_and_says_so_unless_forced(catalogue):
    call_command("rank", "--top", "0", "--samples", "20", stdout=io.StringIO())
    first = RankingRun.objects.latest()
    out = io.StringIO()
    call_command("rank", "--top", "3", "--samples", "20", stdout=out)
    assert RankingRun.objects.count() == 1
    assert f"Nothing changed since ranking run #{first.pk}" in out.getvalue()
    assert "--force" in out.getvalue()
    assert any(line.split()[:1] == ["1"] for line in out.getvalue().splitlines())  # the top is still printed
    call_command("rank", "--top", "0", "--samples", "20", "--force", stdout=io.StringIO())
    assert RankingRun.objects.count() == 2


def test_rank_command_adds_a_run_when_the_data_changed(catalogue):
    call_command("rank", "--top", "0", "--samples", "0", stdout=io.StringIO())
    Target.objects.filter(symbol="VCAM1").update(aml_association_datatypes={"somatic_mutation": 0.5})
    out = io.StringIO()
    call_command("rank", "--top", "0", "--samples", "0", stdout=out)
    assert RankingRun.objects.count() == 2
    assert out.getvalue().startswith(f"Ranking run #{RankingRun.objects.latest().pk}")


def test_rank_command_names_unknown_profiles(catalogue):
    with pytest.raises(Exception, match="unknown profile 'nope'; known: antibody-first"):
        call_command("rank", "--profile", "nope")


def test_rank_command_refuses_a_negative_top(catalogue):
    with pytest.raises(Exception, match="--top must be 0 or more"):
        call_command("rank", "--top", "-3")


def test_a_legacy_shipped_profile_gets_a_new_version_and_its_old_runs_stay_readable(catalogue):
    from scoring.profiles import DEFAULT_PROFILES
    from targets.models import RankingRow, RankingRun, Target
    from targets.ranking.explain import explain_adjacent, stored_ranking
    from targets.ranking.profiles import ensure_default_profiles, profile_spec

    legacy = ScoringProfile.objects.create(name="balanced", version=1, weights={"clinical_aml": 2.0, "novelty": 0.5})
    old_run = RankingRun.objects.create(
        profile=legacy,
        method="weighted_sum",
        missing_policy="renormalise",
        input_hash="0" * 64,
        code_version="1.0.0",
        criteria=[{"key": "clinical_aml", "version": "1"}, {"key": "novelty", "version": "1"}],
        target_count=2,
    )
    for rank, symbol, values in ((1, "BCL2", {"clinical_aml": 1.0, "novelty": 0.0}), (2, "VCAM1", {"novelty": 1.0})):
        RankingRow.objects.create(
            run=old_run,
            target=Target.objects.get(symbol=symbol),
            rank=rank,
            score=0.8 / rank,
            eligible=True,
            values=values,
            contributions={k: v * 0.8 / rank for k, v in values.items()},
            coverage=1.0,
        )
    ensure_default_profiles()
    current = current_profile("balanced")
    assert current.version == 2 and current.weights == dict(DEFAULT_PROFILES["balanced"].weights)
    legacy.refresh_from_db()
    assert not legacy.is_current and profile_spec(legacy).weights["clinical_aml"] == 2.0
    ranking = stored_ranking(old_run, old_run.rows.select_related("target"))
    assert ranking.criteria == ("clinical_aml", "novelty")
    assert "clinical_aml" in explain_adjacent(ranking)[0].summary
    ensure_default_profiles()
    assert ScoringProfile.objects.filter(name="balanced").count() == 2  # upgraded once, never again

"""Diffing two runs separates moves caused by the data from moves caused by the weights."""

import pytest

from targets.models import Drug, DrugMechanism, Target
from targets.ranking.diff import diff_runs
from targets.ranking.profiles import current_profile, profile_payload, profile_save_version
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def test_identical_runs_show_no_movement(ranked):
    again = ranking_run_create(samples=0)
    diff = diff_runs(ranked, again)
    assert not diff.profile_changed and not diff.data_changed
    assert {row.cause for row in diff.rows} == {"unchanged"}


def test_a_weight_change_is_attributed_to_the_weights(ranked):
    weights = {"niche_specificity": 1, "clinical_precedent": 0.1}
    data = {**profile_payload(current_profile("balanced")), "weights": weights}
    profile_save_version(name="balanced", data=data)
    after = ranking_run_create(profile=current_profile("balanced"), samples=0)
    diff = diff_runs(ranked, after)
    assert diff.profile_changed and not diff.data_changed
    moved = [row for row in diff.rows if row.moved]
    assert moved, "re-weighting towards niche specificity must move some targets"
    assert all(row.by_data == 0 and row.by_weights == row.moved and row.cause == "weights" for row in moved)


def test_a_data_change_is_attributed_to_the_data(ranked):
    # a (hypothetical) direct anti-VCAM1 antibody reaches phase 2 in AML
    antibody = Drug.objects.create(name="hypothetical anti-VCAM1", modality="antibody")
    DrugMechanism.objects.create(
        drug=antibody, target=Target.objects.get(symbol="VCAM1"), source="curator", stage_aml="phase2", verified=True
    )
    after = ranking_run_create(samples=0)
    diff = diff_runs(ranked, after)
    assert diff.data_changed and not diff.profile_changed
    row = next(row for row in diff.rows if row.symbol == "VCAM1")
    assert row.moved > 0 and row.by_data == row.moved and row.by_weights == 0
    assert "clinical_precedent" in row.changed_criteria


def test_new_evidence_changes_the_evidence_version_only(ranked):
    from targets.models import Evidence

    Evidence.objects.create(
        target=Target.objects.get(symbol="VCAM1"),
        citation="24599548",
        claim="in vivo chemoresistance",
        direction="pro_leukemic",
        level="in_vivo",
        verified=True,
    )
    after = ranking_run_create(samples=0)
    changed = {key for key in after.data_versions if after.data_versions[key] != ranked.data_versions.get(key)}
    assert changed == {"evidence"}


def test_a_new_profile_version_with_the_same_weights_is_not_a_weight_change(ranked):
    old = current_profile("balanced")
    data = profile_payload(old)
    data["weights"] = {k: v * 3 for k, v in old.weights.items()}
    profile_save_version(name="balanced", data=data)
    after = ranking_run_create(profile=current_profile("balanced"), samples=0)
    diff = diff_runs(ranked, after)
    assert after.profile_id != ranked.profile_id
    assert not diff.profile_changed


@pytest.mark.parametrize("policy", ["flag", "exclude", "penalise"])
def test_a_run_compared_with_itself_moves_nothing_under_every_dual_policy(ranked, policy):
    data = {**profile_payload(current_profile("balanced")), "dual_policy": policy}
    run = ranking_run_create(profile=profile_save_version(name="balanced", data=data), samples=0)
    assert Target.objects.filter(role="dual").exists(), "the catalogue must hold dual-role targets for this test"
    diff = diff_runs(run, run)
    assert {row.cause for row in diff.rows} == {"unchanged"}
    assert all(not row.by_data and not row.by_weights for row in diff.rows)


def test_a_dual_policy_change_alone_is_attributed_to_the_weights_not_the_data(ranked):
    data = {**profile_payload(current_profile("balanced")), "dual_policy": "flag"}
    after = ranking_run_create(profile=profile_save_version(name="balanced", data=data), samples=0)
    diff = diff_runs(ranked, after)
    moved = [row for row in diff.rows if row.moved]
    assert moved, "lifting the dual-role penalty must move a dual-role target"
    assert all(row.by_data == 0 and row.cause == "weights" for row in moved)


def test_a_gate_change_alone_is_attributed_to_the_weights_not_the_data(ranked):
    data = profile_payload(current_profile("balanced"))
    data["gates"] = {**data["gates"], "compartments": ["msc", "both"]}
    after = ranking_run_create(profile=profile_save_version(name="balanced", data=data), samples=0)
    diff = diff_runs(ranked, after)
    moved = [row for row in diff.rows if row.moved]
    assert moved, "admitting fewer compartments must move the targets left in"
    assert all(row.by_data == 0 and row.cause == "weights" for row in moved)

"""A source refresh run end to end against replayed sources, in this process (SQLite, no services)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from devtools.replay_server import Fault, Reply
from devtools.source_replay import CHEMBL_PATH, DGIDB_PATH, OT_PATH
from targets.models import ClinicalTrial, Drug, DrugMechanism, RefreshRun, SourceRecord, Target
from targets.refresh.runner import (
    refresh_batch_execute,
    refresh_run_execute,
    refresh_run_start,
    refresh_runs_expire,
)
from targets.refresh.status import source_status
from tests.targets.refresh.conftest import break_route, new_run

NICHE = ["CXCR4", "ITGA4", "VCAM1"]


def refresh(source: str, symbols=NICHE) -> dict:
    return refresh_run_execute(new_run(source, symbols).pk)


def database_state() -> dict:
    """Everything a refresh may write, to compare before and after."""
    return {
        "records": sorted(SourceRecord.objects.values_list("source", "record_type", "key", "content_hash")),
        "fetched": sorted(SourceRecord.objects.values_list("key", "fetched_at")),
        "targets": sorted(
            Target.objects.values_list("symbol", "name", "aml_association", "loeuf", "safety_event_count")
        ),
        "target_history": Target.history.count(),
        "drugs": sorted(Drug.objects.values_list("name", "chembl_id", "max_stage")),
        "mechanisms": sorted(DrugMechanism.objects.values_list("drug__name", "target__symbol", "source")),
        "trials": sorted(ClinicalTrial.objects.values_list("nct_id", "overall_status", "targets__symbol")),
    }


@pytest.mark.django_db
def test_open_targets_fills_the_fields_the_ranking_uses(catalogue, sources):
    summary = refresh("opentargets")
    assert summary["status"] == "succeeded"
    assert summary["counts"] == {"new": 5, "changed": 0, "unchanged": 0, "not_found": 0}
    cxcr4 = Target.objects.get(symbol="CXCR4")
    assert cxcr4.aml_association == pytest.approx(0.4821)
    assert "Approved Drug" in cxcr4.tractability["SM"] and "Advanced Clinical" not in cxcr4.tractability["SM"]
    assert cxcr4.is_membrane_or_secreted is True
    assert cxcr4.safety_event_count == 2 and cxcr4.loeuf == pytest.approx(0.58)
    assert cxcr4.aml_association_datatypes["literature"] == pytest.approx(0.4339)
    assert cxcr4.safety_signals.filter(kind="open_targets_liability", source="opentargets").count() == 2
    vcam1 = Target.objects.get(symbol="VCAM1")
    assert vcam1.aml_association is None and vcam1.aml_association_datatypes is None  # no row: left unknown
    mechanism = DrugMechanism.objects.get(target=cxcr4, source="opentargets")
    assert (mechanism.drug.chembl_id, mechanism.stage_any) == ("CHEMBL18442", "approved")
    assert mechanism.drug.name == "plerixafor"  # the catalogue's drug, matched by name, now with its id
    record = SourceRecord.objects.get(source="opentargets", record_type="target", key=cxcr4.ensembl_id)
    assert (record.release, record.target, record.assembled) == ("26.03", cxcr4, False)


@pytest.mark.django_db
def test_chembl_mechanisms_take_the_parent_drug_and_the_aml_stage_from_indications(catalogue, sources):
    assert refresh("chembl")["status"] == "succeeded"
    cxcr4 = Target.objects.get(symbol="CXCR4")
    assert cxcr4.name == "C-X-C chemokine receptor type 4"
    by_drug = {m.drug.chembl_id: m for m in DrugMechanism.objects.filter(target=cxcr4, source="chembl")}
    assert set(by_drug) == {"CHEMBL18442", "CHEMBL4650319"}  # the salt CHEMBL4297555 counts as plerixafor
    assert (by_drug["CHEMBL18442"].stage_aml, by_drug["CHEMBL18442"].stage_any) == ("phase2", "approved")
    assert Drug.objects.get(chembl_id="CHEMBL18442").first_approval == 2008


@pytest.mark.django_db
def test_trials_are_linked_to_the_drugs_they_name_and_their_targets(catalogue, sources):
    assert refresh("clinicaltrials")["status"] == "succeeded"
    trial = ClinicalTrial.objects.get(nct_id="NCT02305563")
    assert (trial.stage, trial.overall_status, trial.source) == ("phase1/2", "TERMINATED", "clinicaltrials")
    assert set(trial.targets.values_list("symbol", flat=True)) == {"CXCR4"}
    assert set(trial.drugs.values_list("name", flat=True)) == {"ulocuplumab"}
    assert not ClinicalTrial.objects.filter(nct_id="NCT09999901").exists()  # names no catalogue drug


@pytest.mark.django_db
def test_repeating_every_refresh_leaves_the_database_exactly_as_one_run(catalogue, sources):
    for source in ("opentargets", "chembl", "dgidb", "clinicaltrials"):
        assert refresh(source)["status"] == "succeeded"
    once = database_state()
    for source in ("opentargets", "chembl", "dgidb", "clinicaltrials"):
        summary = refresh(source)
        assert summary["counts"]["new"] == summary["counts"]["changed"] == 0
        assert summary["counts"]["unchanged"] > 0
    assert database_state() == once


@pytest.mark.django_db
def test_a_redelivered_batch_is_not_stored_or_counted_twice(catalogue, sources):
    run = refresh_run_start(new_run("dgidb", NICHE).pk)
    first = refresh_batch_execute(run.pk, 0)
    again = refresh_batch_execute(run.pk, 0)
    assert again == first and first["new"] > 0
    run.refresh_from_db()
    assert run.counts["new"] == first["new"]
    assert SourceRecord.objects.filter(source="dgidb").count() == first["new"]


@pytest.mark.django_db
def test_a_failing_source_keeps_its_last_good_data_and_is_marked_stale(catalogue, sources):
    assert refresh("opentargets")["status"] == "succeeded"
    good = database_state()
    break_route(sources, "POST", OT_PATH, Reply.text("upstream down", status=500))
    summary = refresh("opentargets")
    assert summary["status"] == "failed"
    assert "HTTP 500" in summary["stale_reason"] and "earlier data is kept" in summary["stale_reason"]
    assert database_state() == good
    status = {item.source: item for item in source_status()}
    assert status["opentargets"].stale and "HTTP 500" in status["opentargets"].stale_reason
    assert status["opentargets"].last_success.pk < status["opentargets"].latest_run.pk
    assert refresh("chembl")["status"] == "succeeded"  # the other sources go on
    status = {item.source: item for item in source_status()}
    assert not status["chembl"].stale and status["opentargets"].stale


@pytest.mark.django_db
def test_a_source_still_down_can_be_left_for_a_later_try_without_recording_a_failure(catalogue, sources):
    from targets.connectors.errors import TransientSourceError

    run = refresh_run_start(new_run("opentargets", ["CXCR4"]).pk)
    break_route(sources, "POST", OT_PATH, Reply.text("busy", status=503))
    with pytest.raises(TransientSourceError):
        refresh_batch_execute(run.pk, 0, raise_transient=True)  # the task retries it later
    run.refresh_from_db()
    assert run.progress["done"] == {}
    assert "HTTP 503" in refresh_batch_execute(run.pk, 0)["error"]  # the last try records it


@pytest.mark.django_db
def test_a_page_failing_in_the_middle_of_pagination_writes_nothing_for_its_batch(catalogue, sources):
    break_route(sources, "GET", CHEMBL_PATH + "/mechanism.json", Reply.text("boom", status=500), query={"offset": "1"})
    summary = refresh("chembl", ["CXCR4"])
    assert summary["status"] == "failed" and "HTTP 500" in summary["errors"][0]
    assert not SourceRecord.objects.filter(source="chembl").exists()  # not even the first page or the target
    assert not DrugMechanism.objects.filter(source="chembl").exists()


@pytest.mark.django_db
def test_malformed_json_fails_the_batch_but_not_the_others(catalogue, sources):
    # ITGA4 is in the first batch (CXCR4, ITGA4), VCAM1 alone in the second; DGIdb page 2 is cut short.
    dgidb_page2 = next(route for route in sources.routes if route.path == DGIDB_PATH)
    dgidb_page2.faults = {1: Fault.truncated(0.5, honest_length=True)}
    summary = refresh("dgidb")
    assert summary["status"] == "failed"
    assert summary["errors"][0].startswith("batch 1/2 (CXCR4..ITGA4): dgidb: malformed response")
    assert len(summary["errors"]) == 1
    assert SourceRecord.objects.filter(source="dgidb", key="VCAM1").exists()  # batch 2 was stored
    assert not SourceRecord.objects.filter(source="dgidb", key="CXCR4").exists()


@pytest.mark.django_db
def test_429_and_a_timeout_are_retried_and_the_refresh_succeeds(catalogue, sources, settings):
    settings.NICHERANK_REFRESH_MAX_TRIES = 3
    profiles = sources.routes[1]  # TargetProfiles (see replay.opentargets_routes)
    profiles.faults = {1: Fault.status_code(429, retry_after="0"), 2: Fault.timeout(1.0)}
    profiles.latency = 0.05
    summary = refresh("opentargets", ["CXCR4"])
    assert summary["status"] == "succeeded" and summary["counts"]["new"] == 2
    assert sources.attempts(profiles) == 3  # 429, timeout, then the answer


@pytest.mark.django_db
def test_a_run_is_claimed_once_and_one_refresh_per_source_runs_at_a_time(catalogue, sources):
    first = new_run("chembl")
    assert refresh_run_start(first.pk) is not None
    assert refresh_run_start(first.pk) is None  # a re-delivered start does nothing
    with pytest.raises(IntegrityError), transaction.atomic():  # a second active run of one source cannot exist
        new_run("chembl")
    assert not {item.source: item for item in source_status()}["chembl"].stale


@pytest.mark.django_db
def test_unknown_symbols_are_reported_and_the_rest_refreshed(catalogue, sources):
    run = new_run("dgidb", ["CXCR4", "NOTAGENE1"])
    summary = refresh_run_execute(run.pk)
    run.refresh_from_db()
    assert summary["status"] == "succeeded"
    assert run.progress["unknown_symbols"] == ["NOTAGENE1"]
    assert run.progress["batches"] == [["CXCR4"]]


@pytest.mark.django_db
def test_runs_lost_with_their_worker_are_closed_and_the_source_marked_stale(catalogue):
    lost = new_run("chembl")
    refresh_run_start(lost.pk)
    RefreshRun.objects.filter(pk=lost.pk).update(started_at=timezone.now() - timedelta(hours=7))
    assert refresh_runs_expire() == 1
    lost.refresh_from_db()
    assert lost.status == "failed" and lost.stale_reason.startswith("abandoned")
    assert {item.source: item for item in source_status()}["chembl"].stale

"""export_snapshot / load_snapshot: every record with its provenance, and the bundled assembled snapshot."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from targets.models import ClinicalTrial, DrugMechanism, SourceRecord, Target
from targets.refresh.runner import refresh_run_execute
from targets.refresh.snapshot import SnapshotError, snapshot_export, snapshot_load
from tests.targets.refresh.conftest import new_run

PROVENANCE = ("source", "record_type", "key", "release", "fetched_at", "content_hash", "assembled", "payload")


def records() -> list[tuple]:
    return sorted(SourceRecord.objects.values_list(*PROVENANCE, "target__symbol"), key=str)


@pytest.mark.django_db
def test_the_bundled_snapshot_loads_offline_marked_assembled(catalogue):
    call_command("load_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SourceRecord.objects.count() > 0
    assert not SourceRecord.objects.filter(assembled=False).exists()
    assert set(SourceRecord.objects.values_list("source", flat=True)) == {
        "opentargets",
        "chembl",
        "clinicaltrials",
        "dgidb",
    }
    cxcr4 = Target.objects.get(symbol="CXCR4")
    assert cxcr4.aml_association is not None and cxcr4.tractability
    assert DrugMechanism.objects.filter(target=cxcr4, source="chembl").exists()
    assert ClinicalTrial.objects.get(nct_id="NCT02305563").targets.filter(symbol="CXCR4").exists()


@pytest.mark.django_db
def test_loading_the_snapshot_twice_changes_nothing(catalogue):
    first = snapshot_load(settings.NICHERANK_SNAPSHOT_PATH)
    state, history = records(), Target.history.count()
    second = snapshot_load(settings.NICHERANK_SNAPSHOT_PATH)
    assert sum(c["new"] for c in first.values()) == sum(c["unchanged"] for c in second.values()) > 0
    assert records() == state and Target.history.count() == history


@pytest.mark.django_db
def test_an_export_reloads_to_the_same_records_and_derived_data(catalogue, sources, tmp_path):
    for source in ("opentargets", "chembl", "dgidb", "clinicaltrials"):
        refresh_run_execute(new_run(source, ["CXCR4", "ITGA4", "VCAM1"]).pk)
    exported, derived = records(), sorted(DrugMechanism.objects.values_list("drug__name", "source"))
    path = tmp_path / "snapshot.json"
    assert snapshot_export(path) == len(exported)
    SourceRecord.objects.all().delete()
    DrugMechanism.objects.exclude(source__in=["catalogue", "derived"]).delete()  # keep what the catalogue load wrote
    snapshot_load(path)
    assert records() == exported  # same provenance: release, fetch date, hash, flag
    assert sorted(DrugMechanism.objects.values_list("drug__name", "source")) == derived


@pytest.mark.django_db
def test_a_tampered_snapshot_is_refused_and_nothing_is_written(catalogue, tmp_path):
    document = json.loads(settings.NICHERANK_SNAPSHOT_PATH.read_text())
    document["records"][-1]["payload"]["edited"] = True
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(document))
    with pytest.raises(SnapshotError, match="does not match its content hash"):
        snapshot_load(path)
    assert not SourceRecord.objects.exists()
    with pytest.raises(CommandError, match="no snapshot at"):
        call_command("load_snapshot", "--input", str(tmp_path / "missing.json"))


@pytest.mark.django_db
def test_the_bundled_snapshot_never_replaces_data_fetched_from_a_source(catalogue):
    snapshot_load(settings.NICHERANK_SNAPSHOT_PATH)
    association = SourceRecord.objects.filter(source="opentargets", record_type="association").first()
    fetched = {"release": "26.09", "content_hash": "live-hash", "assembled": False, "payload": {"score": 0.77}}
    SourceRecord.objects.filter(pk=association.pk).update(**fetched)
    Target.objects.filter(pk=association.target_id).update(aml_association=0.77)
    report = snapshot_load(settings.NICHERANK_SNAPSHOT_PATH)
    association.refresh_from_db()
    assert (association.release, association.content_hash, association.assembled) == ("26.09", "live-hash", False)
    assert Target.objects.get(pk=association.target_id).aml_association == 0.77
    assert report["opentargets"]["kept_fetched"] == 1

"""ChEMBL connector: offset pagination to the end, phases as text or integers, salt and parent ids, AML."""

from __future__ import annotations

import pytest

from devtools.replay_server import Fault, Reply, Route
from targets.connectors import records as r
from targets.connectors.chembl import ChemblClient, molecule_ids
from targets.connectors.errors import MalformedResponseError, TransientSourceError
from tests.connectors.conftest import load_fixture

BASE = "/chembl/api/data"


@pytest.fixture
def client(make_http):
    return ChemblClient(make_http("chembl", BASE), release="ChEMBL_35")


def serve(replay, resource, fixture, *, query=None, **options):
    route = Route("GET", f"{BASE}/{resource}.json", Reply.json(load_fixture(fixture)), query=query or {}, **options)
    return replay.add(route)


def serve_mechanism_pages(replay, **page2_options):
    serve(replay, "mechanism", "chembl/assembled_mechanisms_cxcr4_page1.json", query={"offset": "0"})
    return serve(
        replay, "mechanism", "chembl/assembled_mechanisms_cxcr4_page2.json", query={"offset": "1"}, **page2_options
    )


def test_genuine_mechanism_record_parses_with_integer_phase(replay, client):
    serve(replay, "mechanism", "chembl/biomcp_mechanisms_pembrolizumab_20260811.json")

    (mechanism,) = client.mechanisms_for_targets(["CHEMBL3307223"])

    assert mechanism.molecule_chembl_id == "CHEMBL3137343"
    assert mechanism.mechanism_of_action == "Programmed cell death protein 1 inhibitor"
    assert (mechanism.max_phase, mechanism.stage) == (4.0, "approved")
    assert mechanism.direct_interaction is True
    assert mechanism.provenance.release == "ChEMBL_35"
    assert replay.requests_seen[0].param("target_chembl_id__in") == "CHEMBL3307223"


def test_mechanisms_follow_page_meta_next_to_the_end(replay, client):
    serve_mechanism_pages(replay)

    mechanisms = client.mechanisms_for_targets(["CHEMBL2107"])

    assert [m.molecule_chembl_id for m in mechanisms] == ["CHEMBL4297555", "CHEMBL4650319"]
    assert [m.stage for m in mechanisms] == ["approved", "phase2"]
    second = replay.requests_seen[1]
    assert second.path == f"{BASE}/mechanism.json"
    assert (second.param("offset"), second.param("target_chembl_id__in")) == ("1", "CHEMBL2107")


def test_failure_on_a_later_page_is_not_hidden_as_a_short_list(replay, client):
    serve_mechanism_pages(replay, faults={n: Fault.status_code(503) for n in range(1, 6)})

    with pytest.raises(TransientSourceError):
        client.mechanisms_for_targets(["CHEMBL2107"])


def test_a_later_page_recovers_after_a_timeout(replay, make_http):
    route = serve_mechanism_pages(replay, faults={1: Fault.timeout(1.0)})
    client = ChemblClient(make_http("chembl", BASE, read_timeout=0.2))

    assert len(client.mechanisms_for_targets(["CHEMBL2107"])) == 2
    assert replay.attempts(route) == 2


def test_salt_and_parent_ids_are_both_queried(replay, client):
    serve_mechanism_pages(replay)
    serve(replay, "drug_indication", "chembl/assembled_drug_indications.json")

    ids = molecule_ids(client.mechanisms_for_targets(["CHEMBL2107"]))
    client.indications(ids)

    assert ids == ["CHEMBL4297555", "CHEMBL18442", "CHEMBL4650319"]
    assert replay.requests_seen[-1].param("molecule_chembl_id__in") == "CHEMBL4297555,CHEMBL18442,CHEMBL4650319"


def test_target_by_uniprot_accession(replay, client):
    serve(replay, "target", "chembl/assembled_target_cxcr4.json")

    (target,) = client.targets_for_accession("P61073")

    assert (target.target_chembl_id, target.accession, target.target_type) == ("CHEMBL2107", "P61073", "SINGLE PROTEIN")
    seen = replay.requests_seen[0]
    assert (seen.param("target_components__accession__in"), seen.param("organism")) == ("P61073", "Homo sapiens")


def test_targets_for_many_accessions_in_one_request(replay, client):
    serve(replay, "target", "chembl/assembled_target_cxcr4.json")

    targets = client.targets_for_accessions(["P61073", "P19320"])

    assert len(replay.requests_seen) == 1
    assert replay.requests_seen[0].param("target_components__accession__in") == "P61073,P19320"
    assert [t.target_chembl_id for t in targets["P61073"]] == ["CHEMBL2107"]
    assert targets["P19320"] == []


def test_molecules_read_text_phase_and_first_approval(replay, client):
    serve(replay, "molecule", "chembl/assembled_molecules.json")

    molecules = client.molecules(["CHEMBL18442", "CHEMBL4297555", "CHEMBL0000001"])

    plerixafor = molecules["CHEMBL18442"]
    assert (plerixafor.max_phase, plerixafor.stage, plerixafor.first_approval) == (4.0, "approved", 2008)
    assert molecules["CHEMBL4297555"].parent_chembl_id == "CHEMBL18442"
    assert molecules["CHEMBL4297555"].first_approval is None
    assert molecules["CHEMBL0000001"] == r.NotFound(source="chembl", key="CHEMBL0000001")


def test_indications_keep_only_aml_by_efo_mondo_or_mesh(replay, client):
    serve(replay, "drug_indication", "chembl/assembled_drug_indications.json")

    indications = client.indications(["CHEMBL18442", "CHEMBL4650319"])

    assert [(i.molecule_chembl_id, i.efo_id, i.mesh_id) for i in indications] == [
        ("CHEMBL18442", "EFO:0000222", "D015470"),
        ("CHEMBL4650319", "MONDO:0018874", None),
    ]
    assert [i.stage for i in indications] == ["phase2", "phase2"]


def test_phase_that_is_not_a_number_is_malformed(replay, client):
    answer = load_fixture("chembl/assembled_molecules.json")
    answer["molecules"][1]["max_phase"] = "Phase IV"
    replay.add(Route("GET", f"{BASE}/molecule.json", Reply.json(answer)))

    with pytest.raises(MalformedResponseError) as caught:
        client.molecules(["CHEMBL18442"])
    assert (caught.value.source, caught.value.path) == ("chembl", "$.molecules[1].max_phase")


def test_missing_list_key_is_malformed(replay, client):
    replay.add(Route("GET", f"{BASE}/mechanism.json", Reply.json({"page_meta": {"next": None}})))

    with pytest.raises(MalformedResponseError) as caught:
        client.mechanisms_for_targets(["CHEMBL2107"])
    assert caught.value.path == "$.mechanisms"

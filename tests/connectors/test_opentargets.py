"""Open Targets connector: batching, keying by id, NotFound, AML id resolution, release, malformed answers."""

from __future__ import annotations

import copy

import pytest

from devtools.replay_server import Reply, Route, graphql_operation
from targets.connectors import records as r
from targets.connectors.errors import MalformedResponseError, PermanentSourceError
from targets.connectors.opentargets import OpenTargetsClient, parse_target
from targets.connectors.shape import Node
from tests.connectors.conftest import load_fixture

PATH = "/api/v4/graphql"
CXCR4, VCAM1, ITGA4 = "ENSG00000121966", "ENSG00000162692", "ENSG00000115232"
UNKNOWN = "ENSG00000000000"


@pytest.fixture
def client(make_http):
    return OpenTargetsClient(make_http("opentargets", PATH), batch_size=25)


def serve(replay, operation, fixture_or_data, **route_options):
    reply = Reply.json(load_fixture(fixture_or_data) if isinstance(fixture_or_data, str) else fixture_or_data)
    return replay.add(Route("POST", PATH, reply, body=graphql_operation(operation), **route_options))


def test_fetch_targets_keys_profiles_by_id_in_one_request(replay, client):
    serve(replay, "TargetProfiles", "opentargets/assembled_targets_batch_niche.json")

    profiles = client.fetch_targets([CXCR4, VCAM1, ITGA4, UNKNOWN])

    assert len(replay.requests_seen) == 1
    assert replay.requests_seen[0].json()["variables"]["ensemblIds"] == [CXCR4, VCAM1, ITGA4, UNKNOWN]
    assert [profiles[key].symbol for key in (CXCR4, VCAM1, ITGA4)] == ["CXCR4", "VCAM1", "ITGA4"]
    assert profiles[UNKNOWN] == r.NotFound(source="opentargets", key=UNKNOWN, detail="not in the platform's targets")


def test_target_profile_carries_drugs_on_the_internal_stage_scale_and_the_release(replay, client):
    serve(replay, "TargetProfiles", "opentargets/assembled_targets_batch_niche.json")

    cxcr4 = client.fetch_targets([CXCR4])[CXCR4]

    (plerixafor,) = cxcr4.drug_candidates
    assert (plerixafor.drug_name, plerixafor.stage, plerixafor.stage_reported) == ("PLERIXAFOR", "approved", "APPROVAL")
    assert "MONDO_0018874" in {disease.id for disease in plerixafor.diseases}
    assert plerixafor.mechanisms[0].target_ids == (CXCR4,)
    assert cxcr4.tractable_modalities() == ("SM", "AB", "PR", "OC")
    assert cxcr4.prioritisation_dict()["isInMembrane"] == "1"
    assert [c.constraint_type for c in cxcr4.genetic_constraint] == ["syn", "mis", "lof"]
    assert cxcr4.provenance.source == "opentargets"
    assert cxcr4.provenance.release == "26.03"
    assert cxcr4.provenance.raw["id"] == CXCR4
    assert len(cxcr4.provenance.content_hash) == 64


def test_many_targets_are_sent_in_batches(replay, make_http):
    def answer(seen):
        ids = seen.json()["variables"]["ensemblIds"]
        meta = load_fixture("opentargets/assembled_targets_batch_niche.json")["data"]["meta"]
        targets = [{"id": i, "approvedSymbol": f"SYM{i[-4:]}"} for i in ids]
        return Reply.json({"data": {"meta": meta, "targets": targets}})

    replay.add(Route("POST", PATH, answer, body=graphql_operation("TargetProfiles")))
    ids = [f"ENSG{n:011d}" for n in range(60)]

    profiles = OpenTargetsClient(make_http("opentargets", PATH), batch_size=25).fetch_targets(ids)

    assert [len(seen.json()["variables"]["ensemblIds"]) for seen in replay.requests_seen] == [25, 25, 10]
    assert set(profiles) == set(ids)
    assert all(isinstance(profile, r.TargetProfile) for profile in profiles.values())


def test_genuine_druggability_capture_parses(replay):
    """The EGFR capture (tractability and safety only) parses once the id fields our query adds are present."""
    target = load_fixture("opentargets/biomcp_druggability_egfr_20260811.json")["data"]["target"]
    node = Node("opentargets", {"id": "ENSG00000146648", "approvedSymbol": "EGFR", **target}, "$.target")

    profile = parse_target(node, release=None)

    assert profile.tractable_modalities() == ("SM", "AB", "PR", "OC")  # OC: "Advanced Clinical"
    assert ("SM", "Approved Drug", True) in {(t.modality, t.label, t.value) for t in profile.tractability}
    hepatotoxicity = next(s for s in profile.safety_liabilities if s.event == "Hepatotoxicity")
    assert hepatotoxicity.biosamples == ("liver",)
    assert hepatotoxicity.effects[0].direction == "Activation/Increase/Upregulation"
    assert profile.drug_candidates == ()


def test_genuine_empty_candidate_list_gives_no_drugs():
    target = load_fixture("opentargets/biomcp_clinical_brca1_20260811.json")["data"]["target"]
    node = Node("opentargets", {"id": "ENSG00000012048", "approvedSymbol": "BRCA1", **target})

    assert parse_target(node, release="26.03").drug_candidates == ()


def test_map_symbols_many_terms_in_one_call_and_unknown_is_not_found(replay, client):
    serve(replay, "MapIds", "opentargets/assembled_mapids_symbols.json")

    mapped = client.map_symbols(["CXCR4", "vcam1", "ITGA4", "NOTAGENE1"])

    assert len(replay.requests_seen) == 1
    assert mapped["CXCR4"].ensembl_id == CXCR4
    assert mapped["vcam1"].ensembl_id == VCAM1
    assert mapped["vcam1"].approved_symbol == "VCAM1"
    assert isinstance(mapped["NOTAGENE1"], r.NotFound)


def test_aml_disease_id_is_resolved_from_the_platform(replay, client):
    serve(replay, "MapIds", "opentargets/assembled_mapids_aml.json")

    assert client.resolve_disease_id() == "MONDO_0018874"
    assert replay.requests_seen[0].json()["variables"]["entityNames"] == ["disease"]


def test_aml_disease_id_follows_an_older_release(replay, client):
    """Before 2026 the platform used EFO_0000222; the id comes from the answer, never from the code."""
    answer = load_fixture("opentargets/assembled_mapids_aml.json")
    hits = answer["data"]["mapIds"]["mappings"][0]["hits"]
    hits[0]["id"] = "EFO_0000222"
    hits.insert(0, {"id": "EFO_1001931", "name": "acute myeloid leukemia with maturation", "entity": "disease"})
    serve(replay, "MapIds", answer)

    assert client.resolve_disease_id("Acute Myeloid Leukemia") == "EFO_0000222"


def test_associations_for_all_targets_in_one_call(replay, client):
    serve(replay, "DiseaseAssociations", "opentargets/assembled_associations_aml.json")

    scores = client.fetch_associations("MONDO_0018874", [CXCR4, VCAM1, ITGA4])

    (seen,) = replay.requests_seen
    assert seen.json()["variables"] == {"diseaseId": "MONDO_0018874", "ensemblIds": [CXCR4, VCAM1, ITGA4], "size": 3}
    assert scores[CXCR4].score == pytest.approx(0.4821)
    assert {c.id for c in scores[CXCR4].datatype_scores} == {"literature", "rna_expression"}
    assert isinstance(scores[VCAM1], r.NotFound)
    assert scores[ITGA4].provenance.release == "26.03"


def test_unknown_disease_is_a_permanent_error(replay, client):
    answer = load_fixture("opentargets/assembled_associations_aml.json")
    answer["data"]["disease"] = None
    serve(replay, "DiseaseAssociations", answer)

    with pytest.raises(PermanentSourceError, match="unknown disease id"):
        client.fetch_associations("MONDO_9999999", [CXCR4])


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["targets"][0]["tractability"][0].update(value=None), "$.data.targets[0].tractability[0].value"),
        (lambda d: d["targets"][1].pop("approvedSymbol"), "$.data.targets[1].approvedSymbol"),
        (lambda d: d.pop("meta"), "$.data.meta"),
        (lambda d: d.update(targets={"id": CXCR4}), "$.data.targets"),
        (
            lambda d: d["targets"][1]["drugAndClinicalCandidates"]["rows"][0].update(maxClinicalStage="PHASE_5"),
            "$.data.targets[1].drugAndClinicalCandidates.rows[0].maxClinicalStage",
        ),
    ],
)
def test_wrong_shape_raises_malformed_naming_source_and_field(replay, client, mutate, path):
    answer = copy.deepcopy(load_fixture("opentargets/assembled_targets_batch_niche.json"))
    mutate(answer["data"])
    serve(replay, "TargetProfiles", answer)

    with pytest.raises(MalformedResponseError) as caught:
        client.fetch_targets([CXCR4, ITGA4])
    assert caught.value.source == "opentargets"
    assert caught.value.path == path

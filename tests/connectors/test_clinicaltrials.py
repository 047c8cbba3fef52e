"""ClinicalTrials.gov connector: pageToken pagination to the end, partial dates, phases, drug attribution."""

from __future__ import annotations

import pytest

from devtools.replay_server import Fault, Reply, Route
from targets.connectors.clinicaltrials import ClinicalTrialsClient, parse_study
from targets.connectors.errors import MalformedResponseError, PermanentSourceError
from targets.connectors.records import PartialDate
from targets.connectors.shape import Node
from tests.connectors.conftest import load_fixture

BASE = "/api/v2"
PHELAN_TOKEN = "ZVt07cGHkvI2wRk2CJf6_LLq14bEL8swd7KrgP4dnDeTsPkw"


@pytest.fixture
def client(make_http):
    return ClinicalTrialsClient(make_http("clinicaltrials", BASE), page_size=5)


def serve_pages(replay, first, second, token, *, last_page_has_token=False, **second_options):
    replay.add(Route("GET", f"{BASE}/studies", Reply.json(load_fixture(first)), query={"pageToken": None}))
    body = load_fixture(second)
    if not last_page_has_token:
        body.pop("nextPageToken", None)
    return replay.add(Route("GET", f"{BASE}/studies", Reply.json(body), query={"pageToken": token}, **second_options))


def test_genuine_two_page_sequence_is_read_to_the_end(replay, client):
    serve_pages(
        replay,
        "clinicaltrials/biomcp_search_phelan_limit5_20260811.json",
        "clinicaltrials/biomcp_search_phelan_next_20260811.json",
        PHELAN_TOKEN,
    )

    trials = client.search(condition="Phelan-McDermid Syndrome")

    assert len(trials) == 10
    first, second = replay.requests_seen
    assert second.param("pageToken") == PHELAN_TOKEN
    same_query = {k: v for k, v in second.query.items() if k != "pageToken"}
    assert same_query == first.query
    assert first.param("query.cond") == "Phelan-McDermid Syndrome"
    assert "LastUpdatePostDate" in first.param("fields").split("|")


def test_genuine_studies_parse_phases_dates_and_sponsor(replay, client):
    studies = load_fixture("clinicaltrials/biomcp_search_phelan_limit5_20260811.json")["studies"]

    trials = {t.nct_id: t for t in (parse_study(Node("clinicaltrials", s)) for s in studies)}

    oxytocin = trials["NCT02710084"]
    assert (oxytocin.phases, oxytocin.stage, oxytocin.overall_status) == (("PHASE2",), "phase2", "COMPLETED")
    assert oxytocin.start_date == PartialDate(text="2016-04-29", precision="day")
    assert oxytocin.enrollment == 18
    assert oxytocin.lead_sponsor == "Alexander Kolevzon"
    assert trials["NCT05105685"].stage == "phase1/2"


def test_genuine_single_study_keeps_a_partial_date_and_other_names():
    body = load_fixture("clinicaltrials/biomcp_get_nct02576665_20260811.json")

    trial = parse_study(Node("clinicaltrials", body))

    assert trial.start_date == PartialDate(text="2016-07", precision="month")
    assert trial.interventions[1].other_names == ("Flucytosine", "5-FC", "5-Fluorocytosine")
    assert trial.mentions_drug("flucytosine")
    assert trial.last_update is None


def test_trials_for_drugs_batches_names_and_attributes_trials(replay, client):
    serve_pages(
        replay,
        "clinicaltrials/assembled_aml_cxcr4_page1.json",
        "clinicaltrials/assembled_aml_cxcr4_page2.json",
        "NF0g5JGBlfMt0w",
    )

    found = client.trials_for_drugs(["plerixafor", "BMS-936564", "motixafortide"])

    assert len(replay.requests_seen) == 2
    assert replay.requests_seen[0].param("query.intr") == '"plerixafor" OR "BMS-936564" OR "motixafortide"'
    assert "myeloid" in replay.requests_seen[0].param("query.cond")
    assert [t.nct_id for t in found.by_drug["plerixafor"]] == ["NCT00512252", "NCT01352650"]
    assert [t.nct_id for t in found.by_drug["BMS-936564"]] == ["NCT02305563"]
    assert found.by_drug["motixafortide"] == ()
    assert [t.nct_id for t in found.unattributed] == ["NCT09999901"]
    ulocuplumab = found.by_drug["BMS-936564"][0]
    assert ulocuplumab.last_update == PartialDate(text="2019-11-21", precision="day")
    assert (ulocuplumab.enrollment, ulocuplumab.enrollment_type) == (14, "ACTUAL")
    assert ulocuplumab.interventions[0].type == "BIOLOGICAL"
    assert found.unattributed[0].start_date == PartialDate(text="2025", precision="year")
    assert found.unattributed[0].stage is None  # phases ["NA"]


def test_rate_limited_later_page_waits_and_completes(replay, client, sleeps):
    route = serve_pages(
        replay,
        "clinicaltrials/assembled_aml_cxcr4_page1.json",
        "clinicaltrials/assembled_aml_cxcr4_page2.json",
        "NF0g5JGBlfMt0w",
        faults={1: Fault.status_code(429, retry_after="60")},
    )

    trials = client.search(term="CXCR4")

    assert len(trials) == 4
    assert replay.attempts(route) == 2
    assert sleeps.waits == [60.0]


def test_bad_request_answered_in_plain_text_is_permanent(replay, client):
    replay.add(Route("GET", f"{BASE}/studies", Reply.text("unknown field: Phasee", status=400)))

    with pytest.raises(PermanentSourceError, match="unknown field"):
        client.search(term="x")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda p: p["statusModule"]["startDateStruct"].update(date="August 2007"),
            "statusModule.startDateStruct.date",
        ),
        (lambda p: p["designModule"].update(phases=["PHASE5"]), "designModule.phases"),
        (lambda p: p["identificationModule"].pop("nctId"), "identificationModule.nctId"),
        (lambda p: p["designModule"]["enrollmentInfo"].update(count="52"), "designModule.enrollmentInfo.count"),
    ],
)
def test_wrong_shape_names_the_field(change, path):
    study = load_fixture("clinicaltrials/assembled_aml_cxcr4_page1.json")["studies"][0]
    change(study["protocolSection"])

    with pytest.raises(MalformedResponseError) as caught:
        parse_study(Node("clinicaltrials", study, "$.studies[0]"))
    assert caught.value.source == "clinicaltrials"
    assert caught.value.path == f"$.studies[0].protocolSection.{path}"

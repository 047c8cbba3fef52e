"""Replay routes that answer like the four sources, from the connector fixtures (tests/fixtures/apis).

``source_routes()`` gives one list of routes for a ReplayServer; ``source_urls(base_url)`` the settings
that point the connectors at it. The answers are the assembled fixtures for CXCR4, ITGA4 and VCAM1; other
targets are unknown to the replayed sources (Open Targets drops them, ChEMBL lists no target for them).
"""

from __future__ import annotations

import json
from pathlib import Path

from devtools.replay_server import Reply, Route, SeenRequest, graphql_operation

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "apis"  # the assembled connector fixtures
OT_PATH = "/opentargets/api/v4/graphql"
CHEMBL_PATH = "/chembl/api/data"
CT_PATH = "/clinicaltrials/api/v2"
DGIDB_PATH = "/dgidb/api/graphql"
CXCR4_ACCESSION = "P61073"
CT_NEXT_TOKEN = "NF0g5JGBlfMt0w"


def fixture(relative: str):
    """A fixture file, decoded."""
    return json.loads((FIXTURES / relative).read_text())


def source_urls(base_url: str) -> dict[str, str]:
    """NICHERANK_SOURCE_URLS pointing every source at the replay server."""
    return {
        "opentargets": base_url + OT_PATH,
        "chembl": base_url + CHEMBL_PATH,
        "clinicaltrials": base_url + CT_PATH,
        "dgidb": base_url + DGIDB_PATH,
    }


def source_env(base_url: str) -> dict[str, str]:
    """The same, as the environment variables a worker reads."""
    return {f"NICHERANK_{name.upper()}_URL": url for name, url in source_urls(base_url).items()}


def _chembl_targets(seen: SeenRequest) -> Reply:
    accessions = (seen.param("target_components__accession__in") or "").split(",")
    if CXCR4_ACCESSION in accessions:
        return Reply.file(FIXTURES / "chembl" / "assembled_target_cxcr4.json")
    empty = {"page_meta": {"limit": 1000, "next": None, "offset": 0, "previous": None, "total_count": 0}}
    return Reply.json({**empty, "targets": []})


def _variable(name: str, value):
    def matcher(body) -> bool:
        return isinstance(body, dict) and (body.get("variables") or {}).get(name) == value

    return matcher


def _all(*matchers):
    return lambda body: all(matcher(body) for matcher in matchers)


def opentargets_routes() -> list[Route]:
    ot = FIXTURES / "opentargets"
    return [
        Route("POST", OT_PATH, Reply.file(ot / "assembled_mapids_aml.json"), body=graphql_operation("MapIds")),
        Route(
            "POST",
            OT_PATH,
            Reply.file(ot / "assembled_targets_batch_niche.json"),
            body=graphql_operation("TargetProfiles"),
        ),
        Route(
            "POST",
            OT_PATH,
            Reply.file(ot / "assembled_associations_aml.json"),
            body=graphql_operation("DiseaseAssociations"),
        ),
    ]


def chembl_routes() -> list[Route]:
    def answer(name: str) -> Reply:
        return Reply.file(FIXTURES / "chembl" / f"assembled_{name}.json")

    return [
        Route("GET", CHEMBL_PATH + "/target.json", _chembl_targets),
        Route("GET", CHEMBL_PATH + "/mechanism.json", answer("mechanisms_cxcr4_page2"), query={"offset": "1"}),
        Route("GET", CHEMBL_PATH + "/mechanism.json", answer("mechanisms_cxcr4_page1")),
        Route("GET", CHEMBL_PATH + "/molecule.json", answer("molecules")),
        Route("GET", CHEMBL_PATH + "/drug_indication.json", answer("drug_indications")),
    ]


def clinicaltrials_routes() -> list[Route]:
    ct = FIXTURES / "clinicaltrials"
    return [
        Route(
            "GET",
            CT_PATH + "/studies",
            Reply.file(ct / "assembled_aml_cxcr4_page2.json"),
            query={"pageToken": CT_NEXT_TOKEN},
        ),
        Route(
            "GET", CT_PATH + "/studies", Reply.file(ct / "assembled_aml_cxcr4_page1.json"), query={"pageToken": None}
        ),
    ]


def dgidb_routes() -> list[Route]:
    dg = FIXTURES / "dgidb"
    operation = graphql_operation("GeneInteractions")
    return [
        Route(
            "POST",
            DGIDB_PATH,
            Reply.file(dg / "assembled_genes_niche_page2.json"),
            body=_all(operation, _variable("after", "Mg")),
        ),
        Route(
            "POST",
            DGIDB_PATH,
            Reply.file(dg / "assembled_genes_niche_page1.json"),
            body=_all(operation, _variable("after", None)),
        ),
    ]


def source_routes() -> list[Route]:
    """Routes for all four sources."""
    return opentargets_routes() + chembl_routes() + clinicaltrials_routes() + dgidb_routes()

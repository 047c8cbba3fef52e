"""DGIdb connector: many genes per request, cursor pagination, NotFound for unknown genes."""

from __future__ import annotations

import pytest

from devtools.replay_server import Reply, Route
from targets.connectors import records as r
from targets.connectors.dgidb import DgidbClient
from targets.connectors.errors import MalformedResponseError
from tests.connectors.conftest import load_fixture

PATH = "/api/graphql"


def test_genuine_egfr_answer_parses(replay, make_http):
    body = load_fixture("dgidb/biomcp_gene_egfr_20260811.json")
    # The capture's query did not ask for pageInfo; ours does, so the last-page marker is added here.
    body["data"]["genes"]["pageInfo"] = {"hasNextPage": False, "endCursor": "MQ"}
    replay.add(Route("POST", PATH, Reply.json(body)))

    genes = DgidbClient(make_http("dgidb", PATH)).fetch_genes(["egfr"])

    egfr = genes["EGFR"]
    assert "KINASE" in egfr.categories.categories
    assert "CELL SURFACE" in egfr.categories.categories
    panitumumab = next(i for i in egfr.interactions if i.drug_name == "PANITUMUMAB")
    assert panitumumab.approved is True
    assert panitumumab.types == ("antibody", "inhibitor")
    assert "ChEMBL" in panitumumab.sources
    assert panitumumab.provenance.source == "dgidb"
    assert replay.requests_seen[0].json()["variables"]["names"] == ["EGFR"]


def test_cursor_pagination_and_unknown_gene(replay, make_http):
    replay.add(
        Route(
            "POST",
            PATH,
            Reply.json(load_fixture("dgidb/assembled_genes_niche_page1.json")),
            body=lambda b: b["variables"]["after"] is None,
        )
    )
    replay.add(
        Route(
            "POST",
            PATH,
            Reply.json(load_fixture("dgidb/assembled_genes_niche_page2.json")),
            body=lambda b: b["variables"]["after"] == "Mg",
        )
    )

    genes = DgidbClient(make_http("dgidb", PATH), page_size=2).fetch_genes(["CXCR4", "ITGA4", "VCAM1", "NOTAGENE1"])

    assert len(replay.requests_seen) == 2
    assert replay.requests_seen[0].json()["variables"]["names"] == ["CXCR4", "ITGA4", "VCAM1", "NOTAGENE1"]
    assert [i.drug_name for i in genes["CXCR4"].interactions] == ["PLERIXAFOR", "MOTIXAFORTIDE"]
    assert genes["CXCR4"].interactions[1].directionalities == ("INHIBITORY",)
    assert genes["ITGA4"].interactions[0].immunotherapy is True
    assert genes["VCAM1"].interactions == ()
    assert genes["VCAM1"].categories.categories == ("CELL SURFACE", "EXTERNAL SIDE OF PLASMA MEMBRANE")
    assert genes["NOTAGENE1"] == r.NotFound(source="dgidb", key="NOTAGENE1", detail="unknown gene name")


def test_missing_nodes_is_malformed(replay, make_http):
    replay.add(Route("POST", PATH, Reply.json({"data": {"genes": {"pageInfo": {"hasNextPage": False}}}})))

    with pytest.raises(MalformedResponseError) as caught:
        DgidbClient(make_http("dgidb", PATH)).fetch_genes(["CXCR4"])
    assert (caught.value.source, caught.value.path) == ("dgidb", "$.data.genes.nodes")

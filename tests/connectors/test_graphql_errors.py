"""GraphQL ``errors[]`` in a 200 or a 400 answer are permanent errors carrying the server's messages."""

from __future__ import annotations

import ast

import pytest

from devtools.replay_server import Reply, Route
from targets.connectors.errors import PermanentSourceError
from targets.connectors.opentargets import OpenTargetsClient
from tests.connectors.conftest import load_fixture

PATH = "/api/v4/graphql"


def recorded_error() -> dict:
    """A genuine Open Targets error object from the cassette (stored there as a Python repr)."""
    records = load_fixture("opentargets/cassette_v26.03.1_meta_target_search.json")["records"]
    text = next(rec["response"]["_error"] for rec in records if "nonExistentField" in rec["request"]["query"])
    return ast.literal_eval(text)


@pytest.mark.parametrize("status", [200, 400])
def test_errors_list_is_permanent_with_messages(replay, make_http, status):
    error = recorded_error()
    route = replay.add(Route("POST", PATH, Reply.json({"data": None, "errors": [error]}, status=status)))
    client = OpenTargetsClient(make_http("opentargets", PATH))

    with pytest.raises(PermanentSourceError) as caught:
        client.fetch_targets(["ENSG00000121966"])
    assert caught.value.messages == (error["message"],)
    assert "Cannot query field 'nonExistentField'" in str(caught.value)
    assert replay.attempts(route) == 1


def test_server_error_with_errors_list_is_retried(replay, make_http):
    """A 5xx is transient even when it carries GraphQL errors."""
    from devtools.replay_server import Fault

    answer = load_fixture("opentargets/assembled_targets_batch_niche.json")
    route = replay.add(Route("POST", PATH, Reply.json(answer), faults={1: Fault.status_code(502)}))
    client = OpenTargetsClient(make_http("opentargets", PATH))

    assert client.fetch_targets(["ENSG00000121966"])["ENSG00000121966"].symbol == "CXCR4"
    assert replay.attempts(route) == 2

"""The shared HTTP client against a real loopback server: retries, backoff, Retry-After, error kinds."""

from __future__ import annotations

import pytest

from devtools.replay_server import Fault, Reply, Route
from targets.connectors.errors import MalformedResponseError, PermanentSourceError, TransientSourceError
from targets.connectors.http import USER_AGENT, RateLimiter, SourceConfig, parse_retry_after

OK = Reply.json({"ok": True})


def test_retries_server_errors_then_returns_the_answer(replay, make_http, sleeps):
    route = replay.add(Route("GET", "/x", OK, faults={1: Fault.status_code(500), 2: Fault.status_code(503)}))
    client = make_http("demo", "")

    assert client.get_json("x") == {"ok": True}
    assert replay.attempts(route) == 3
    assert sleeps.waits == [0.1, 0.2]  # exponential backoff


def test_honours_retry_after_on_429(replay, make_http, sleeps):
    replay.add(Route("GET", "/x", OK, faults={1: Fault.status_code(429, retry_after="7")}))
    client = make_http("demo", "")

    assert client.get_json("x") == {"ok": True}
    assert sleeps.waits == [7.0]


def test_retry_after_is_capped(replay, make_http, sleeps):
    replay.add(Route("GET", "/x", OK, faults={1: Fault.status_code(429, retry_after="86400")}))
    client = make_http("demo", "", max_retry_after=30.0)

    client.get_json("x")
    assert sleeps.waits == [30.0]


def test_gives_up_after_five_tries_with_a_transient_error(replay, make_http):
    route = replay.add(Route("GET", "/x", OK, faults={n: Fault.status_code(502) for n in range(1, 10)}))
    client = make_http("demo", "")

    with pytest.raises(TransientSourceError) as caught:
        client.get_json("x")
    assert replay.attempts(route) == 5
    assert caught.value.status == 502
    assert caught.value.source == "demo"


def test_read_timeout_is_retried(replay, make_http):
    route = replay.add(Route("GET", "/x", OK, faults={1: Fault.timeout(2.0)}))
    client = make_http("demo", "", read_timeout=0.2)

    assert client.get_json("x") == {"ok": True}
    assert replay.attempts(route) == 2


def test_body_cut_short_in_transfer_is_retried(replay, make_http):
    route = replay.add(Route("GET", "/x", Reply.json({"rows": list(range(200))}), faults={1: Fault.truncated(0.3)}))
    client = make_http("demo", "")

    assert client.get_json("x") == {"rows": list(range(200))}
    assert replay.attempts(route) == 2


def test_complete_answer_that_is_not_json_is_malformed_and_not_retried(replay, make_http):
    route = replay.add(
        Route("GET", "/x", Reply.json({"rows": [1, 2, 3]}), faults={1: Fault.truncated(0.5, honest_length=True)})
    )
    client = make_http("demo", "")

    with pytest.raises(MalformedResponseError) as caught:
        client.get_json("x")
    assert caught.value.source == "demo"
    assert caught.value.path == "$"
    assert replay.attempts(route) == 1


@pytest.mark.parametrize("status", [400, 403, 404])
def test_client_errors_are_permanent_and_not_retried(replay, make_http, status):
    route = replay.add(Route("GET", "/x", Reply.text("Invalid value for query.cond", status=status)))
    client = make_http("demo", "")

    with pytest.raises(PermanentSourceError) as caught:
        client.get_json("x")
    assert caught.value.status == status
    assert "Invalid value" in str(caught.value)
    assert replay.attempts(route) == 1


def test_sends_the_service_user_agent_and_reuses_one_connection(replay, make_http):
    replay.add(Route("GET", "/x", OK))
    client = make_http("demo", "")

    for _ in range(3):
        client.get_json("x", params={"q": "a b"})
    assert {seen.headers["User-Agent"] for seen in replay.requests_seen} == {USER_AGENT}
    assert "NicheRank/0.1" in USER_AGENT
    assert len({seen.client_port for seen in replay.requests_seen}) == 1
    assert replay.requests_seen[0].param("q") == "a b"


def test_path_from_the_host_root_keeps_the_base_host(make_http, replay):
    client = make_http("chembl", "/chembl/api/data")

    assert client.url("mechanism.json") == f"{replay.base_url}/chembl/api/data/mechanism.json"
    assert client.url("/chembl/api/data/mechanism.json?offset=20") == (
        f"{replay.base_url}/chembl/api/data/mechanism.json?offset=20"
    )


def test_rate_limiter_spaces_requests():
    clock = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = RateLimiter(0.5, clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    assert waits == [0.5, 1.0]


def test_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_more_than_five_tries_is_refused():
    with pytest.raises(ValueError, match="max_tries"):
        SourceConfig(name="demo", base_url="http://127.0.0.1", max_tries=6)

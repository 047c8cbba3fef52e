"""The replay server itself: route matching, per-attempt faults, the record of requests."""

from __future__ import annotations

import requests

from devtools.replay_server import Fault, ReplayServer, Reply, Route, graphql_operation


def test_routes_match_on_query_and_body_and_unmatched_requests_get_404():
    routes = [
        Route("GET", "/studies", Reply.json({"page": 1}), query={"pageToken": None}),
        Route("GET", "/studies", Reply.json({"page": 2}), query={"pageToken": "abc"}),
        Route("POST", "/graphql", Reply.json({"op": "A"}), body=graphql_operation("A")),
        Route("POST", "/graphql", Reply.json({"op": "vars"}), body={"variables": {"x": 1}}),
    ]
    with ReplayServer(routes) as server, requests.Session() as http:
        assert http.get(f"{server.base_url}/studies").json() == {"page": 1}
        assert http.get(f"{server.base_url}/studies", params={"pageToken": "abc"}).json() == {"page": 2}
        assert http.post(f"{server.base_url}/graphql", json={"query": "query A($x: Int) { a }"}).json() == {"op": "A"}
        assert http.post(f"{server.base_url}/graphql", json={"query": "{ b }", "variables": {"x": 1}}).json() == {
            "op": "vars"
        }
        missing = http.get(f"{server.base_url}/nowhere")

    assert missing.status_code == 404
    assert missing.json()["path"] == "/nowhere"
    assert [seen.route for seen in server.requests_seen] == [0, 1, 2, 3, None]


def test_faults_apply_to_their_attempt_only():
    route = Route("GET", "/x", Reply.json({"ok": True}), faults={2: Fault.status_code(429, retry_after="3")})
    with ReplayServer([route]) as server, requests.Session() as http:
        answers = [http.get(f"{server.base_url}/x") for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 429, 200]
    assert answers[1].headers["Retry-After"] == "3"
    assert [seen.attempt for seen in server.requests_seen] == [1, 2, 3]
    assert server.attempts(route) == 3

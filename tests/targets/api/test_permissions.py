"""The permission matrix: anonymous (demo setting on and off), viewer, curator, admin, for every kind of call."""

import pytest

pytestmark = pytest.mark.django_db

READS = [
    "/api/targets/",
    "/api/targets/CXCR4/",
    "/api/axes/",
    "/api/interactions/",
    "/api/drugs/",
    "/api/trials/",
    "/api/evidence/",
    "/api/rankings/",
    "/api/rankings/latest/",
    "/api/profiles/",
    "/api/profiles/balanced/",
    "/api/criteria/",
    "/api/refresh/",
    "/api/schema/",
]
QUERIES = [("post", "/api/what-if/", {"weights": {"hsc_safety": 1.0}}), ("post", "/api/batch/", {"ids": ["CXCR4"]})]
CURATOR_WRITES = [
    ("patch", "/api/targets/CXCR4/", {"compartment_note": "checked"}),
    ("post", "/api/evidence/", {"target": "CXCR4", "citation": "30000002", "claim": "c", "direction": "mixed"}),
    ("post", "/api/profiles/", {"name": "mine", "weights": {"hsc_safety": 1.0}}),
    ("patch", "/api/profiles/balanced/", {"top_k": 3}),
    ("post", "/api/refresh/", {"sources": ["dgidb"]}),
]
ADMIN_WRITES = [("delete", "/api/profiles/clinical-first/", None)]

ALLOWED = {
    "reads": {"anonymous", "viewer", "curator", "admin"},
    "queries": {"anonymous", "viewer", "curator", "admin"},
    "curator_writes": {"curator", "admin"},
    "admin_writes": {"admin"},
}
CASES = (
    [("reads", "get", url, None) for url in READS]
    + [("queries", *call) for call in QUERIES]
    + [("curator_writes", *call) for call in CURATOR_WRITES]
    + [("admin_writes", *call) for call in ADMIN_WRITES]
)


def call(client, method, url, data):
    return getattr(client, method)(url, data, format="json") if data is not None else getattr(client, method)(url)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "curator", "admin"])
def test_permission_matrix(client_for, ranked, role, subtests):
    client = client_for(role)
    for kind, method, url, data in CASES:
        with subtests.test(msg=f"{role} {method} {url}"):
            response = call(client, method, url, data)
            if role in ALLOWED[kind]:
                assert response.status_code < 300, response.content[:300]
            else:
                assert response.status_code in (401, 403)
                assert response.json()["error"]["code"] in {"not_authenticated", "permission_denied"}


def test_anonymous_users_are_refused_everything_when_anonymous_read_is_off(client_for, ranked, settings, subtests):
    settings.NICHERANK_ANONYMOUS_READ = False
    client = client_for("anonymous")
    for _kind, method, url, data in CASES:
        with subtests.test(msg=f"{method} {url}"):
            status = call(client, method, url, data).status_code
            assert status == 200 if url == "/api/schema/" else status in (401, 403)  # the schema stays public


def test_a_bad_token_is_refused_with_the_error_body(client_for, ranked):
    client = client_for("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get("/api/targets/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "authentication_failed"


def test_session_authentication_serves_the_web_pages_users(users, ranked, settings):
    from rest_framework.test import APIClient

    settings.NICHERANK_ANONYMOUS_READ = False
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="viewer", password="viewer-pass-123")
    assert client.get("/api/targets/").status_code == 200
    assert client.post("/api/batch/", {"ids": ["CXCR4"]}, format="json").status_code == 403  # no CSRF token


def test_a_script_gets_a_token_with_its_password(users, ranked):
    from rest_framework.test import APIClient

    client = APIClient()
    token = client.post("/api/auth/token/", {"username": "viewer", "password": "viewer-pass-123"}).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/rankings/latest/").status_code == 200
    assert (
        "non_field_errors"
        in APIClient().post("/api/auth/token/", {"username": "viewer", "password": "x"}).json()["error"]["fields"]
    )

"""API test fixtures: the API's routes only, a client per role, a second run to compare with."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

ROLES = ("anonymous", "viewer", "curator", "admin")


@pytest.fixture(autouse=True)
def api_routes(settings):
    """Route only the API (the web pages are another suite's concern)."""
    settings.ROOT_URLCONF = "tests.targets.api.urls"
    settings.NICHERANK_ANONYMOUS_READ = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # users are made per test


@pytest.fixture
def users(viewer, curator, admin_user):
    return {"anonymous": None, "viewer": viewer, "curator": curator, "admin": admin_user}


@pytest.fixture
def client_for(users):
    """client_for(role) -> an APIClient signed in as that role (token authentication)."""
    from rest_framework.authtoken.models import Token

    def make(role: str) -> APIClient:
        client = APIClient()
        user = users[role]
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def api(client_for):
    """A viewer's client: the common case of a script reading."""
    return client_for("viewer")


@pytest.fixture
def second_run(ranked):
    """A run under another profile (clinical-first), to compare with the default one."""
    from targets.ranking.profiles import current_profile
    from targets.ranking.runs import ranking_run_create

    return ranking_run_create(profile=current_profile("clinical-first"), triggered_by="test", samples=0)


def error_fields(response) -> dict:
    """The field errors of the project's error body (asserting the body has that shape)."""
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == response.status_code
    return body["error"]["fields"]

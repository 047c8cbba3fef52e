"""Fixtures of the hardening tests: the whole URL map (web and API), clients per role from the API suite."""

import pytest

from tests.targets.api.conftest import client_for, users  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # users are made per test

"""Web page fixtures: anonymous reading on (the demo default), fast password hashing, clients per role."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def web_settings(settings):
    settings.NICHERANK_ANONYMOUS_READ = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def curator_client(curator) -> Client:
    client = Client()
    client.force_login(curator)
    return client


@pytest.fixture
def viewer_client(viewer) -> Client:
    client = Client()
    client.force_login(viewer)
    return client


def row_symbols(html: str) -> list[str]:
    """The data-symbol attributes of table rows, in page order."""
    import re

    return re.findall(r'<tr data-symbol="([^"]+)"', html)

"""Shared fixtures: the bundled catalogue loaded into the test database, users of each role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def bundled_catalogue_files() -> dict:
    """catalogue_load arguments for every bundled file (a companion file not written yet is skipped:
    tests/targets/catalogue/test_bundled_knowledge.py checks that none is missing)."""
    from targets.catalogue.bundled import bundled_files

    return {name: path if path.exists() else None for name, path in bundled_files().items()}


@pytest.fixture
def catalogue(db):
    """The bundled catalogue with its agents, interactions, evidence, safety and essential-gene files, loaded."""
    from targets.catalogue.load import catalogue_load

    return catalogue_load(**bundled_catalogue_files())


@pytest.fixture
def ranked(catalogue):
    """The catalogue ranked once under the default profile (few stability samples, for speed)."""
    from targets.ranking.runs import ranking_run_create

    return ranking_run_create(triggered_by="test", samples=200)


@pytest.fixture
def viewer(db):
    return User.objects.create_user("viewer", password="viewer-pass-123")


@pytest.fixture
def curator(db):
    user = User.objects.create_user("curator", password="curator-pass-123")
    user.groups.add(Group.objects.get_or_create(name="curators")[0])
    return user


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", password="admin-pass-123")


@pytest.fixture(autouse=True)
def _refresh_may_run_in_process(settings):
    """Tests start refreshes without a broker; the no-worker refusal has its own tests."""
    settings.NICHERANK_REFRESH_IN_PROCESS = True


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: throttle and sign-in lockout counters do not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield

"""Shared fixtures: the bundled catalogue loaded into the test database, users of each role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from tests.support.db_snapshot import SnapshotCache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def bundled_catalogue_files() -> dict:
    """catalogue_load arguments for every bundled file (a companion file not written yet is skipped:
    tests/targets/catalogue/test_bundled_knowledge.py checks that none is missing)."""
    from targets.catalogue.bundled import bundled_files

    return {name: path if path.exists() else None for name, path in bundled_files().items()}


# The catalogue and the default ranking are built once per session and restored in every test that asks for
# them, inside the test's transaction (tests/support/db_snapshot.py): loading took ~1 s and ranking with 200
# draws ~0.5 s per test. The key holds whatever the build reads besides the database.
_SNAPSHOTS = SnapshotCache()


def _settings_key() -> str:
    from django.conf import settings

    names = sorted(name for name in dir(settings) if name.startswith("NICHERANK_"))
    return repr([(name, getattr(settings, name)) for name in names])


def _files_key(files: dict) -> tuple:
    return tuple(sorted((name, str(path), path.stat().st_mtime_ns if path else None) for name, path in files.items()))


def _ranking_inputs_key() -> tuple:
    """What `ranking_run_create` reads from the database: the facts, the data versions and the stored profiles."""
    from scoring.engine import ranking_input_hash
    from scoring.profiles import DEFAULT_PROFILES
    from targets.models import ScoringProfile
    from targets.ranking.facts import build_facts, targets_for_scoring
    from targets.ranking.runs import data_versions

    facts = ranking_input_hash(build_facts(targets_for_scoring()), next(iter(DEFAULT_PROFILES.values())))
    profiles = repr(list(ScoringProfile.objects.order_by("pk").values()))
    return facts, repr(data_versions()), profiles


@pytest.fixture
def catalogue(db):
    """The bundled catalogue with its agents, interactions, evidence, safety and essential-gene files, loaded."""
    from django.db import connection

    from targets.catalogue.load import catalogue_load

    files = bundled_catalogue_files()
    key = ("catalogue", connection.vendor, _files_key(files), _settings_key())
    return _SNAPSHOTS.get(key, lambda: catalogue_load(**files))


@pytest.fixture
def ranked(catalogue):
    """The catalogue ranked once under the default profile (few stability samples, for speed)."""
    from django.db import connection

    from targets.models import RankingRun
    from targets.ranking.runs import ranking_run_create

    key = ("ranked", connection.vendor, _settings_key(), _ranking_inputs_key())
    run = _SNAPSHOTS.get(key, lambda: ranking_run_create(triggered_by="test", samples=200))
    return RankingRun.objects.select_related("profile").get(pk=run.pk)


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

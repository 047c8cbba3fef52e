"""Fixtures for the refresh tests: the four sources replayed on loopback HTTP, fast client settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from config.celery import app
from devtools.replay_server import ReplayServer, Reply, Route
from devtools.source_replay import source_routes, source_urls
from targets.models import RefreshRun


@pytest.fixture
def sources(settings) -> Iterator[ReplayServer]:
    """A replay server answering like the four sources, with the connectors pointed at it."""
    with ReplayServer(source_routes()) as server:
        settings.NICHERANK_SOURCE_URLS = source_urls(server.base_url)
        settings.NICHERANK_REFRESH_MIN_INTERVAL = 0.0
        settings.NICHERANK_REFRESH_READ_TIMEOUT = 0.5
        settings.NICHERANK_REFRESH_CONNECT_TIMEOUT = 0.5
        settings.NICHERANK_REFRESH_BACKOFF = 0.01
        settings.NICHERANK_REFRESH_MAX_TRIES = 2
        settings.NICHERANK_REFRESH_BATCH_SIZE = 2
        yield server


def break_route(server: ReplayServer, method: str, path: str, reply: Reply, **match) -> Route:
    """Make every matching request fail from now on (the new route is matched before the good ones)."""
    route = Route(method, path, reply, **match)
    with server._lock:
        server.routes.insert(0, route)
    return route


def new_run(source: str, symbols: list[str] | None = None) -> RefreshRun:
    """A queued run of one source (for the given symbols, or all targets)."""
    return RefreshRun.objects.create(source=source, triggered_by="test", progress={"symbols": symbols or []})


@pytest.fixture
def eager_celery():
    """Run tasks (and chords) in this process even when a broker URL is configured."""
    saved = {name: app.conf[name] for name in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(saved)

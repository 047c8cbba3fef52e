"""Fixtures for the connector tests: a running replay server, fixture files and fast source clients."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools.replay_server import ReplayServer
from targets.connectors.http import SourceClient, SourceConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "apis"


def load_fixture(relative: str) -> Any:
    """A fixture file under tests/fixtures/apis/, decoded."""
    return json.loads((FIXTURES / relative).read_text())


class RecordingSleep:
    """Stands in for time.sleep: records the waits instead of sleeping, so backoff tests stay fast."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A started replay server without routes; add them with ``replay.add(Route(...))``."""
    with ReplayServer() as server:
        yield server


@pytest.fixture
def sleeps() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def make_http(replay: ReplayServer, sleeps: RecordingSleep):
    """Build a SourceClient for ``source`` pointed at the replay server at ``path``, with test timings."""
    clients: list[SourceClient] = []

    def build(source: str, path: str, **overrides: Any) -> SourceClient:
        settings = {"read_timeout": 0.5, "connect_timeout": 0.5, "min_interval": 0.0, "backoff_base": 0.1}
        config = SourceConfig(name=source, base_url=replay.base_url + path, **{**settings, **overrides})
        client = SourceClient(config, sleep=sleeps)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()

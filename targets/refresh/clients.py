"""Connector clients configured from settings (base URLs, timeouts, retries), one session per source."""

from __future__ import annotations

from django.conf import settings

from targets.connectors import chembl, clinicaltrials, dgidb, opentargets
from targets.connectors.http import SourceClient, SourceConfig

CONNECTOR_MODULES = {
    "opentargets": opentargets,
    "chembl": chembl,
    "clinicaltrials": clinicaltrials,
    "dgidb": dgidb,
}


def source_config(source: str) -> SourceConfig:
    """The connector configuration of ``source`` with the NICHERANK_* refresh settings applied."""
    module = CONNECTOR_MODULES[source]
    overrides: dict = {
        "base_url": settings.NICHERANK_SOURCE_URLS.get(source) or module.DEFAULT_BASE_URL,
        "connect_timeout": settings.NICHERANK_REFRESH_CONNECT_TIMEOUT,
        "read_timeout": settings.NICHERANK_REFRESH_READ_TIMEOUT,
        "max_tries": settings.NICHERANK_REFRESH_MAX_TRIES,
        "backoff_base": settings.NICHERANK_REFRESH_BACKOFF,
    }
    if settings.NICHERANK_REFRESH_MIN_INTERVAL is not None:
        overrides["min_interval"] = settings.NICHERANK_REFRESH_MIN_INTERVAL
    return module.default_config(**overrides)


def http_client(source: str) -> SourceClient:
    """A new SourceClient for ``source``; close it when the batch is done."""
    return SourceClient(source_config(source))

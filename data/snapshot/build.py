"""Assemble the bundled snapshot offline: run the real refresh against a loopback replay of the connector
fixtures, then export every record marked as assembled.

    .venv/bin/python data/snapshot/build.py

Uses a throw-away SQLite database; needs no network. See README.md beside this file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES_IN_ORDER = ["opentargets", "chembl", "dgidb", "clinicaltrials"]  # trials search the drugs found first


def main() -> None:
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "snapshot.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{database}", CELERY_BROKER_URL=""
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from devtools.replay_server import ReplayServer
    from devtools.source_replay import source_routes, source_urls
    from targets.refresh.requests import refresh_request
    from targets.refresh.runner import refresh_run_execute

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    with ReplayServer(source_routes()) as server:
        settings.NICHERANK_SOURCE_URLS = source_urls(server.base_url)
        settings.NICHERANK_REFRESH_MIN_INTERVAL = 0.0
        for source in SOURCES_IN_ORDER:
            (run,) = refresh_request(sources=[source], triggered_by="snapshot build", enqueue=False)
            summary = refresh_run_execute(run.pk)
            if summary["status"] != "succeeded":
                raise SystemExit(f"{source} failed: {summary['errors']}")
            print(source, summary["counts"])
    call_command("export_snapshot", "--mark-assembled")


if __name__ == "__main__":
    main()

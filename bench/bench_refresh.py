"""Benchmark the refresh of the whole catalogue (38 targets, 4 sources) against the loopback replay server.

Prints, per source and in total, the requests sent and the wall time of
  * a first refresh (records new, derived rows written),
  * a repeat refresh (every record unchanged: skipped by content hash, no derived writes),
and the repeat/first ratio, at two batch sizes. Runs in-process on a throw-away SQLite database; every
request gets ``--latency`` seconds of server delay, like a distant API.

Usage: .venv/bin/python bench/bench_refresh.py [--latency 0.02]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["opentargets", "chembl", "dgidb", "clinicaltrials"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "bench_refresh.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{database}", CELERY_BROKER_URL=""
    )
    os.environ.setdefault("DJANGO_DEBUG", "1")  # the embedded demo's settings (the default is production's)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    import targets.refresh.runner  # noqa: F401 - imported before timing, so no run pays for the imports


def refresh_all(server) -> dict[str, tuple[int, float, dict]]:
    from targets.refresh.requests import refresh_request
    from targets.refresh.runner import refresh_run_execute

    figures = {}
    for source in SOURCES:
        before = len(server.requests_seen)
        (run,) = refresh_request(sources=[source], triggered_by="bench", enqueue=False)
        started = time.perf_counter()
        summary = refresh_run_execute(run.pk)
        elapsed = time.perf_counter() - started
        if summary["status"] != "succeeded":
            raise SystemExit(f"{source} failed: {summary['errors']}")
        figures[source] = (len(server.requests_seen) - before, elapsed, summary["counts"])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from devtools.replay_server import ReplayServer
    from devtools.source_replay import source_routes, source_urls
    from targets.models import SourceRecord, Target

    print(f"refresh of {Target.objects.count()} targets, {args.latency * 1000:.0f} ms latency per request")
    for batch_size in (25, 5):
        SourceRecord.objects.all().delete()
        with ReplayServer(source_routes(), latency=args.latency) as server:
            settings.NICHERANK_SOURCE_URLS = source_urls(server.base_url)
            settings.NICHERANK_REFRESH_MIN_INTERVAL = 0.0
            settings.NICHERANK_REFRESH_BATCH_SIZE = batch_size
            first, repeat = refresh_all(server), refresh_all(server)
        print(f"\nbatch size {batch_size}")
        header = f"{'source':<15} {'requests':>8} {'first s':>8} {'repeat s':>9} {'repeat/first':>13}"
        print(header + "  first counts")
        for source in SOURCES:
            (n, t1, counts), (_, t2, _) = first[source], repeat[source]
            print(f"{source:<15} {n:>8} {t1:>8.3f} {t2:>9.3f} {t2 / t1:>13.2f}  {counts}")
        total1 = sum(t for _, t, _ in first.values())
        total2 = sum(t for _, t, _ in repeat.values())
        requests = sum(n for n, _, _ in first.values())
        print(f"{'total':<15} {requests:>8} {total1:>8.3f} {total2:>9.3f} {total2 / total1:>13.2f}")
        network = requests * args.latency
        print(f"  server latency alone: {network:.3f} s; the rest of the first run: {total1 - network:.3f} s")


if __name__ == "__main__":
    main()

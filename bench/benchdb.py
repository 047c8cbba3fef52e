"""What the PostgreSQL benchmarks share: psql, a fresh database with Django set up on it, and a median timer.

Imported by the bench scripts as `benchdb` (a script's own folder is on sys.path, whether run from bench/ or the root).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"


def psql(sql: str) -> None:
    """Run one SQL statement as postgres on the server's maintenance database."""
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def fresh_django(database: str, **env: str) -> None:
    """Drop and recreate ``database``, point production settings (DEBUG off, anonymous reads on, quiet logs) at it,
    with ``env`` added, and set Django up."""
    psql(f"DROP DATABASE IF EXISTS {database}")
    psql(f"CREATE DATABASE {database}")
    os.environ.update(
        DATABASE_URL=f"{PG}/{database}",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only",
        NICHERANK_ANONYMOUS_READ="1",
        NICHERANK_LOG_LEVEL="WARNING",
        **env,
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def median(fn, repeats: int, clock=time.perf_counter) -> float:
    """The median time in seconds (by ``clock``) of ``repeats`` calls of ``fn``."""
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)

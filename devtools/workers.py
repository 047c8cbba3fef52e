"""The command line of a real Celery worker of this project, for the worker tests and the fault suite."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def celery_worker_command(node: str, *, loglevel: str = "WARNING", options: Sequence[str] = ()) -> list[str]:
    """`celery worker` for the `config` app (prefork, 2 processes) named ``node``, with extra ``options``
    (e.g. `-Q queue`); run it from the repository root."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=prefork",
        "--concurrency=2",
        f"--loglevel={loglevel}",
        *options,
        "-n",
        node,
    ]

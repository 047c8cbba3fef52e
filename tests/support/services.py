"""Real services for tests: find PostgreSQL, Redis and a Celery worker, or skip saying why.

With REQUIRE_SERVICES=1 (set by CI) a missing service fails the test instead of skipping it, so nothing
real goes untested there."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from devtools.workers import celery_worker_command

ROOT = Path(__file__).resolve().parents[2]


def services_required() -> bool:
    """True when CI asked for every service test to run (REQUIRE_SERVICES=1)."""
    return os.environ.get("REQUIRE_SERVICES", "").strip().lower() in {"1", "true", "yes", "on"}


def skip_or_fail(reason: str) -> None:
    """Skip with the reason; fail instead when services are required."""
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def redis_url() -> str:
    """The broker URL to use for worker tests (CELERY_BROKER_URL), or ''."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    return url if url.startswith("redis://") else ""


def port_open(url: str, default_port: int) -> bool:
    """Whether something listens at the URL's host and port."""
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def require_postgresql(connection) -> None:
    """Skip (or fail under REQUIRE_SERVICES) unless the test database is PostgreSQL."""
    if connection.vendor != "postgresql":
        skip_or_fail(f"needs PostgreSQL: set DATABASE_URL=postgres://... (the test database is {connection.vendor})")


def require_redis() -> str:
    """Return the Redis broker URL, or skip (fail under REQUIRE_SERVICES) if there is none reachable."""
    url = redis_url()
    if not url:
        skip_or_fail("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    if not port_open(url, 6379):
        skip_or_fail(f"needs Redis, but nothing answers at {url}")
    return url


def database_url_for(connection) -> str:
    """A DATABASE_URL naming the database the tests are using right now (the test database)."""
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@contextmanager
def celery_worker(*, broker: str, database_url: str, extra_env: dict[str, str] | None = None):
    """Start a real `celery worker` process on its own queue; yield the queue name; stop it afterwards."""
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "NICHERANK_STABILITY_SAMPLES": "100",
        **(extra_env or {}),
    }
    command = celery_worker_command(
        f"{queue}@%h",
        loglevel="INFO",
        options=("-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat"),
    )
    log = (ROOT / ".pytest_cache").resolve()
    log.mkdir(exist_ok=True)
    log_path = log / f"{queue}.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            _wait_until_ready(log_path, process)
            yield queue
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_ready(log_path: Path, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited early:\n{log_path.read_text()[-3000:]}")
        if " ready." in log_path.read_text():
            return
        time.sleep(0.2)
    raise RuntimeError(f"celery worker not ready after {timeout}s:\n{log_path.read_text()[-3000:]}")

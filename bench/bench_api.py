"""Benchmark of the REST API at genome scale (20,000 ranked targets in PostgreSQL).

Run from the repository root:  .venv/bin/python bench/bench_api.py [--targets 20000] [--duration 30]

It creates its own database `nicherank_bench_api` on the local PostgreSQL (127.0.0.1:5432, user postgres),
loads the catalogue plus synthetic targets up to the requested count, ranks them once, then measures
1. in process (Django test client, DEBUG off): median latency of a ranking page (50 rows with their
   contributions) and of a 1,000-symbol batch request;
2. over HTTP: gunicorn with 2 workers under wrk for --duration seconds (requests per second, p99 latency,
   errors), for the API's ranking page and for a plain Django view returning the same rows as JSON;
and prints each figure with the API / plain-view ratios. The database is dropped at the end.

Importing this module defines only the plain view and the URL map the benchmark serves (`ROOT_URLCONF`);
nothing runs until `main()`."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "nicherank_bench_api"
PG = "postgres://postgres@127.0.0.1:5432"
PAGE_SIZE = 50
SAMPLES = 20  # stability samples of the benchmark's run (the ranking is set-up, not what is measured)
BATCH_SIZE = 1000
WORKERS = 2
CONNECTIONS = 16

# --- what gunicorn serves: the API plus the plain view to compare with --------------------------------


def plain_rows(request, run_id: int):
    """The same rows as the API's ranking page (page, 50 rows, contributions), as JSON, without DRF."""
    from django.core.paginator import Paginator
    from django.http import JsonResponse

    from targets.ranking.rows import ROW_FIELDS
    from targets.selectors import ranking_rows

    fields = ("target__symbol", *ROW_FIELDS, "target__axis__name", "target__role", "target__compartment")
    rows = ranking_rows(run_id).values(*fields)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse({"count": page.paginator.count, "results": list(page)})


def _urlpatterns():
    from django.urls import include, path

    return [
        path("bench/plain/<int:run_id>/", plain_rows),
        path("api/", include("targets.api.urls")),
    ]


if os.environ.get("DJANGO_SETTINGS_MODULE") == "nicherank_bench_settings":
    urlpatterns = _urlpatterns()
    handler404 = "targets.api.errors.not_found"

# --- set-up ------------------------------------------------------------------------------------------


def _settings_dir() -> Path:
    """A settings module: the project's, DEBUG off, this module's URL map."""
    folder = Path(tempfile.mkdtemp(prefix="nicherank-bench-"))
    (folder / "nicherank_bench_settings.py").write_text(
        "from config.settings import *  # noqa: F403\nROOT_URLCONF = 'bench.bench_api'\n"
    )
    return folder


def _environment(settings_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nicherank_bench_settings",
        "PYTHONPATH": f"{settings_dir}{os.pathsep}{ROOT}",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "NICHERANK_ANONYMOUS_READ": "0",
        "NICHERANK_THROTTLE_USER": "10000000/hour",
        "NICHERANK_LOG_LEVEL": "WARNING",
    }


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path[:0] = [p for p in env["PYTHONPATH"].split(os.pathsep) if p not in sys.path]
    import django

    django.setup()


def _load(total: int) -> tuple[int, str]:
    """Migrate, load the catalogue, add synthetic targets, rank once; return (run id, viewer token)."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from devtools.synthetic import add_synthetic_targets
    from targets.catalogue.bundled import bundled_files
    from targets.catalogue.load import catalogue_load
    from targets.models import Target
    from targets.ranking.runs import ranking_run_create

    call_command("migrate", verbosity=0)
    catalogue_load(**bundled_files())
    add_synthetic_targets(total - Target.objects.count())
    started = time.perf_counter()
    run = ranking_run_create(triggered_by="benchmark", samples=SAMPLES)
    print(f"set-up: {run.target_count} targets ranked in {time.perf_counter() - started:.1f} s (run #{run.pk})")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum does after a bulk load
    user = User.objects.create_user("bench-viewer", password="bench-viewer-password")
    return run.pk, Token.objects.create(user=user).key


# --- in process ----------------------------------------------------------------------------------------


def _median_ms(call, repeats: int) -> float:
    call()  # warm
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        response = call(i)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    return statistics.median(times)


def in_process(run_id: int, token: str, pages: int) -> dict[str, float]:
    """Median latencies (ms) of the API's ranking page, the plain view, and a 1,000-symbol batch."""
    from rest_framework.test import APIClient

    from targets.models import Target

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    symbols = list(Target.objects.order_by("?").values_list("symbol", flat=True)[:BATCH_SIZE])
    page = lambda i=0: 1 + (i * 37) % pages  # noqa: E731 - spread over the whole ranking
    return {
        "api ranking page": _median_ms(lambda i=0: client.get(f"/api/rankings/{run_id}/rows/?page={page(i)}"), 200),
        "plain view page": _median_ms(lambda i=0: client.get(f"/bench/plain/{run_id}/?page={page(i)}"), 200),
        "api batch (1,000 symbols)": _median_ms(
            lambda i=0: client.post("/api/batch/", {"ids": symbols}, format="json"), 30
        ),
    }


# --- over HTTP -----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port}")


def _wrk_script(folder: Path, path_template: str, token: str, pages: int) -> Path:
    script = folder / f"{abs(hash(path_template))}.lua"
    script.write_text(
        f'wrk.headers["Authorization"] = "Token {token}"\n'
        "math.randomseed(42)\n"
        "request = function()\n"
        f'  return wrk.format("GET", string.format("{path_template}", math.random(1, {pages})))\n'
        "end\n"
    )
    return script


def _parse_wrk(output: str) -> dict[str, float]:
    def millis(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):  # noqa: E501
        for match in re.finditer(pattern, output):
            errors += sum(int(group) for group in match.groups())
    return {
        "requests/s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50 ms": millis(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99 ms": millis(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": errors,
    }


def over_http(env: dict[str, str], folder: Path, run_id: int, token: str, pages: int, duration: int) -> dict:
    """gunicorn (2 workers) under wrk: the API's ranking page, then the plain view."""
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        results = {}
        for name, template in (
            ("api ranking page", f"/api/rankings/{run_id}/rows/?page=%d"),
            ("plain view page", f"/bench/plain/{run_id}/?page=%d"),
        ):
            script = _wrk_script(folder, template, token, pages)
            subprocess.run(
                ["wrk", "-t2", f"-c{CONNECTIONS}", "-d2s", "-s", str(script), f"http://127.0.0.1:{port}"],
                check=True,
                capture_output=True,
            )  # warm both workers
            output = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{CONNECTIONS}",
                    f"-d{duration}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    "-s",
                    str(script),
                    f"http://127.0.0.1:{port}",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[name] = _parse_wrk(output)
            if results[name]["errors"]:
                print(output)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# --- main ----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per URL")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (for profiling)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed for the HTTP part: apt-get install wrk")
    from benchdb import psql  # imported here: gunicorn imports this module as bench.bench_api for its URL map

    folder = _settings_dir()
    env = _environment(folder)
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    try:
        _setup_django(env)
        run_id, token = _load(args.targets)
        pages = -(-args.targets // PAGE_SIZE)
        local = in_process(run_id, token, pages)
        from django.db import connections

        connections.close_all()
        http = over_http(env, folder, run_id, token, pages, args.duration)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        shutil.rmtree(folder, ignore_errors=True)
    _report(args, local, http)


def _report(args, local: dict[str, float], http: dict) -> None:
    print(f"\nNicheRank API benchmark: {args.targets:,} ranked targets, PostgreSQL, page size {PAGE_SIZE}")
    print("in process (median of repeated requests, DEBUG off, token authentication):")
    for name, value in local.items():
        print(f"  {name:32s} {value:8.2f} ms")
    ratio = local["api ranking page"] / local["plain view page"]
    print(f"  ratio api / plain view          {ratio:8.2f}x   (goal for the API page: <= 50 ms)")
    print(f"gunicorn {WORKERS} workers, wrk {CONNECTIONS} connections, {args.duration} s per URL, random pages:")
    for name, figures in http.items():
        print(
            f"  {name:20s} {figures['requests/s']:8.1f} req/s   p50 {figures['p50 ms']:7.2f} ms   "
            f"p99 {figures['p99 ms']:7.2f} ms   errors {figures['errors']}"
        )
    api, plain = http["api ranking page"], http["plain view page"]
    print(
        f"  ratio api / plain view: throughput {api['requests/s'] / plain['requests/s']:.2f}x, "
        f"p99 {api['p99 ms'] / plain['p99 ms']:.2f}x"
    )


if __name__ == "__main__":
    main()

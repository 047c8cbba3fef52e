"""Fault and load suite: the production-shaped stack on loopback, with faults injected while it serves.

Run from the repository root:  .venv/bin/python bench/fault_suite.py [--load-seconds 30] [--keep]

It starts its own Redis (127.0.0.1:6391, no persistence), a fresh PostgreSQL database `nicherank_fault` on
the local server (127.0.0.1:5432, user postgres), gunicorn (2 workers, DEBUG off, settings as in
docker-compose.yml), a Celery worker (prefork, 2 processes) and beat (maintenance every 5 s, stuck refreshes
reaped after 20 s), plus a slow fake DGIdb that makes a refresh last long enough to kill its worker. Then:

1. load: 8 clients for --load-seconds on the ranking page, the API's ranking page and a target (reads);
2. Redis outage: Redis stopped for 10 s while clients read and a curator edits; Redis started again; the
   edits' re-ranks must be published from the outbox and run;
3. worker kill -9 mid-refresh: a refresh of DGIdb starts, the whole worker is killed, a new worker starts;
   the run must be closed (reaped) and a new refresh accepted;
4. pool process kill -9: only a pool process running a refresh batch is killed; the run must still end;
5. PostgreSQL connection loss: every backend of the suite's database is terminated while clients read;
6. concurrent edits: 8 curators patch different fields of one target 10 times each; none may be lost.

Every request outside a fault window must answer below 500. Prints a JSON summary (the figures in
docs/reliability.md) and exits non-zero when a goal is missed. Everything it starts is stopped at the end;
the database is dropped unless --keep. Bounded: about 3 minutes plus --load-seconds."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from devtools.workers import celery_worker_command  # noqa: E402 - the repository root is on the path only now

PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "nicherank_fault"
REDIS_PORT = 6391
WEB_PORT = 18731
SLOW_PORT = 18732
PYTHON = sys.executable
READ_PATHS = ["/", "/api/rankings/latest/", "/api/targets/CXCR4/"]


def free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def environment() -> dict[str, str]:
    broker = f"redis://127.0.0.1:{REDIS_PORT}"
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "fault-suite-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": f"{broker}/0",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "NICHERANK_CACHE_URL": f"{broker}/1",
        "NICHERANK_ANONYMOUS_READ": "1",
        "NICHERANK_THROTTLE_ANON": "10000000/hour",
        "NICHERANK_THROTTLE_USER": "10000000/hour",
        "NICHERANK_STABILITY_SAMPLES": "50",
        "NICHERANK_MAINTENANCE_SECONDS": "5",
        "NICHERANK_REFRESH_STUCK_AFTER": "20",
        "NICHERANK_DGIDB_URL": f"http://127.0.0.1:{SLOW_PORT}/api/graphql",
        "NICHERANK_REFRESH_MAX_TRIES": "3",
        "NICHERANK_REFRESH_BACKOFF": "0.5",
        "NICHERANK_REFRESH_READ_TIMEOUT": "10",
        "NICHERANK_REFRESH_TASK_RETRIES": "0",
        "NICHERANK_REFRESH_BATCH_SIZE": "10",
        "NICHERANK_LOG_LEVEL": "WARNING",
    }


class SlowSource(BaseHTTPRequestHandler):
    """A source that takes 4 s to fail every request (503): a refresh batch lasts ~15 s."""

    def _answer(self):
        time.sleep(4)
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


class Stack:
    """The processes of the suite, each in its own process group so it can be killed whole."""

    def __init__(self, logs: Path):
        self.env = environment()
        self.logs = logs
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("a")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = process
        return process

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)

    def manage(self, *args: str, timeout: int = 300) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def sql(self, query: str) -> list:
        import psycopg

        with psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) as conn:
            cursor = conn.execute(query)
            return cursor.fetchall() if cursor.description else []

    def redis(self) -> None:
        self.start(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        )
        wait_for(lambda: not free(REDIS_PORT), "redis")

    def worker(self, name: str = "worker") -> None:
        self.start(name, celery_worker_command(f"fault-{name}-{time.time_ns()}@%h"))


def wait_for(check, what: str, timeout: float = 60.0, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(Exception):
            result = check()
            if result:
                return result
        time.sleep(every)
    raise TimeoutError(f"{what} not ready after {timeout} s")


class Recorder:
    """Every request's time, status and latency, to count errors inside and outside fault windows."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples: list[tuple[float, int, float, str]] = []
        self.windows: list[tuple[float, float]] = []

    def add(self, status: int, seconds: float, what: str) -> None:
        with self.lock:
            self.samples.append((time.monotonic(), status, seconds, what))

    def window(self, start: float, end: float) -> None:
        self.windows.append((start, end))

    def summary(self, start: float, end: float) -> dict:
        chosen = [sample for sample in self.samples if start <= sample[0] <= end]
        in_fault = [s for s in chosen if any(a <= s[0] <= b for a, b in self.windows)]
        outside = [s for s in chosen if not any(a <= s[0] <= b for a, b in self.windows)]
        latencies = sorted(sample[2] for sample in chosen) or [0.0]
        return {
            "requests": len(chosen),
            "req_per_s": round(len(chosen) / max(end - start, 1e-9), 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
            "errors_5xx_outside_faults": sum(1 for s in outside if s[1] >= 500 or s[1] == 0),
            "errors_5xx_during_faults": sum(1 for s in in_fault if s[1] >= 500 or s[1] == 0),
        }


def read_load(recorder: Recorder, stop: threading.Event, clients: int = 8) -> list[threading.Thread]:
    def client(index: int) -> None:
        session = requests.Session()
        count = index
        while not stop.is_set():
            path = READ_PATHS[count % len(READ_PATHS)]
            count += 1
            started = time.monotonic()
            try:
                status = session.get(f"http://127.0.0.1:{WEB_PORT}{path}", timeout=30).status_code
            except requests.RequestException:
                status = 0
            recorder.add(status, time.monotonic() - started, path)

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(clients)]
    for thread in threads:
        thread.start()
    return threads


def curator_token(stack: Stack) -> str:
    script = (
        "from django.contrib.auth.models import Group, User; from rest_framework.authtoken.models import Token; "
        "u, _ = User.objects.get_or_create(username='fault-curator'); "
        "u.groups.add(Group.objects.get_or_create(name='curators')[0]); "
        "print(Token.objects.get_or_create(user=u)[0].key)"
    )
    return stack.manage("shell", "-c", script).strip().splitlines()[-1]


def api(token: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    return session


def scenario_redis_outage(stack: Stack, recorder: Recorder, token: str) -> dict:
    runs_before = stack.sql("select count(*) from targets_rankingrun")[0][0]
    session = api(token)
    stack.kill("redis")
    down = time.monotonic()
    write_seconds, pending, statuses = [], 0, []
    for index in range(5):
        started = time.monotonic()
        url = f"http://127.0.0.1:{WEB_PORT}/api/targets/CD44/"
        response = session.patch(url, json={"compartment_note": f"edited during the outage {index}"}, timeout=60)
        write_seconds.append(time.monotonic() - started)
        statuses.append(response.status_code)
        pending += response.headers.get("X-Rerank-Pending") == "1"
        time.sleep(1)
    time.sleep(max(0.0, 10 - (time.monotonic() - down)))
    stack.redis()
    up = time.monotonic()
    recorder.window(down, up + 5)  # reconnecting clients may fail for a moment after the restart
    drained = wait_for(
        lambda: (
            stack.sql("select count(*) from targets_outboxtask")[0][0] == 0
            and stack.sql("select count(*) from targets_rankingrun")[0][0] > runs_before
        ),
        "outbox drained and re-rank run",
        timeout=120,
    )
    return {
        "outage_seconds": round(up - down, 1),
        "writes": len(statuses),
        "write_statuses": sorted(set(statuses)),
        "write_max_seconds": round(max(write_seconds), 2),
        "writes_saying_rerank_pending": pending,
        "edits_kept": stack.sql("select compartment_note from targets_target where symbol='CD44'")[0][0]
        == "edited during the outage 4",
        "queued_work_completed_after_recovery_s": round(time.monotonic() - up, 1) if drained else None,
    }


def _start_refresh(token: str) -> int:
    response = api(token).post(f"http://127.0.0.1:{WEB_PORT}/api/refresh/", json={"sources": ["dgidb"]}, timeout=30)
    if response.status_code != 202:
        raise RuntimeError(f"refresh not accepted: {response.status_code} {response.text[:300]}")
    return response.json()["id"]


def _run_status(stack: Stack, run_id: int) -> str:
    return stack.sql(f"select status from targets_refreshrun where id={int(run_id)}")[0][0]


def scenario_worker_kill(stack: Stack, token: str) -> dict:
    run_id = _start_refresh(token)
    wait_for(lambda: _run_status(stack, run_id) == "running", "refresh running", timeout=60)
    time.sleep(3)  # a batch is talking to the slow source
    stack.kill("worker")  # kill -9 of the whole worker: main process and pool
    killed = time.monotonic()
    stack.worker()
    wait_for(lambda: _run_status(stack, run_id) in ("failed", "succeeded"), "run closed", timeout=150)
    closed = time.monotonic() - killed
    accepted = _start_refresh(token)  # the source is free again: not a 409
    wait_for(lambda: _run_status(stack, accepted) in ("failed", "succeeded"), "next run closed", timeout=180)
    return {"run_closed_after_s": round(closed, 1), "status": _run_status(stack, run_id), "next_refresh_accepted": True}


def scenario_pool_kill(stack: Stack, token: str) -> dict:
    run_id = _start_refresh(token)
    wait_for(lambda: _run_status(stack, run_id) == "running", "refresh running", timeout=60)
    time.sleep(3)
    main = stack.processes["worker"].pid
    children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
    killed = 0
    for pid in children:  # pool processes; the one running the batch is among them
        with suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
            killed += 1
    started = time.monotonic()
    wait_for(lambda: _run_status(stack, run_id) in ("failed", "succeeded"), "run closed", timeout=180)
    return {
        "pool_processes_killed": killed,
        "run_closed_after_s": round(time.monotonic() - started, 1),
        "status": _run_status(stack, run_id),
    }


def scenario_pg_connection_loss(stack: Stack, recorder: Recorder) -> dict:
    start = time.monotonic()
    terminated = stack.sql(
        f"select count(pg_terminate_backend(pid)) from pg_stat_activity where datname='{DATABASE}' "
        "and pid <> pg_backend_pid()"
    )[0][0]
    recorder.window(start, start + 2)
    time.sleep(5)
    return {"backends_terminated": terminated}


def scenario_concurrent_edits(stack: Stack, token: str) -> dict:
    """8 curators, 10 single-field PATCHes each, on one target. A lost update shows in the audit history as a
    save that changed more than the one field it was asked to change (it wrote back a stale value)."""
    fields = ["name", "compartment_note", "mechanism"]

    def editor(index: int) -> list[int]:
        session, codes = api(token), []
        field = fields[index % len(fields)]
        for round_ in range(10):
            value = f"{field} by editor {index} round {round_}"
            url = f"http://127.0.0.1:{WEB_PORT}/api/targets/VCAM1/"
            codes.append(session.patch(url, json={field: value}, timeout=60).status_code)
        return codes

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = [code for result in pool.map(editor, range(8)) for code in result]
    history = stack.sql(
        "select name, compartment_note, mechanism from targets_historicaltarget where symbol='VCAM1' "
        "order by history_id"
    )
    saves = history[-codes.count(200) :] if codes.count(200) else []
    previous = history[-codes.count(200) - 1] if len(history) > codes.count(200) else None
    lost = 0
    for row in saves:
        if previous is not None and sum(a != b for a, b in zip(previous, row, strict=True)) > 1:
            lost += 1
        previous = row
    return {
        "patches": len(codes),
        "ok": codes.count(200),
        "server_errors": sum(1 for code in codes if code >= 500),
        "lost_updates": lost,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load-seconds", type=float, default=30.0)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    for port in (REDIS_PORT, WEB_PORT, SLOW_PORT):
        if not free(port):
            print(f"port {port} is busy", file=sys.stderr)
            return 2
    logs = ROOT / ".pytest_cache" / "fault_suite"
    logs.mkdir(parents=True, exist_ok=True)
    stack, recorder = Stack(logs), Recorder()
    slow = ThreadingHTTPServer(("127.0.0.1", SLOW_PORT), SlowSource)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"drop database if exists {DATABASE} with (force)")
        conn.execute(f"create database {DATABASE}")
    summary: dict = {}
    stop = threading.Event()
    try:
        stack.redis()
        stack.manage("migrate", "--noinput")
        stack.manage("load_catalogue", "--if-empty")
        stack.manage("rank", "--top", "0")
        token = curator_token(stack)
        stack.start(
            "web",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{WEB_PORT}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
        )
        stack.worker()
        stack.start(
            "beat",
            [PYTHON, "-m", "celery", "-A", "config", "beat", "--loglevel=WARNING", "-s", str(logs / "beat-schedule")],
        )
        wait_for(lambda: requests.get(f"http://127.0.0.1:{WEB_PORT}/readyz?strict=1", timeout=5).ok, "readyz", 90)

        start = time.monotonic()
        threads = read_load(recorder, stop)
        time.sleep(args.load_seconds)
        summary["load"] = recorder.summary(start, time.monotonic())
        summary["redis_outage"] = scenario_redis_outage(stack, recorder, token)
        summary["postgres_connection_loss"] = scenario_pg_connection_loss(stack, recorder)
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
        summary["reads_whole_run"] = recorder.summary(start, time.monotonic())
        summary["worker_kill_9"] = scenario_worker_kill(stack, token)
        summary["pool_process_kill_9"] = scenario_pool_kill(stack, token)
        summary["concurrent_edits"] = scenario_concurrent_edits(stack, token)
        summary["stuck_runs"] = stack.sql(
            "select count(*) from targets_refreshrun where status in ('queued','running')"
        )[0][0]
        summary["outbox_left"] = stack.sql("select count(*) from targets_outboxtask")[0][0]
    finally:
        stop.set()
        stack.stop_all()
        slow.shutdown()
        if not args.keep:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
                conn.execute(f"drop database if exists {DATABASE} with (force)")
    print(json.dumps(summary, indent=2))
    goals = [
        summary["reads_whole_run"]["errors_5xx_outside_faults"] == 0,
        summary["redis_outage"]["write_statuses"] == [200],
        summary["redis_outage"]["edits_kept"],
        summary["redis_outage"]["queued_work_completed_after_recovery_s"] is not None,
        summary["concurrent_edits"]["server_errors"] == 0,
        summary["concurrent_edits"]["lost_updates"] == 0,
        summary["stuck_runs"] == 0,
        summary["outbox_left"] == 0,
    ]
    return 0 if all(goals) else 1


if __name__ == "__main__":
    sys.exit(main())

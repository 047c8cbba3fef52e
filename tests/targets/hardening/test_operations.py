"""Sign-in, production settings and operations (issue 13, points 14, 16-19)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.authtoken.models import Token

from targets.logging import JsonFormatter, request_id_var
from targets.models import Evidence, RankingRow, RankingRun, ScoringProfile, Target
from targets.ranking.retention import ranking_runs_compact
from targets.ranking.runs import ranking_run_create
from targets.selectors import rank_history

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_answer_429_on_the_token_endpoint_and_the_login_page(client, viewer, settings):
    settings.NICHERANK_LOGIN_MAX_FAILURES = 3
    from rest_framework.test import APIClient

    api = APIClient()
    codes = [
        api.post("/api/auth/token/", {"username": viewer.username, "password": "wrong"}).status_code for _ in range(4)
    ]
    assert codes == [400, 400, 400, 429]
    # locked even with the right password until the window passes: guessing gains nothing
    assert api.post("/api/auth/token/", {"username": viewer.username, "password": "x"}).status_code == 429
    response = client.post("/accounts/login/", {"username": viewer.username, "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_a_bad_or_expired_token_is_401_and_a_password_change_revokes_tokens(viewer, settings, ranked):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get("/api/targets/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    token = Token.objects.create(user=viewer)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/targets/").status_code == 200
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - timedelta(hours=settings.NICHERANK_TOKEN_TTL_HOURS + 1)
    )
    assert client.get("/api/targets/").status_code == 401
    token = Token.objects.get(user=viewer)
    Token.objects.filter(pk=token.pk).update(created=timezone.now())
    viewer.set_password("a-new-long-password")
    viewer.save()
    assert not Token.objects.filter(user=viewer).exists()
    assert client.get("/api/targets/").status_code == 401


def test_no_password_reset_pages_and_a_csp_on_every_page(client, ranked, settings):
    settings.NICHERANK_ANONYMOUS_READ = True
    assert client.get("/accounts/password_reset/").status_code == 404
    response = client.get("/")
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert response["X-Request-ID"]
    docs = client.get("/api/docs/")  # Swagger UI loads from this site (sidecar package) with one inline script
    assert "'unsafe-inline'" in docs["Content-Security-Policy"]
    assert "jsdelivr" not in docs["Content-Security-Policy"]


def test_healthz_and_readyz_report_the_database_and_broker(client, catalogue):
    assert client.get("/healthz").json() == {"status": "ok"}
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] and body["checks"]["broker"]["ok"]
    assert "outbox_pending" in body["checks"]["worker"]


def test_check_deploy_is_clean_under_the_documented_production_settings(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # browser tests'
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x7" * 30 + "-a-long-random-production-key-with-entropy",
        "DJANGO_ALLOWED_HOSTS": "nicherank.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_default_to_debug_off_and_refuse_to_start_without_a_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr


def test_json_log_lines_carry_time_level_and_request_id():
    token = request_id_var.set("req-42")
    try:
        record = logging.LogRecord("targets", logging.WARNING, __file__, 1, "re-rank %s", ("pending",), None)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "req-42" and line["level"] == "WARNING" and line["message"] == "re-rank pending"
    assert line["time"].endswith("+00:00")


def test_old_edit_triggered_runs_are_compacted_and_named_ones_kept(ranked, settings):
    named = ranking_run_create(triggered_by="command", samples=0)
    for index in range(5):
        ranking_run_create(triggered_by=f"evidence added {index}", samples=0)
    RankingRun.objects.update(created_at=timezone.now() - timedelta(days=30))
    result = ranking_runs_compact(keep=2, keep_days=14)
    assert result["runs_deleted"] == 3 and result["rows_deleted"] > 0
    assert RankingRun.objects.filter(pk=named.pk).exists()
    assert RankingRun.objects.count() == 4  # the bundled run, the named one, the newest two edit runs
    assert not RankingRow.objects.exclude(run__in=RankingRun.objects.all()).exists()


def test_rank_history_is_bounded(ranked):
    for index in range(4):
        ranking_run_create(triggered_by=f"target CXCR4 edited {index}", samples=0)
    target = Target.objects.get(symbol="CXCR4")
    history = rank_history(target, limit=3)
    assert len(history) == 3
    assert history[-1].run_id == RankingRun.objects.latest("created_at", "id").pk


def test_export_snapshot_never_overwrites_a_file_by_default(catalogue, tmp_path, settings):
    bundled = settings.NICHERANK_SNAPSHOT_PATH
    before = bundled.read_bytes()
    with pytest.raises(CommandError, match="exists"):
        call_command("export_snapshot", "--output", str(bundled))
    assert bundled.read_bytes() == before
    os.chdir(tmp_path)
    try:
        call_command("export_snapshot")
    finally:
        os.chdir(ROOT)
    assert list(tmp_path.glob("source_records-*.json"))


def test_backup_and_restore_round_trip_all_curated_data(ranked, curator, tmp_path):
    Evidence.objects.create(
        target=Target.objects.get(symbol="CD44"),
        citation="12345678",
        claim="restored claim",
        direction="pro_leukemic",
        created_by=curator,
    )
    Token.objects.create(user=curator)
    counts = {model: model.objects.count() for model in (Target, Evidence, ScoringProfile, User, Token)}
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    RankingRun.objects.all().delete()
    Target.objects.all().delete()
    ScoringProfile.objects.all().delete()
    User.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("backup", str(path))  # never overwrites either
    call_command("restore", str(path))
    assert {model: model.objects.count() for model in counts} == counts
    assert Evidence.objects.get(claim="restored claim").created_by.username == curator.username
    assert RankingRun.objects.exists()
    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(path))


def test_a_task_queued_by_a_request_carries_its_id_into_the_worker_logs():
    from types import SimpleNamespace

    from config.celery import adopt_request_id, carry_request_id, drop_request_id

    headers: dict = {}
    token = request_id_var.set("req-7")
    try:
        carry_request_id(headers=headers)
    finally:
        request_id_var.reset(token)
    assert headers == {"request_id": "req-7"}
    task = SimpleNamespace(request=SimpleNamespace(request_id=None, headers=headers, is_eager=False))
    adopt_request_id(task=task)  # in the worker
    assert request_id_var.get() == "req-7"
    drop_request_id(task=task)
    assert request_id_var.get() == ""

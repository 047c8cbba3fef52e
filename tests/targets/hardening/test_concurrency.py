"""Concurrent edits (issue 13, points 5 and 12): never a silent overwrite, never a 500. The threaded tests
need PostgreSQL (real row locks); the precondition tests run anywhere."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from targets.models import ScoringProfile, Target
from tests.support.services import require_postgresql

pytestmark = pytest.mark.django_db


def test_a_stale_if_match_is_a_412_and_a_stale_version_a_409(client_for, catalogue):
    curator = client_for("curator")
    read = curator.get("/api/targets/CD44/")
    etag = read["ETag"]
    first = curator.patch("/api/targets/CD44/", {"name": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] != etag
    stale = curator.patch("/api/targets/CD44/", {"name": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    version = read.json()["version"]
    conflict = curator.patch("/api/targets/CD44/", {"name": "third", "version": version}, format="json")
    assert conflict.status_code == 409
    assert Target.objects.get(symbol="CD44").name == "first"


def _in_threads(function, count: int) -> list:
    def run(index):
        try:
            return function(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_single_field_patches_all_survive(catalogue, curator, settings):
    require_postgresql(connection)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    fields = ["name", "compartment_note", "mechanism"]
    client = _client(curator)
    for round_ in range(4):

        def patch(index, round_=round_):
            field = fields[index]
            return _client(curator).patch("/api/targets/CD44/", {field: f"{field} {round_}"}, format="json")

        responses = _in_threads(patch, len(fields))
        assert [response.status_code for response in responses] == [200] * len(fields)
        target = client.get("/api/targets/CD44/").json()
        assert {field: target[field] for field in fields} == {field: f"{field} {round_}" for field in fields}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_profile_edits_each_store_a_version_and_one_name_is_created_once(ranked, curator, settings):
    require_postgresql(connection)
    responses = _in_threads(
        lambda index: _client(curator).patch("/api/profiles/balanced/", {"top_k": 10 + index}, format="json"), 4
    )
    assert [response.status_code for response in responses] == [200] * 4
    versions = sorted(ScoringProfile.objects.filter(name="balanced").values_list("version", flat=True))
    assert versions == list(range(1, 6))
    body = {"name": "twin", "weights": {"clinical_precedent": 1.0}}
    created = _in_threads(lambda index: _client(curator).post("/api/profiles/", body, format="json"), 3)
    codes = sorted(response.status_code for response in created)
    assert codes.count(201) == 1 and all(code in (201, 400, 409) for code in codes), codes
    assert ScoringProfile.objects.filter(name="twin").count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_identical_concurrent_evidence_posts_store_one_and_answer_409(catalogue, curator):
    require_postgresql(connection)
    body = {"target": "CXCR4", "citation": "12345678", "claim": "same claim", "direction": "pro_leukemic"}
    responses = _in_threads(lambda index: _client(curator).post("/api/evidence/", body, format="json"), 4)
    codes = sorted(response.status_code for response in responses)
    assert codes.count(201) == 1 and all(code in (201, 400, 409) for code in codes), codes


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_refresh_posts_give_one_202_and_one_409(catalogue, curator, settings):
    from unittest import mock

    require_postgresql(connection)
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # a worker is configured; publishing is mocked below
    with mock.patch("targets.tasks.refresh_source.apply_async"):
        responses = _in_threads(
            lambda index: _client(curator).post("/api/refresh/", {"sources": ["chembl"]}, format="json"), 4
        )
    codes = sorted(response.status_code for response in responses)
    assert codes == [202, 409, 409, 409], codes

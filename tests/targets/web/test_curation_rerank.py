"""Every web save that changes the ranking's inputs queues the same re-rank the API queues after that save."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from targets.models import Evidence, ScoringProfile, Target
from tests.support.forms import EVIDENCE_FORM as EVIDENCE
from tests.support.forms import target_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def delay():
    with mock.patch("targets.tasks.rerank.apply_async") as delay:
        yield delay


@pytest.fixture
def post(curator_client, django_capture_on_commit_callbacks):
    """POST as a curator and run what the request queued for after its commit."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return curator_client.post(url, data)

    return post


def test_adding_evidence_queues_a_rerank(post, catalogue, delay):
    assert post("/targets/CXCR4/evidence/new/", EVIDENCE).status_code == 302
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (None, "evidence added")


def test_editing_evidence_queues_a_rerank(post, catalogue, delay):
    evidence = Evidence.objects.filter(target__symbol="CXCR4").first()
    data = {"citation": evidence.citation, "claim": evidence.claim, "direction": "mixed", "level": "clinical"}
    assert post(f"/targets/CXCR4/evidence/{evidence.pk}/edit/", data).status_code == 302
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (None, "evidence edited")


def test_editing_a_target_queues_a_rerank(post, catalogue, delay):
    target = Target.objects.get(symbol="CXCR4")
    assert post("/targets/CXCR4/edit/", target_form(target, role="dual")).status_code == 302
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (None, "target CXCR4 edited")


def test_a_refused_save_queues_nothing(post, catalogue, delay):
    post("/targets/CXCR4/evidence/new/", {**EVIDENCE, "citation": "see Smith 2012"})
    delay.assert_not_called()


def test_an_evidence_import_queues_one_rerank(post, catalogue, delay):
    upload = SimpleUploadedFile("team.csv", b"symbol,citation,claim,direction\nCXCR4,12345678,new claim,mixed\n")
    assert post("/evidence/import/", {"file": upload}).status_code == 302
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (None, "evidence imported")


def test_saving_a_profile_reranks_that_profile_version(post, ranked, delay):
    from tests.targets.web.test_curation import _profile_post

    assert post("/profiles/balanced/edit/", _profile_post(weight_novelty=3.0)).status_code == 302
    saved = ScoringProfile.objects.get(name="balanced", is_current=True)
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (saved.pk, "profile balanced v2 saved")


@pytest.mark.django_db(transaction=True)
def test_a_failing_rerank_keeps_the_save(curator_client, catalogue, caplog):
    # Outside a test transaction the on-commit hook runs at once, as in production (eager Celery raises here).
    with mock.patch("targets.tasks.rerank.apply_async", side_effect=RuntimeError("broker down")):
        response = curator_client.post("/targets/CXCR4/evidence/new/", EVIDENCE, follow=True)
    assert response.status_code == 200
    assert "Evidence 23213054 added for CXCR4" in response.content.decode()
    assert Evidence.objects.filter(target__symbol="CXCR4", claim=EVIDENCE["claim"]).exists()
    assert "broker down" in caplog.text


def test_a_rerank_that_cannot_be_queued_keeps_the_save_and_warns(curator_client, catalogue, caplog):
    with mock.patch("targets.web.views.curation.enqueue_rerank", side_effect=RuntimeError("no queue")):
        response = curator_client.post("/targets/CXCR4/evidence/new/", EVIDENCE, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Evidence 23213054 added for CXCR4" in html and "the ranking could not be updated" in html
    assert Evidence.objects.filter(target__symbol="CXCR4", claim=EVIDENCE["claim"]).exists()
    assert "no queue" in caplog.text

"""A committed write answers success even when the re-rank it queues cannot run."""

from unittest import mock

import pytest

from targets.models import Evidence

pytestmark = pytest.mark.django_db


def test_a_failing_rerank_does_not_turn_a_committed_delete_into_an_error(
    client_for, catalogue, django_capture_on_commit_callbacks
):
    evidence = Evidence.objects.first()
    with (
        mock.patch("targets.tasks.rerank.apply_async", side_effect=ConnectionError("broker down")),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client_for("curator").delete(f"/api/evidence/{evidence.pk}/")
    assert response.status_code == 204
    assert callbacks, "the delete queued a re-rank"
    assert not Evidence.objects.filter(pk=evidence.pk).exists()

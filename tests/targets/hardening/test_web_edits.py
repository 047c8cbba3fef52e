"""The target edit page refuses to overwrite an edit saved since the curator opened it (issue 13, point 5)."""

import pytest

from targets.models import Target
from tests.support.forms import target_form

pytestmark = pytest.mark.django_db


def test_a_stale_edit_page_is_refused_with_409_and_keeps_the_other_edit(client, curator, catalogue):
    client.force_login(curator)
    target = Target.objects.get(symbol="CD44")
    html = client.get("/targets/CD44/edit/").content.decode()
    assert 'name="seen_version"' in html and 'type="hidden"' in html
    opened = target_form(target, seen_version=target.version)  # two curators open the page at the same version
    first = client.post("/targets/CD44/edit/", {**opened, "mechanism": "first curator's text"})
    assert first.status_code == 302
    second = client.post("/targets/CD44/edit/", {**opened, "name": "second curator's name"})
    assert second.status_code == 409
    assert "changed by someone else" in second.content.decode()
    target.refresh_from_db()
    assert target.mechanism == "first curator's text" and target.version == opened["seen_version"] + 1


@pytest.mark.django_db(transaction=True)
def test_a_save_while_the_broker_is_down_says_the_ranking_will_follow(client, curator, catalogue, settings):
    from unittest import mock

    from kombu.exceptions import OperationalError

    from targets.models import OutboxTask

    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(curator)
    target = Target.objects.get(symbol="CD44")
    with mock.patch("targets.tasks.rerank.apply_async", side_effect=OperationalError("Connection refused")):
        response = client.post(
            "/targets/CD44/edit/", target_form(target, seen_version=target.version, name="saved anyway"), follow=True
        )
    assert response.status_code == 200
    assert "ranking will be updated as soon as it is back" in response.content.decode()
    assert OutboxTask.objects.filter(kind="rerank").count() == 1

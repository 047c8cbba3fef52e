"""Without a Celery worker, web and API refuse to start a refresh inside the request, and say why."""

import pytest

from targets.models import RefreshRun
from targets.refresh.requests import RefreshUnavailable, ensure_refresh_worker

pytestmark = pytest.mark.django_db

NO_WORKER = "refreshes run on a Celery worker and this instance has none"


@pytest.fixture
def no_worker(settings):
    settings.CELERY_BROKER_URL = ""
    settings.NICHERANK_REFRESH_IN_PROCESS = False


def test_a_broker_makes_refreshes_available(settings):
    settings.NICHERANK_REFRESH_IN_PROCESS = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    ensure_refresh_worker()  # no exception
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(RefreshUnavailable, match=NO_WORKER):
        ensure_refresh_worker()


def test_the_api_answers_503_and_queues_nothing(no_worker, catalogue, curator, client):
    client.force_login(curator)
    response = client.post("/api/refresh/", {}, content_type="application/json")
    assert response.status_code == 503
    assert NO_WORKER in response.json()["error"]["message"]
    assert not RefreshRun.objects.exists()


def test_the_web_page_explains_and_offers_no_button(no_worker, catalogue, curator, client):
    client.force_login(curator)
    page = client.get("/refresh/").content.decode()
    assert NO_WORKER in page
    assert "Start refresh</button>" not in page
    response = client.post("/refresh/start/", {}, follow=True)
    assert NO_WORKER in response.content.decode()
    assert not RefreshRun.objects.exists()

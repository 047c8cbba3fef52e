"""Per-user throttling: over the rate, a 429 with Retry-After in the error body; each user counted apart."""

import pytest
from django.core.cache import cache

from targets.api.throttling import AnonThrottle, UserThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    rates = {"user": "3/hour", "anon": "2/hour"}
    for throttle in (UserThrottle, AnonThrottle):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", rates)
    cache.clear()
    yield
    cache.clear()


def test_a_user_over_the_rate_gets_a_429_with_retry_after(client_for, catalogue, low_rates):
    viewer = client_for("viewer")
    assert [viewer.get("/api/criteria/").status_code for _ in range(4)] == [200, 200, 200, 429]
    response = viewer.get("/api/criteria/")
    assert response.json()["error"]["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 3600
    assert client_for("curator").get("/api/criteria/").status_code == 200  # counted apart


def test_anonymous_readers_are_throttled_by_address(client_for, catalogue, low_rates):
    anonymous = client_for("anonymous")
    assert [anonymous.get("/api/criteria/").status_code for _ in range(3)] == [200, 200, 429]

"""The number of SQL queries of a ranking page does not grow with the number of targets (38 vs 2,000)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devtools.synthetic import add_synthetic_targets
from targets.models import Target
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db

SYNTHETIC_TOTAL = 2000


def query_counts(client, run) -> dict[str, int]:
    calls = {
        # pages within the ranked rows: a page straddling ranked and unranked rows costs one query more
        "rows page": lambda: client.get(f"/api/rankings/{run.pk}/rows/?page=2&page_size=10"),
        "rows filtered": lambda: client.get(f"/api/rankings/{run.pk}/rows/?compartment=msc&ordering=-score"),
        "latest": lambda: client.get("/api/rankings/latest/?page_size=20"),
        "targets page": lambda: client.get("/api/targets/?page=1"),
        "batch": lambda: client.post(
            "/api/batch/", {"ids": list(Target.objects.values_list("symbol", flat=True))}, format="json"
        ),
    }
    counts = {}
    for name, request in calls.items():
        with CaptureQueriesContext(connection) as queries:
            response = request()
        assert response.status_code == 200, (name, response.content[:200])
        counts[name] = len(queries)
    return counts


def test_queries_do_not_grow_with_the_number_of_targets(client_for, catalogue):
    client = client_for("viewer")
    small_run = ranking_run_create(triggered_by="test", samples=0)
    small = query_counts(client, small_run)

    add_synthetic_targets(SYNTHETIC_TOTAL - Target.objects.count())
    large_run = ranking_run_create(triggered_by="test", samples=0)
    assert large_run.target_count == SYNTHETIC_TOTAL
    large = query_counts(client, large_run)

    assert large == small
    assert small["rows page"] <= 6

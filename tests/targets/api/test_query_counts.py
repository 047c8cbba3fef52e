"""The number of SQL queries of a ranking page does not grow with the number of targets (38 vs 2,000)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from targets.models import Axis, Target
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db

SYNTHETIC_TOTAL = 2000
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def synthetic_uniprot(i: int) -> str:
    """A valid, unique UniProt-format accession: Q<digit><3 alphanumerics><digit>."""
    n = i // 10
    middle = _BASE36[n // 1296 % 36] + _BASE36[n // 36 % 36] + _BASE36[n % 36]
    return f"Q{i % 10}{middle}9"


def add_synthetic_targets(count: int) -> None:
    """Targets with valid ids on one synthetic axis (assembled for this test, not biology)."""
    axis = Axis.objects.create(name="synthetic axis (test)")
    Target.objects.bulk_create(
        [
            Target(
                symbol=f"SYN{i}",
                ensembl_id=f"ENSG{90000000000 + i:011d}",
                uniprot=synthetic_uniprot(i),
                axis=axis,
                compartment="msc",
                role="pro_leukemic",
                stage_aml="preclinical",
                stage_any="phase1",
                modalities=[{"modality": "antibody", "qualifier": ""}],
            )  # fmt: skip
            for i in range(count)
        ],
        batch_size=1000,
    )


def query_counts(client, run) -> dict[str, int]:
    calls = {
        "rows page": lambda: client.get(f"/api/rankings/{run.pk}/rows/?page=2&page_size=20"),
        "rows filtered": lambda: client.get(f"/api/rankings/{run.pk}/rows/?compartment=msc&ordering=-score"),
        "latest": lambda: client.get("/api/rankings/latest/"),
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

"""Benchmark the search suggestions over the curated catalogue and the whole gene universe (PostgreSQL).

For a symbol prefix, a name word, an alias and a miss it prints the median latency of
`GET /search/suggest.json?q=...&limit=8` (in process, Django test client, DEBUG off) and its ratio to a
baseline measured in the same run: one plain `.values()` query for 8 genes whose search text contains the query.

Re-run: .venv/bin/python bench/bench_search.py [--repeats 30]   (drops and recreates nicherank_bench_search)
"""

from __future__ import annotations

import argparse
import os

from benchdb import fresh_django, median, psql

DATABASE = os.environ.get("NICHERANK_BENCH_DB", "nicherank_bench_search")
QUERIES = {"symbol prefix": "cxc", "name word": "chemokine", "alias": "cd184", "miss": "zzzzq"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    fresh_django(DATABASE, DJANGO_ALLOWED_HOSTS="testserver", DJANGO_SECURE_SSL_REDIRECT="0")
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from targets.catalogue.bundled import bundled_files
    from targets.catalogue.load import catalogue_load
    from targets.models import Gene
    from targets.universe.load import load_universe

    try:
        call_command("migrate", verbosity=0)
        catalogue_load(**{name: path for name, path in bundled_files().items() if path.exists()})
        load_universe()
        client = Client()
        print(f"genes {Gene.objects.count()}, repeats {args.repeats}")
        print(f"{'query':<15} {'suggest ms':>11} {'plain ms':>9} {'ratio':>6}  first result")
        for label, query in QUERIES.items():
            response = client.get("/search/suggest.json", {"q": query, "limit": 8})
            assert response.status_code == 200, response.content
            first = (response.json()["results"] or [{"symbol": "-"}])[0]["symbol"]
            suggest = median(lambda q=query: client.get("/search/suggest.json", {"q": q, "limit": 8}), args.repeats)
            plain = median(
                lambda q=query: list(Gene.objects.filter(search_text__contains=q).values("symbol", "name")[:8]),
                args.repeats,
            )
            print(f"{label:<15} {suggest * 1000:>11.1f} {plain * 1000:>9.1f} {suggest / plain:>6.1f}  {first}")
    finally:
        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()

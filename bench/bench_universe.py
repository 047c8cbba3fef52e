"""Benchmark the gene universe on PostgreSQL: full load, genome-wide ranking, discovery API page.

Each figure is printed with its ratio to a baseline measured in the same run:
- load: the full `load_universe` into an empty database vs. parsing and assembling the same files alone;
- ranking: facts from the database + 8 criteria + 1,000-draw stability for every gene vs. the bare numpy bound
  (one 1,000 x 8 @ 8 x n product and an argsort of every draw);
- API: `GET /api/discovery/` (50 rows with why-it-surfaced) vs. a plain `.values()` page of the same scores.

Re-run: .venv/bin/python bench/bench_universe.py [--repeats 30]   (drops and recreates nicherank_uni)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = os.environ.get("NICHERANK_BENCH_DB", "nicherank_uni")


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        DATABASE_URL=f"{PG}/{DATABASE}", DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only", NICHERANK_ANONYMOUS_READ="1", NICHERANK_LOG_LEVEL="WARNING",
        NICHERANK_THROTTLE_ANON="100000000/hour",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from scoring.discovery import rank_universe
    from targets.catalogue.load import catalogue_load
    from targets.models import DiscoveryScore
    from targets.universe.assemble import assemble
    from targets.universe.discover import run_discovery, universe_facts
    from targets.universe.load import default_data_dir, load_universe, read_all

    call_command("migrate", verbosity=0)
    data = ROOT / "data"
    catalogue_load(
        targets_path=data / "msc_aml_targets.csv", agents_path=data / "catalogue_agents.csv",
        interactions_path=data / "interactions.csv",
    )  # fmt: skip
    start = time.perf_counter()
    assemble(read_all(default_data_dir())[0])
    parse = time.perf_counter() - start
    start = time.perf_counter()
    result = load_universe()
    load = time.perf_counter() - start
    start = time.perf_counter()
    reload = load_universe()
    reload_s = time.perf_counter() - start
    print(f"load_universe, empty PostgreSQL: {load:.2f} s (goal <= 60 s; {load / 60:.3f} of budget); "
          f"parse+assemble alone {parse:.2f} s (ratio {load / parse:.2f}x); reload {reload_s:.2f} s, "
          f"changed: {reload.changed}; {result.genes_created} genes, {result.pairs_created} pairs")  # fmt: skip

    def ranking():
        _, facts = universe_facts()
        return rank_universe(facts, samples=1000, seed=0)

    ids, facts = universe_facts()
    n = len(ids)
    rng = np.random.default_rng(0)
    matrix = np.nan_to_num(rng.random((n, 8)))
    draws = rng.dirichlet(np.ones(8), size=1000)

    def bound():
        scores = draws @ matrix.T
        np.argsort(-scores, axis=1)

    rank_s = _median(ranking, 5)
    bound_s = _median(bound, 5)
    print(f"ranking {n:,} genes from the database, 1,000-draw stability: {rank_s:.3f} s median of 5 "
          f"(goal <= 1.5 s); numpy bound {bound_s:.3f} s (ratio {rank_s / bound_s:.2f}x)")  # fmt: skip
    start = time.perf_counter()
    run = run_discovery(samples=1000)
    print(f"rank_universe incl. storing {run.genes:,} scores: {time.perf_counter() - start:.2f} s")

    client = Client()
    urls = ["/api/discovery/", "/api/discovery/?page=200", "/api/discovery/?side=receptor&modality=antibody",
            "/api/discovery/?partner=CXCR4", "/api/discovery/?q=integrin", "/discovery/", "/discovery/?page=200",
            "/discovery/?side=receptor&modality=antibody", "/discovery/CXCR4/"]  # fmt: skip
    for url in urls:
        client.get(url)
        queries = []
        # Counted with an execute wrapper: the test client's request_started signal empties connection.queries.
        with connection.execute_wrapper(lambda execute, sql, *rest, q=queries: q.append(sql) or execute(sql, *rest)):
            assert client.get(url).status_code == 200
        api = _median(lambda u=url: client.get(u), args.repeats)

        def plain(u=url):
            page = 200 if "page=200" in u else 1
            list(DiscoveryScore.objects.filter(run=run).order_by("rank")[(page - 1) * 50 : page * 50].values())

        base = _median(plain, args.repeats)
        print(f"{url}: {api * 1000:.1f} ms median (goal <= 50 ms), {len(queries)} queries; plain page "
              f"{base * 1000:.1f} ms (ratio {api / base:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()

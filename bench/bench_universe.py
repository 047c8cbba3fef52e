"""Benchmark the gene universe on PostgreSQL: full load, genome-wide ranking, discovery API page.

Each figure is printed with its ratio to a baseline measured in the same run:
- load: the full `load_universe` into an empty database vs. parsing and assembling the same files alone;
- ranking: facts from the database + 8 criteria + 1,000-draw stability for every gene vs. the bare numpy bound
  (one 1,000 x 8 @ 8 x n product and an argsort of every draw);
- API: `GET /api/discovery/` (50 rows with why-it-surfaced) vs. a plain `.values()` page of the same scores;
- Pareto layers of 20,000 x 8 (synthetic, as bench_scoring) and of the real universe matrix vs. the previous
  implementation (scoring/pareto.py at commit 65e76ed, read with git);
- what-if (the sliders: every target re-ranked under new weights, nothing stored) with the catalogue grown to
  the size of the universe by SYNTHETIC targets (copies of catalogue targets, bench_web.py): cached facts and
  matrix vs. rebuilding them from the database (the uncached path), in the same run.

Re-run: .venv/bin/python bench/bench_universe.py [--repeats 30] [--targets 19300]   (drops and recreates
nicherank_uni)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time

from benchdb import ROOT, fresh_django, median

DATABASE = os.environ.get("NICHERANK_BENCH_DB", "nicherank_uni")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--targets", type=int, default=19300, help="catalogue size for the what-if")
    args = parser.parse_args()
    fresh_django(DATABASE, NICHERANK_THROTTLE_ANON="100000000/hour")
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
        targets_path=data / "msc_aml_targets.csv",
        agents_path=data / "catalogue_agents.csv",
        interactions_path=data / "interactions.csv",
    )
    start = time.perf_counter()
    assemble(read_all(default_data_dir())[0])
    parse = time.perf_counter() - start
    start = time.perf_counter()
    result = load_universe()
    load = time.perf_counter() - start
    start = time.perf_counter()
    reload = load_universe()
    reload_s = time.perf_counter() - start
    print(
        f"load_universe, empty PostgreSQL: {load:.2f} s (goal <= 60 s; {load / 60:.3f} of budget); "
        f"parse+assemble alone {parse:.2f} s (ratio {load / parse:.2f}x); reload {reload_s:.2f} s, "
        f"changed: {reload.changed}; {result.genes_created} genes, {result.pairs_created} pairs"
    )

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

    rank_s = median(ranking, 5)
    bound_s = median(bound, 5)
    cpu = time.process_time()
    start = time.perf_counter()
    ranking()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    start = time.perf_counter()
    universe_facts()
    facts_s = time.perf_counter() - start
    print(
        f"ranking {n:,} genes from the database, 1,000-draw stability: {rank_s:.3f} s median of 5 "
        f"(goal <= 1.5 s); numpy bound {bound_s:.3f} s (ratio {rank_s / bound_s:.2f}x); one more run {wall:.3f} s "
        f"wall, {cpu:.3f} s CPU (all threads); reading the facts alone {facts_s:.3f} s"
    )
    start = time.perf_counter()
    run = run_discovery(samples=1000)
    print(f"rank_universe incl. storing {run.genes:,} scores: {time.perf_counter() - start:.2f} s")

    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]  # the test client's host; DJANGO_DEBUG=0 allows none by default
    settings.SECURE_SSL_REDIRECT = False  # in process, no TLS proxy in front
    client = Client()
    urls = [
        "/api/discovery/",
        "/api/discovery/?page=200",
        "/api/discovery/?side=receptor&modality=antibody",
        "/api/discovery/?partner=CXCR4",
        "/api/discovery/?q=integrin",
        "/discovery/",
        "/discovery/?page=200",
        "/discovery/?side=receptor&modality=antibody",
        "/discovery/CXCR4/",
    ]
    for url in urls:
        client.get(url)
        queries = []
        # Counted with an execute wrapper: the test client's request_started signal empties connection.queries.
        with connection.execute_wrapper(lambda execute, sql, *rest, q=queries: q.append(sql) or execute(sql, *rest)):
            assert client.get(url).status_code == 200
        api = median(lambda u=url: client.get(u), args.repeats)

        def plain(u=url):
            page = 200 if "page=200" in u else 1
            list(DiscoveryScore.objects.filter(run=run).order_by("rank")[(page - 1) * 50 : page * 50].values())

        base = median(plain, args.repeats)
        print(
            f"{url}: {api * 1000:.1f} ms median (goal <= 50 ms), {len(queries)} queries; plain page "
            f"{base * 1000:.1f} ms (ratio {api / base:.1f}x)"
        )

    _pareto(rank_universe(facts, samples=0).matrix)
    _what_if(client, args.targets)


def _previous_pareto():
    """scoring/pareto.py as it was before the bitset version (commit 65e76ed), for the ratio."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", "65e76ed:scoring/pareto.py"], check=True, capture_output=True, text=True
    ).stdout
    namespace: dict = {}
    exec(compile(source, "pareto@65e76ed", "exec"), namespace)  # noqa: S102 - the project's own history
    return namespace["pareto_layers"]


def _pareto(universe_matrix) -> None:
    import numpy as np

    from scoring.pareto import pareto_layers

    previous = _previous_pareto()
    rng = np.random.default_rng(0)
    synthetic = rng.beta(2, 3, size=(20000, 8))
    synthetic[rng.random(synthetic.shape) < 0.199] = 0.0  # missing cells filled with 0, as `prepare` does
    for label, values in (
        ("20,000 x 8 synthetic Beta(2,3)", synthetic),
        (f"universe {len(universe_matrix):,} x 8 (missing = 0)", np.nan_to_num(universe_matrix)),
    ):
        new_s = median(lambda v=values: pareto_layers(v), 5)
        start = time.perf_counter()
        old_layers = previous(values)
        old_s = time.perf_counter() - start
        layers = pareto_layers(values)
        same = bool(np.array_equal(layers, old_layers))
        print(
            f"Pareto layers, {label}: {new_s:.3f} s median of 5 (goal <= 1 s); previous implementation "
            f"{old_s:.2f} s (ratio {new_s / old_s:.3f}x); {layers.max() + 1} layers, {int((layers == 0).sum()):,} "
            f"in the first; identical: {same}"
        )


def _what_if(client, total: int) -> None:
    from bench_web import _synthetic_targets
    from django.conf import settings

    from targets.ranking import matrix_cache
    from targets.ranking.profiles import ensure_default_profiles
    from targets.ranking.whatif import what_if

    added = _synthetic_targets(total)
    ensure_default_profiles()
    print(f"what-if: {added:,} SYNTHETIC targets added to the catalogue ({total:,} targets)")
    weights = [{"weights": {"niche_biology": 1 + i % 4, "novelty": 1 + i % 3, "hsc_safety": 2}} for i in range(10)]

    def uncached(i=[0]):  # noqa: B006 - a counter across calls: each call moves a slider
        matrix_cache.clear()
        i[0] += 1
        return what_if(data=weights[i[0] % 10])

    def cached(i=[0]):  # noqa: B006
        i[0] += 1
        return what_if(data=weights[i[0] % 10])

    cold = median(uncached, 5)
    cold_cpu = median(uncached, 3, clock=time.process_time)
    cached()
    warm = median(cached, 15)
    warm_cpu = median(cached, 15, clock=time.process_time)
    print(
        f"what-if over {total:,} targets (weights only, no draws): {warm * 1000:.0f} ms median of 15 with the "
        f"cached matrix (goal <= 250 ms; CPU {warm_cpu * 1000:.0f} ms); rebuilding facts and matrix each time "
        f"{cold * 1000:.0f} ms median of 5 (CPU {cold_cpu * 1000:.0f} ms); ratio {warm / cold:.2f}x"
    )
    url = f"/ranking/what-if.json?profile={settings.NICHERANK_DEFAULT_PROFILE}&novelty=3"
    assert client.get(url).status_code == 200
    endpoint = median(lambda: client.get(url), 5)
    print(f"  the sliders' JSON endpoint, all {total:,} rows serialised: {endpoint * 1000:.0f} ms median of 5")


if __name__ == "__main__":
    main()

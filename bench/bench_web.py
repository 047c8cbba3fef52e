"""Benchmark the server time of the ranking page; prints figures and ratios, never asserts on time.

Builds a throw-away SQLite database, loads the 38 catalogue targets, ranks them (with rank-stability samples,
as production does) and times GET / through Django's full request stack (middleware, view, template) with
the test client. Then adds synthetic targets up to --targets (2,000 by default), ranks again and times the
paginated page (first page, a middle page, a filtered and re-sorted page). Budgets: 200 ms at 38 targets,
500 ms at 2,000. The slider endpoint (what-if JSON, all targets re-ranked) is timed for information.

Usage: .venv/bin/python bench/bench_web.py [--targets 2000] [--repeats 30] [--database /tmp/bench_web.sqlite3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGET_SMALL, BUDGET_LARGE = 0.200, 0.500


def _setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "1"  # demo settings; DEBUG does not add work to the page itself
    os.environ["NICHERANK_ANONYMOUS_READ"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _time(client, path: str, repeats: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    reset_queries()  # the log is a bounded deque: once full (after set-up) its length no longer grows
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
        "queries": len(queries),
        "bytes": len(response.content),
    }


def _synthetic_targets(total: int, seed: int = 7) -> int:
    """Add targets copied from catalogue ones (facts shuffled, identifiers synthetic) until there are ``total``."""
    from targets.models import Target

    rng = random.Random(seed)
    catalogue = list(Target.objects.all())
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    new = []
    for i in range(total - len(catalogue)):
        model = rng.choice(catalogue)
        code = "".join(alphabet[(i // 36**k) % 36] for k in range(4))
        new.append(
            Target(
                symbol=f"SYN{i:05d}",
                ensembl_id=f"ENSG9{i:010d}",
                uniprot=f"A0Z{code[:2]}0Z{code[2:]}0",
                name=f"synthetic target {i}",
                axis=model.axis,
                compartment=model.compartment,
                role=model.role,
                mechanism=model.mechanism,
                modalities=model.modalities,
                stage_aml=rng.choice([model.stage_aml, ""]),
                stage_any=model.stage_any,
                is_membrane_or_secreted=model.is_membrane_or_secreted,
                aml_association=rng.choice([None, rng.random()]),
                tractability=model.tractability,
                safety_event_count=rng.choice([None, rng.randint(0, 20)]),
                loeuf=rng.choice([None, rng.random() * 2]),
            )
        )
    Target.objects.bulk_create(new, batch_size=500)
    return len(new)


def _report(label: str, figures: dict, budget: float | None) -> None:
    ratio = f"  {figures['median'] / budget:5.2f} x budget ({budget * 1000:.0f} ms)" if budget else ""
    print(
        f"{label:<44} median {figures['median'] * 1000:7.1f} ms  p95 {figures['p95'] * 1000:7.1f} ms"
        f"  {figures['queries']:3d} queries  {figures['bytes'] / 1024:6.1f} KiB{ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--samples", type=int, default=1000, help="rank-stability samples per stored run")
    parser.add_argument("--database", type=Path, default=None)
    args = parser.parse_args()
    database = args.database or Path(tempfile.mkdtemp(prefix="bench_web_")) / "bench.sqlite3"
    database.unlink(missing_ok=True)
    _setup(database)

    from django.conf import settings
    from django.test import Client

    from targets.catalogue.bundled import bundled_files
    from targets.catalogue.load import catalogue_load
    from targets.ranking.runs import ranking_run_create

    catalogue_load(**bundled_files())
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    print(f"database: SQLite at {database}; {args.repeats} timed requests per line after 3 warm-ups")

    ranking_run_create(triggered_by="bench", samples=args.samples)
    small = _time(client, "/", args.repeats)
    _report("ranking page, 38 targets", small, BUDGET_SMALL)
    _report("what-if JSON (sliders), 38 targets", _time(client, "/ranking/what-if.json?novelty=3", 10), None)

    added = _synthetic_targets(args.targets)
    start = time.perf_counter()
    ranking_run_create(triggered_by="bench", samples=args.samples)
    print(f"added {added} synthetic targets; ranked {args.targets} in {time.perf_counter() - start:.1f} s")
    large = _time(client, "/", args.repeats)
    _report(f"ranking page, {args.targets} targets (page 1 of 40)", large, BUDGET_LARGE)
    _report(f"ranking page, {args.targets} targets, page 20", _time(client, "/?page=20", args.repeats), BUDGET_LARGE)
    _report(
        f"ranking page, {args.targets}, role filter + score sort",
        _time(client, "/?role=pro_leukemic&sort=-score", args.repeats),
        BUDGET_LARGE,
    )
    _report(
        f"what-if JSON (sliders), {args.targets} targets", _time(client, "/ranking/what-if.json?novelty=3", 5), None
    )
    print(f"ratio 2,000 / 38 targets (median): {large['median'] / small['median']:.2f}")


if __name__ == "__main__":
    main()

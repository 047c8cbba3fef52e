"""python manage.py discovery_recall [--write docs/scoring.md] — where the curated targets land in the universe.

Ranks the universe twice (all criteria; and without `curated_partners`, the one criterion that knows which genes
are curated) and prints the recall of the curated targets at fixed cutoffs, each target's rank, and the
strongest uncurated candidates. With --write it replaces the generated block of docs/scoring.md.
"""

from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from scoring.discovery import DISCOVERY_KEYS, default_weights, rank_universe, recall
from targets.models import Gene
from targets.universe.discover import universe_facts

BEGIN, END = "<!-- discovery-recall:begin -->", "<!-- discovery-recall:end -->"
CUTOFFS = (10, 50, 100, 500, 1000)


def recall_report(samples: int = 0, candidates: int = 20) -> str:
    ids, facts = universe_facts()
    curated_ids = set(Gene.objects.filter(target__isnull=False).values_list("id", flat=True))
    members = np.array([i in curated_ids for i in ids])
    without = default_weights()
    without[DISCOVERY_KEYS.index("curated_partners")] = 0.0
    full, blind = (rank_universe(facts, w, samples=samples) for w in (default_weights(), without))
    lines = [
        f"{len(ids):,} genes, {int(members.sum())} curated targets among them, equal weights (not tuned).",
        "",
        "| curated targets within the top | " + " | ".join(f"{k:,}" for k in CUTOFFS) + " |",
        "|---|" + "---:|" * len(CUTOFFS),
    ]
    for label, ranking in (("all criteria", full), ("without curated_partners", blind)):
        found = recall(ranking.ranks, members, CUTOFFS)
        lines.append(f"| {label} | " + " | ".join(str(found[k]) for k in CUTOFFS) + " |")
    lines += ["", "Each curated target's rank (all criteria / without curated_partners):", ""]
    symbols = facts.symbols
    curated_rows = sorted(np.flatnonzero(members), key=lambda i: full.ranks[i])
    lines.append(", ".join(f"{symbols[i]} {full.ranks[i]}/{blind.ranks[i]}" for i in curated_rows) + ".")
    lines += ["", f"Strongest uncurated candidates (all criteria, top {candidates}):", ""]
    picked = [i for i in full.order if not members[i]][:candidates]
    lines.append(", ".join(f"{symbols[i]} ({full.ranks[i]}, {full.scores[i]:.3f})" for i in picked) + ".")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Report where the curated targets land in the discovery ranking; --write updates docs/scoring.md."

    def add_arguments(self, parser):
        parser.add_argument("--write", type=Path, default=None)

    def handle(self, *args, write: Path | None, **options):
        if not Gene.objects.exists():
            raise CommandError("No genes: run load_universe first.")
        report = recall_report()
        self.stdout.write(report)
        if write:
            text = write.read_text(encoding="utf-8")
            if BEGIN not in text or END not in text:
                raise CommandError(f"{write}: no {BEGIN} ... {END} block to replace")
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            write.write_text(f"{head}{BEGIN}\n{report}\n{END}{tail}", encoding="utf-8")

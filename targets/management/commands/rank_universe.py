"""python manage.py rank_universe [--samples N] [--top N] — rank every gene for niche potential and store it."""

from django.core.management.base import BaseCommand, CommandError

from targets.models import DiscoveryScore, Gene
from targets.universe.discover import run_discovery


class Command(BaseCommand):
    help = "Rank the gene universe (discovery criteria, docs/scoring.md) and store the run; prints the top."

    def add_arguments(self, parser):
        parser.add_argument("--samples", type=int, default=1000, help="rank-stability weight draws")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument(
            "--if-changed", action="store_true", help="keep the stored run when its inputs are unchanged (make run)"
        )

    def handle(self, *args, samples: int, top: int, **options):
        if samples < 0 or top < 0:
            raise CommandError("--samples and --top must be >= 0")
        if not Gene.objects.exists():
            raise CommandError("No genes: run load_universe first.")
        run = run_discovery(samples=samples, reuse=options["if_changed"])
        self.stdout.write(f"Discovery run {run.pk}: {run.genes} genes ranked in {run.seconds:.2f} s")
        scores = DiscoveryScore.objects.filter(run=run, rank__lte=top).select_related("gene__target").order_by("rank")
        for score in scores:
            curated = " (curated)" if score.gene.target_id else ""
            self.stdout.write(f"{score.rank:>5}  {score.gene.symbol:<10} {score.score:.3f}{curated}")

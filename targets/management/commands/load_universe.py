"""python manage.py load_universe [--data-dir DIR] — load the gene universe from data/open-data/, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from targets.universe.errors import UniverseFileError
from targets.universe.load import load_universe


class Command(BaseCommand):
    help = "Load every HGNC protein-coding gene, the ligand-receptor niche graph and the genome-wide facts."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None, help="default: data/open-data/")

    def handle(self, *args, data_dir: Path | None, **options):
        try:
            result = load_universe(data_dir)
        except UniverseFileError as exc:
            raise CommandError(f"Nothing loaded: {exc}") from exc
        unresolved = ", ".join(f"{k} {v}" for k, v in result.unresolved.items()) or "none"
        self.stdout.write(
            f"Universe: genes {result.genes_created} created, {result.genes_updated} updated, "
            f"{result.genes_deleted} deleted; pairs {result.pairs_created} created, {result.pairs_updated} updated, "
            f"{result.pairs_deleted} deleted; {result.links} genes linked to curated targets; "
            f"unresolved symbols: {unresolved}; {result.seconds:.1f} s"
        )

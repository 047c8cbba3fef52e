"""python manage.py load_universe [--data-dir DIR] — load the gene universe from data/open-data/, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from targets.universe.errors import UniverseFileError
from targets.universe.load import load_universe


class Command(BaseCommand):
    help = "Load every HGNC protein-coding gene, the ligand-receptor niche graph and the genome-wide facts."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None, help="default: data/open-data/")
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="skip parsing when every file hashes as at the last load (make run uses it)",
        )

    def handle(self, *args, data_dir: Path | None, **options):
        try:
            result = load_universe(data_dir, force=not options["if_changed"])
        except UniverseFileError as exc:
            raise CommandError(f"Nothing loaded: {exc}") from exc
        if result.skipped:
            self.stdout.write(
                f"Universe files unchanged since the last load; {result.links} genes linked to curated targets."
            )
            return
        unresolved = ", ".join(f"{k} {v}" for k, v in result.unresolved.items()) or "none"
        self.stdout.write(
            f"Universe: genes {result.genes_created} created, {result.genes_updated} updated, "
            f"{result.genes_deleted} deleted; pairs {result.pairs_created} created, {result.pairs_updated} updated, "
            f"{result.pairs_deleted} deleted; {result.links} genes linked to curated targets; "
            f"unresolved symbols: {unresolved}; {result.seconds:.1f} s"
        )

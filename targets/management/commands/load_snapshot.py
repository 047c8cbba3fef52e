"""python manage.py load_snapshot [--input PATH] — load source records (the bundled snapshot by default)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from targets.refresh.snapshot import SnapshotError, snapshot_load


class Command(BaseCommand):
    help = (
        "Load source records from a snapshot (default: the bundled, assembled one) and derive target "
        "fields, drugs, mechanisms and trials from them. Run after load_catalogue; "
        "loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, default=settings.NICHERANK_SNAPSHOT_PATH)

    def handle(self, *args, input, **options):  # noqa: A002 - the option's name
        try:
            report = snapshot_load(input)
        except SnapshotError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Loaded {input}")
        for source, counts in sorted(report.items()):
            described = ", ".join(f"{n} {key}" for key, n in sorted(counts.items()) if n) or "nothing"
            self.stdout.write(f"  {source}: {described}")

"""python manage.py export_snapshot [--output PATH] [--source S ...] — write every source record to JSON."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from targets.choices import EXTERNAL_SOURCES
from targets.refresh.snapshot import snapshot_export


class Command(BaseCommand):
    help = "Write every source record with its provenance (source, release, fetch date, hash) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=settings.NICHERANK_SNAPSHOT_PATH)
        parser.add_argument("--source", action="append", choices=[str(s) for s in EXTERNAL_SOURCES])
        parser.add_argument(
            "--mark-assembled", action="store_true", help="label every record as assembled offline"
        )

    def handle(self, *args, output, source, mark_assembled, **options):
        count = snapshot_export(output, sources=source, mark_assembled=mark_assembled)
        self.stdout.write(f"Wrote {count} source records to {output}")

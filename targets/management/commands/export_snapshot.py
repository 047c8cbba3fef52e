"""python manage.py export_snapshot [--output PATH] [--force] [--source S ...] — write every source record to
JSON. The default output is a new file in the current directory; an existing file (the bundled snapshot
included) is only replaced with --force."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from targets.choices import EXTERNAL_SOURCES
from targets.refresh.snapshot import snapshot_export


class Command(BaseCommand):
    help = "Write every source record with its provenance (source, release, fetch date, hash) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="default: source_records-<UTC time>.json here")
        parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
        parser.add_argument("--source", action="append", choices=[str(s) for s in EXTERNAL_SOURCES])
        parser.add_argument("--mark-assembled", action="store_true", help="label every record as assembled offline")

    def handle(self, *args, output, force, source, mark_assembled, **options):
        output = output or Path(f"source_records-{timezone.now():%Y%m%dT%H%M%SZ}.json")
        if output.exists() and not force:
            raise CommandError(f"{output} exists (the bundled snapshot?); choose another --output or add --force")
        count = snapshot_export(output, sources=source, mark_assembled=mark_assembled)
        self.stdout.write(f"Wrote {count} source records to {output}")

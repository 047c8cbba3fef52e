"""python manage.py restore PATH — load a `backup` file into an empty database (after `migrate`), all or
nothing, then rank under the default profile so the pages have a ranking."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from targets.models import Evidence, ScoringProfile, Target


class Command(BaseCommand):
    help = "Load a backup (manage.py backup) into an empty database, in one transaction, then rank."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--no-rank", action="store_true", help="do not rank after restoring")

    def handle(self, *args, path, no_rank, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such backup file")
        if Target.objects.exists() or Evidence.objects.exists() or ScoringProfile.objects.exists():
            raise CommandError("the database already holds curated data; restore into a freshly migrated one")
        with transaction.atomic():
            call_command("loaddata", str(path), verbosity=0)
        self.stdout.write(f"Restored {path}: {Target.objects.count()} targets, {Evidence.objects.count()} evidence")
        if not no_rank and Target.objects.exists():
            call_command("rank", "--top", "0", stdout=self.stdout)

"""python manage.py load_catalogue [PATH] — load the seed catalogue, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from targets.catalogue.errors import CatalogueError
from targets.catalogue.load import catalogue_load
from targets.models import Target


class Command(BaseCommand):
    help = "Load the curated target catalogue (and its agents and interactions tables). A bad row rejects the file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=settings.NICHERANK_CATALOGUE_PATH)
        parser.add_argument("--agents", type=Path, default=settings.NICHERANK_AGENTS_PATH)
        parser.add_argument("--interactions", type=Path, default=settings.BASE_DIR / "data" / "interactions.csv")
        parser.add_argument("--no-agents", action="store_true", help="skip the agents table")
        parser.add_argument("--no-interactions", action="store_true", help="skip the interactions table")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only into a database without targets (make run uses it, so curators' edits survive restarts)",
        )

    def handle(self, *args, path: Path, agents: Path, interactions: Path, **options):
        if options["if_empty"] and Target.objects.exists():
            self.stdout.write("Targets already loaded; not reloading the catalogue (run without --if-empty to reload).")
            return
        try:
            report = catalogue_load(
                targets_path=path,
                agents_path=None if options["no_agents"] else agents,
                interactions_path=None if options["no_interactions"] else interactions,
            )
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Loaded {path}: {report.summary()}")

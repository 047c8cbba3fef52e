"""python manage.py load_catalogue [PATH] — load the seed catalogue and its companion files, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from targets.catalogue.bundled import bundled_files
from targets.catalogue.errors import CatalogueError
from targets.catalogue.load import catalogue_load
from targets.models import Target

# option name -> catalogue_load keyword
COMPANIONS = {
    "agents": "agents_path",
    "interactions": "interactions_path",
    "evidence": "evidence_path",
    "safety": "safety_path",
    "essentials": "essentials_dir",
    "publications": "publications_path",
}


class Command(BaseCommand):
    help = (
        "Load the curated target catalogue with its agents, interactions, graded evidence, safety signals, the "
        "Hart core-essential gene sets and NCBI's PubMed counts per gene. A bad row rejects every file."
    )

    def add_arguments(self, parser):
        defaults = bundled_files()
        parser.add_argument("path", nargs="?", type=Path, default=defaults["targets_path"])
        for option, keyword in COMPANIONS.items():
            parser.add_argument(f"--{option}", type=Path, default=None, help=f"default {defaults[keyword]}")
            parser.add_argument(f"--no-{option}", action="store_true", help=f"skip the {option} file(s)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only into a database without targets (make run uses it, so curators' edits survive restarts)",
        )

    def handle(self, *args, path: Path, **options):
        if options["if_empty"] and Target.objects.exists():
            self.stdout.write("Targets already loaded; not reloading the catalogue (run without --if-empty to reload).")
            return
        files = {"targets_path": path}
        defaults = bundled_files()
        for option, keyword in COMPANIONS.items():
            given = options[option]
            if options[f"no_{option}"]:
                files[keyword] = None
            elif given is not None:
                files[keyword] = given  # a file named on the command line must exist
            elif defaults[keyword].exists():
                files[keyword] = defaults[keyword]
            else:
                files[keyword] = None
                self.stderr.write(f"{defaults[keyword]} not found: {option} not loaded (rows already stored stay).")
        try:
            report = catalogue_load(**files)
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Loaded {path}: {report.summary()}")

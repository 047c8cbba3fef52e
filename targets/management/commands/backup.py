"""python manage.py backup PATH — write all curated data to one JSON file (restore with `restore`).

Included: users, groups and their permissions, API tokens, the catalogue (axes, targets, interactions, drugs,
mechanisms, trials), evidence, scoring profiles (every version), source records, refresh runs, the audit
history and the beat schedule. Ranking runs are not: they are derived, and `manage.py rank` recomputes them
(their inputs, profile versions and data, are all in the backup)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

CURATED = [
    "auth.group",
    "auth.user",
    "authtoken.token",
    "targets.axis",
    "targets.target",
    "targets.interaction",
    "targets.drug",
    "targets.drugmechanism",
    "targets.clinicaltrial",
    "targets.evidence",
    "targets.scoringprofile",
    "targets.sourcerecord",
    "targets.refreshrun",
    "targets.historicaltarget",
    "targets.historicalevidence",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.intervalschedule",
    "django_celery_beat.periodictask",
]


class Command(BaseCommand):
    help = "Write all curated data (users, catalogue, evidence, profiles, provenance, history) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--force", action="store_true", help="replace the file if it exists")

    def handle(self, *args, path, force, **options):
        if path.exists() and not force:
            raise CommandError(f"{path} exists; choose another path or add --force")
        models = [label for label in CURATED if _installed(label)]
        call_command("dumpdata", *models, natural_foreign=True, natural_primary=False, indent=1, output=str(path))
        self.stdout.write(f"Backed up {', '.join(models)} to {path}")


def _installed(label: str) -> bool:
    from django.apps import apps

    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True

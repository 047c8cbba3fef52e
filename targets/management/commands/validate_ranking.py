"""python manage.py validate_ranking [--profile balanced] [--samples N] [--seed S] [--write-docs]"""

from django.core.management.base import BaseCommand, CommandError

from scoring.validation_report import BOOTSTRAP_SAMPLES, render_markdown
from targets.models import ScoringProfile
from targets.ranking.validation import DOCS_PATH, ranking_validation, with_docs_section


class Command(BaseCommand):
    help = (
        "Validate the ranking: leave-clinical-out AUC, threshold sensitivity, criteria correlations and agreement "
        "between the shipped profiles; --write-docs rewrites the generated section of docs/scoring.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profile", default="balanced", help="profile to validate (default: balanced)")
        parser.add_argument("--samples", type=int, default=BOOTSTRAP_SAMPLES, help="bootstrap replicates")
        parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
        parser.add_argument("--write-docs", action="store_true", help="rewrite the figures in docs/scoring.md")

    def handle(self, *args, profile, samples, seed, write_docs, **options):
        if samples < 1:
            raise CommandError(f"--samples must be 1 or more, not {samples}")
        if seed < 0:
            raise CommandError(f"--seed must be 0 or more, not {seed}")
        try:
            report = ranking_validation(profile, samples=samples, seed=seed)
        except ScoringProfile.DoesNotExist:
            names = ", ".join(sorted(set(ScoringProfile.objects.values_list("name", flat=True))))
            raise CommandError(f"unknown profile {profile!r}; known: {names}") from None
        text = render_markdown(report)
        self.stdout.write(text, ending="")
        if write_docs:
            try:
                updated = with_docs_section(DOCS_PATH.read_text(encoding="utf-8"), text)
            except ValueError as error:
                raise CommandError(str(error)) from None
            DOCS_PATH.write_text(updated, encoding="utf-8")
            self.stderr.write(f"wrote the figures into {DOCS_PATH}")

"""python manage.py rank [--profile NAME] [--top N] [--force] — rank all targets, store the run (unless nothing
changed since the last run of that profile version), print the top."""

from django.core.management.base import BaseCommand, CommandError

from targets.models import ScoringProfile
from targets.ranking.profiles import current_profile, ensure_default_profiles
from targets.ranking.runs import ranking_run_ensure


class Command(BaseCommand):
    help = "Rank all targets under a scoring profile, store the run and print the top of the list."

    def add_arguments(self, parser):
        parser.add_argument("--profile", default=None, help="profile name (default: the configured default)")
        parser.add_argument("--top", type=int, default=10, help="how many rows to print")
        parser.add_argument("--samples", type=int, default=None, help="rank-stability samples")
        parser.add_argument(
            "--force", action="store_true", help="store a new run even when the profile version and data are unchanged"
        )

    def handle(self, *args, profile, top, samples, force, **options):
        if top < 0:
            raise CommandError(f"--top must be 0 or more, not {top}")
        if samples is not None and samples < 0:
            raise CommandError(f"--samples must be 0 or more, not {samples}")
        ensure_default_profiles()
        try:
            chosen = current_profile(profile) if profile else None
        except ScoringProfile.DoesNotExist:
            names = ", ".join(sorted(set(ScoringProfile.objects.values_list("name", flat=True))))
            raise CommandError(f"unknown profile {profile!r}; known: {names}") from None
        outcome = ranking_run_ensure(profile=chosen, triggered_by="command", samples=samples, force=force)
        run = outcome.run
        if outcome.created:
            self.stdout.write(f"Ranking run #{run.pk} under {run.profile} ({run.method}, {run.missing_policy})")
        else:
            self.stdout.write(
                f"Nothing changed since ranking run #{run.pk} under {run.profile} (same profile version, data, code "
                "and settings): no new run stored (--force stores one anyway)."
            )
        self.stdout.write(f"{'rank':>4}  {'symbol':<9} {'score':>6}  {'5-95% rank':>10}  role           axis")
        for row in run.rows.select_related("target__axis").filter(rank__isnull=False)[:top]:
            interval = f"{row.rank_p05}-{row.rank_p95}" if row.rank_p05 else "-"
            self.stdout.write(
                f"{row.rank:>4}  {row.target.symbol:<9} {row.score:6.3f}  {interval:>10}  "
                f"{row.target.get_role_display():<14} {row.target.axis.name}"
            )

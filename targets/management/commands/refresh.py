"""python manage.py refresh [--source S ...] [--targets SYMBOL ...] [--sync] — refresh source data."""

from django.core.management.base import BaseCommand, CommandError

from targets.choices import EXTERNAL_SOURCES
from targets.models import RefreshRun
from targets.ranking.runs import ranking_run_create
from targets.refresh.requests import RefreshAlreadyRunning, refresh_request
from targets.refresh.runner import refresh_run_execute, refresh_runs_expire
from targets.refresh.schedule import refresh_schedule_ensure


class Command(BaseCommand):
    help = (
        "Refresh data from the external sources (all by default) for all targets or the ones named, "
        "then re-rank. Without a broker the tasks run in this process; with one they are queued for the "
        "workers unless --sync is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", choices=[str(s) for s in EXTERNAL_SOURCES], help="repeatable")
        parser.add_argument("--targets", nargs="+", default=None, help="HGNC symbols or Ensembl ids")
        parser.add_argument("--sync", action="store_true", help="run here, not on the workers, then re-rank")
        parser.add_argument(
            "--install-schedule", action="store_true", help="create the weekly periodic refresh if absent"
        )

    def handle(self, *args, source, targets, sync, install_schedule, **options):
        if install_schedule:
            task, created = refresh_schedule_ensure()
            self.stdout.write(f"{'Created' if created else 'Kept'} the periodic task {task.name!r}")
            return
        expired = refresh_runs_expire()
        if expired:
            self.stdout.write(f"Closed {expired} abandoned refresh run(s)")
        try:
            runs = refresh_request(sources=source, symbols=targets, triggered_by="command", enqueue=not sync)
        except (RefreshAlreadyRunning, ValueError) as error:
            raise CommandError(str(error)) from None
        if sync:
            for run in runs:
                refresh_run_execute(run.pk)
            ranking = ranking_run_create(triggered_by="refresh:command")
            self.stdout.write(f"Re-ranked: ranking run #{ranking.pk}")
        failed = False
        for run in RefreshRun.objects.filter(pk__in=[run.pk for run in runs]).order_by("pk"):
            failed |= run.status == RefreshRun.Status.FAILED
            self.stdout.write(self._line(run))
        if failed:
            raise CommandError("some sources failed; their earlier data is kept and they are marked stale")

    @staticmethod
    def _line(run: RefreshRun) -> str:
        counts = ", ".join(f"{n} {key}" for key, n in run.counts.items()) or "no counts yet"
        line = f"{run.source:<15} run #{run.pk} {run.status}: {counts}"
        if run.progress.get("unknown_symbols"):
            line += f"\n{'':<15} unknown targets skipped: {', '.join(run.progress['unknown_symbols'])}"
        if run.stale_reason:
            line += f"\n{'':<15} stale: {run.stale_reason}"
        return line

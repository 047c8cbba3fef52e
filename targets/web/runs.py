"""Which stored run a page shows: the chosen profile's newest, else the default profile's, else any newest."""

from __future__ import annotations

from targets.models import RankingRun
from targets.ranking.runs import default_run, latest_run


def shown_run(request) -> RankingRun | None:
    """The run behind a page, so every page agrees with the ranking page's default."""
    chosen = request.GET.get("profile") or ""
    if chosen:
        return latest_run(chosen)
    return default_run()

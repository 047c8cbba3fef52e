"""Reads shared by the API and the web pages, each in a fixed number of queries."""

from django.db.models import Prefetch

from targets.models import (
    ClinicalTrial,
    DrugMechanism,
    Interaction,
    RankingRow,
    RankingRun,
    SourceRecord,
    Target,
)


def target_detail_queryset():
    """Targets with everything a detail view shows, prefetched."""
    return Target.objects.select_related("axis").prefetch_related(
        Prefetch("mechanisms", queryset=DrugMechanism.objects.select_related("drug").order_by("drug__name")),
        Prefetch("trials", queryset=ClinicalTrial.objects.order_by("nct_id")),
        "evidence",
        Prefetch("source_records", queryset=SourceRecord.objects.defer("payload")),
        Prefetch("as_ligand", queryset=Interaction.objects.select_related("ligand", "receptor")),
        Prefetch("as_receptor", queryset=Interaction.objects.select_related("ligand", "receptor")),
    )


def ranking_rows(run: RankingRun):
    """A run's rows in rank order (ineligible last), with the target and its axis joined."""
    return (
        RankingRow.objects.filter(run=run)
        .select_related("target__axis")
        .order_by(RankingRow._meta.ordering[1], "target__symbol")
    )

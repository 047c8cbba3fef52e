"""Serializers of refresh requests and the runs they queue."""

from rest_framework import serializers

from targets.api.ranking_serializers import IdentifierListField
from targets.choices import EXTERNAL_SOURCES
from targets.models import RefreshRun


class RefreshRequestSerializer(serializers.Serializer):
    """Which sources to refresh (default: all) for which targets (default: all)."""

    sources = serializers.ListField(
        child=serializers.ChoiceField(choices=[str(source) for source in EXTERNAL_SOURCES]),
        required=False,
        allow_empty=True,
    )
    symbols = IdentifierListField(
        required=False,
        allow_empty=True,
        help_text="HGNC symbols or Ensembl gene ids; unknown ones are refused with a 400 naming them",
    )


class RefreshSourceSerializer(serializers.ModelSerializer):
    """One source's part of a refresh: status, progress, counts and errors."""

    class Meta:
        model = RefreshRun
        fields = [
            "id",
            "source",
            "status",
            "created_at",
            "started_at",
            "finished_at",
            "progress",
            "counts",
            "errors",
            "stale_reason",
            "triggered_by",
        ]


class RefreshStatusSerializer(serializers.Serializer):
    """A refresh request: its overall status and each source's run."""

    id = serializers.IntegerField(help_text="the id of the request's first run; GET /api/refresh/{id}/")
    status = serializers.ChoiceField(choices=RefreshRun.Status.choices)
    sources = RefreshSourceSerializer(many=True)


class SourceFreshnessSerializer(serializers.Serializer):
    """Where one source's data stands, with the web dashboard's staleness rule (`targets.refresh.status`)."""

    source = serializers.CharField()
    label = serializers.CharField()
    stale = serializers.BooleanField(help_text="true when any stale reason applies")
    stale_reasons = serializers.ListField(child=serializers.CharField(), help_text="why, in words")
    in_progress = serializers.BooleanField()
    latest_run = serializers.IntegerField(allow_null=True, help_text="the newest refresh run's id")
    latest_status = serializers.CharField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
    records = serializers.IntegerField()
    last_fetched = serializers.DateTimeField(allow_null=True)
    release = serializers.CharField(allow_blank=True)

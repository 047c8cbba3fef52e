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
            "id", "source", "status", "created_at", "started_at", "finished_at", "progress", "counts", "errors",
            "stale_reason", "triggered_by",
        ]  # fmt: skip


class RefreshStatusSerializer(serializers.Serializer):
    """A refresh request: its overall status and each source's run."""

    id = serializers.IntegerField(help_text="the id of the request's first run; GET /api/refresh/{id}/")
    status = serializers.ChoiceField(choices=RefreshRun.Status.choices)
    sources = RefreshSourceSerializer(many=True)

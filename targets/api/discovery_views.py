"""GET /api/discovery/: the ranked gene universe, paged and filtered, each gene with why it surfaced."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from scoring.discovery import discovery_definitions
from targets.api.base import ApiViewMixin
from targets.api.permissions import ReadOrCurate
from targets.models import UniverseSource
from targets.universe.selectors import MODALITIES, SIDES, FilterError, discovery_scores, latest_run, select_page

MAX_PAGE_SIZE = 500


class DiscoveryPageSerializer(serializers.Serializer):
    """One page of the discovery ranking (rows are plain JSON: rank, symbol, values, contributions, why)."""

    run = serializers.JSONField()
    sources = serializers.JSONField(help_text="each open-data file: key, release, licence, sha256, origin")
    criteria = serializers.JSONField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = serializers.JSONField()


def _positive(params, name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({name: [f"must be a positive integer; got {raw!r}"]}) from None
    if value < 1 or (maximum is not None and value > maximum):
        raise ValidationError({name: [f"must be between 1 and {maximum or 'any'}; got {value}"]})
    return value


class DiscoveryView(ApiViewMixin, APIView):
    permission_classes = [ReadOrCurate]

    @extend_schema(
        parameters=[
            OpenApiParameter("partner", str, description="only niche partners of this gene symbol"),
            OpenApiParameter("side", str, enum=list(SIDES), description="genes acting as ligand / as receptor"),
            OpenApiParameter("modality", str, enum=list(MODALITIES), description="antibody reach or approved drug"),
            OpenApiParameter("curated", str, enum=["true", "false"], description="curated targets only, or none"),
            OpenApiParameter("q", str, description="text in symbol, name, aliases or previous symbols; or an HGNC id"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description=f"at most {MAX_PAGE_SIZE}; default 50"),
        ],
        responses=DiscoveryPageSerializer,
    )
    def get(self, request):
        """Every protein-coding gene ranked for MSC-niche potential (docs/scoring.md, Discovery); a fixed number
        of queries whatever the page or filter."""
        run = latest_run()
        if run is None:
            raise NotFound("No discovery run yet: run load_universe and rank_universe.")
        page = _positive(request.query_params, "page", 1)
        size = _positive(request.query_params, "page_size", 50, MAX_PAGE_SIZE)
        try:
            scores, filtered = discovery_scores(run, request.query_params)
        except FilterError as error:
            raise ValidationError({error.field: [error.message]}) from None
        count, rows = select_page(run, scores, filtered, (page - 1) * size, size)
        return Response(
            {
                "run": {
                    "id": run.pk,
                    "created_at": run.created_at,
                    "genes": run.genes,
                    "weights": run.weights,
                    "stability_samples": run.stability_samples,
                    "input_hash": run.input_hash,
                    "stale": run.stale,
                },
                "sources": list(UniverseSource.objects.values("key", "release", "licence", "sha256", "origin")),
                "criteria": discovery_definitions()["criteria"],
                "count": count,
                "page": page,
                "page_size": size,
                "results": rows,
            }
        )

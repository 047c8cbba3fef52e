"""REST endpoints. Viewsets stay thin: queryset, serializer, filterset."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action

from targets.api.serializers import (
    RankingRowSerializer,
    RankingRunSerializer,
    TargetDetailSerializer,
    TargetSummarySerializer,
)
from targets.filtersets import RankingRowFilterSet, TargetFilterSet
from targets.models import RankingRun, Target
from targets.selectors import ranking_rows, target_detail_queryset


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """Candidate targets; the detail (by HGNC symbol) carries drugs, trials, evidence and provenance."""

    lookup_field = "symbol"
    filterset_class = TargetFilterSet
    ordering_fields = ["symbol", "role", "compartment", "stage_aml", "stage_any"]

    def get_queryset(self):
        if self.action == "retrieve":
            return target_detail_queryset()
        return Target.objects.select_related("axis").order_by("symbol")

    def get_serializer_class(self):
        return TargetDetailSerializer if self.action == "retrieve" else TargetSummarySerializer


class RankingRunViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored ranking runs; `latest/` and `{id}/rows/` give the ranked rows."""

    queryset = RankingRun.objects.select_related("profile").order_by("-created_at", "-id")
    serializer_class = RankingRunSerializer
    filterset_fields = ["profile__name", "method"]
    ordering_fields = ["created_at", "id"]

    def _rows_response(self, request, run: RankingRun):
        rows = RankingRowFilterSet(request.query_params, queryset=ranking_rows(run), request=request).qs
        page = self.paginate_queryset(rows)
        data = RankingRowSerializer(page, many=True).data
        response = self.get_paginated_response(data)
        response.data["run"] = RankingRunSerializer(run).data
        return response

    @extend_schema(
        parameters=[
            OpenApiParameter("profile", str, description="profile name (default: newest run of any)")
        ],
        responses=RankingRowSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def latest(self, request):
        """The newest ranking (of a profile, if given), ranked rows with contributions."""
        runs = self.get_queryset()
        if request.query_params.get("profile"):
            runs = runs.filter(profile__name=request.query_params["profile"])
        run = runs.first()
        if run is None:
            raise Http404("No ranking has been run yet.")
        return self._rows_response(request, run)

    @extend_schema(responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def rows(self, request, pk=None):
        """The ranked rows of one run."""
        return self._rows_response(request, get_object_or_404(self.get_queryset(), pk=pk))

    def filter_queryset(self, queryset):
        if self.action in {"latest", "rows"}:
            return queryset
        return super().filter_queryset(queryset)

"""Catalogue endpoints: targets (curators edit), axes, interactions, drugs, trials, evidence (curators write)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from targets.api.base import ApiViewMixin
from targets.api.serializers import (
    AxisSerializer,
    DrugSerializer,
    EvidenceSerializer,
    InteractionSerializer,
    TargetDetailSerializer,
    TargetSummarySerializer,
    TargetUpdateSerializer,
    TrialDetailSerializer,
)
from targets.api.services import enqueue_rerank
from targets.filtersets import (
    DrugFilterSet,
    EvidenceFilterSet,
    InteractionFilterSet,
    TargetFilterSet,
    TrialFilterSet,
)
from targets.selectors import (
    axes_queryset,
    drugs_queryset,
    evidence_queryset,
    interactions_queryset,
    target_detail_queryset,
    target_list_queryset,
    trials_queryset,
)

SYMBOL_PATTERN = r"[A-Za-z0-9-]+"


@extend_schema_view(
    partial_update=extend_schema(request=TargetUpdateSerializer, responses=TargetDetailSerializer),
)
class TargetViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Candidate targets by HGNC symbol; the detail carries drugs, trials, evidence and source records.

    Curators may PATCH descriptive fields; identifiers and source-derived numbers come from the loaders."""

    lookup_field = "symbol"
    lookup_value_regex = SYMBOL_PATTERN
    filterset_class = TargetFilterSet
    ordering_fields = ["symbol", "role", "compartment", "stage_aml", "stage_any"]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return target_list_queryset() if self.action == "list" else target_detail_queryset()

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def get_serializer_class(self):
        if self.action == "list":
            return TargetSummarySerializer
        return TargetUpdateSerializer if self.action == "partial_update" else TargetDetailSerializer

    def perform_update(self, serializer):
        serializer.save()
        enqueue_rerank(None, triggered_by=f"target {serializer.instance.symbol} edited")

    def update(self, request, *args, **kwargs):
        """PATCH descriptive fields; the answer is the whole target as GET shows it."""
        serializer = TargetUpdateSerializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(TargetDetailSerializer(self.get_object(), context=self.get_serializer_context()).data)


class AxisViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Signalling and adhesion axes of the niche, with their targets."""

    queryset = axes_queryset()
    serializer_class = AxisSerializer
    ordering_fields = ["name"]


class InteractionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Ligand-receptor pairs joining targets across compartments."""

    queryset = interactions_queryset()
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilterSet
    ordering_fields = ["id"]


class DrugViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Drugs and clinical candidates with the targets they act on and their trials."""

    queryset = drugs_queryset()
    serializer_class = DrugSerializer
    filterset_class = DrugFilterSet
    ordering_fields = ["name", "max_stage", "first_approval"]


class TrialViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """AML/MDS clinical trials (by NCT id) with the targets and drugs they test."""

    queryset = trials_queryset()
    serializer_class = TrialDetailSerializer
    filterset_class = TrialFilterSet
    lookup_field = "nct_id"
    lookup_value_regex = r"[A-Za-z0-9]+"
    ordering_fields = ["nct_id", "start_date", "stage"]

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


class EvidenceViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Cited claims about targets; curators add, correct and remove them (every change is audited)."""

    queryset = evidence_queryset()
    serializer_class = EvidenceSerializer
    filterset_class = EvidenceFilterSet
    ordering_fields = ["created_at", "citation", "level"]

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user, source="curator")
        enqueue_rerank(None, triggered_by="evidence added")

    def perform_update(self, serializer):
        serializer.save()
        enqueue_rerank(None, triggered_by="evidence edited")

    def perform_destroy(self, instance):
        instance.delete()
        enqueue_rerank(None, triggered_by="evidence removed")

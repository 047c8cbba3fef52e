"""Catalogue endpoints: targets (curators edit), axes, interactions, drugs, trials, evidence (curators write)."""

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from targets.api.base import ApiViewMixin
from targets.api.errors import ConflictError, PreconditionFailed
from targets.api.schema import ErrorSerializer
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
from targets.filtersets import (
    DrugFilterSet,
    EvidenceFilterSet,
    InteractionFilterSet,
    TargetFilterSet,
    TrialFilterSet,
)
from targets.models import Target
from targets.ranking.services import enqueue_rerank
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


@contextmanager
def unique_or_conflict():
    """Save in a savepoint; the same claim saved by a simultaneous request is a 409, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ConflictError(
            "target, citation, claim: the same claim with the same citation was saved at the same moment"
        ) from None


def target_etag(target: Target) -> str:
    """The target's entity tag: its version."""
    return f'"v{target.version}"'


def check_preconditions(request, target: Target) -> None:
    """412 when If-Match names another version of the target than the stored one."""
    wanted = request.headers.get("If-Match")
    if not wanted or wanted.strip() == "*":
        return
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    if target_etag(target) not in tags:
        raise PreconditionFailed(
            f"The target changed since you read it (now {target_etag(target)}); reload it and apply your change again."
        )


@extend_schema_view(
    partial_update=extend_schema(
        request=TargetUpdateSerializer,
        responses={200: TargetDetailSerializer, 409: ErrorSerializer, 412: ErrorSerializer},
    ),
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

    def retrieve(self, request, *args, **kwargs):
        """The whole target; its `ETag` names its version (send it back as `If-Match` with a PATCH)."""
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = target_etag(self.get_object())
        return response

    def update(self, request, *args, **kwargs):
        """PATCH descriptive fields; the answer is the whole target as GET shows it, with its new `ETag`.

        Edits are serialised (the row is locked while one is saved) and each raises the target's `version`.
        With `If-Match: <ETag>` (or `"version": n` in the body) a target changed since it was read answers 412
        (409 for the body field) instead of overwriting the other edit."""
        symbol = self.kwargs[self.lookup_field].upper()
        with transaction.atomic():
            target = Target.objects.select_for_update().filter(symbol=symbol).first()
            if target is None:
                raise NotFound(f"No target {symbol!r}.")
            self.check_object_permissions(request, target)
            check_preconditions(request, target)
            serializer = TargetUpdateSerializer(target, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            stated = serializer.validated_data.pop("version", None)
            if stated is not None and stated != target.version:
                raise ConflictError(
                    f"version: the target is at version {target.version}, not {stated}; "
                    "reload it and apply your change again."
                )
            serializer.save(version=target.version + 1)
            enqueue_rerank(None, triggered_by=f"target {target.symbol} edited")
        fresh = self.get_object()
        response = Response(TargetDetailSerializer(fresh, context=self.get_serializer_context()).data)
        response["ETag"] = target_etag(fresh)
        return response


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
        with unique_or_conflict():
            serializer.save(created_by=self.request.user, source="curator")
        enqueue_rerank(None, triggered_by="evidence added")

    def perform_update(self, serializer):
        with unique_or_conflict():
            serializer.save()
        enqueue_rerank(None, triggered_by="evidence edited")

    def perform_destroy(self, instance):
        instance.delete()
        enqueue_rerank(None, triggered_by="evidence removed")

"""Refresh: curators queue a refresh of the public sources (202); anyone who reads follows its progress."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from targets.api.base import ApiViewMixin, value_error
from targets.api.errors import ConflictError, NoWorkerError
from targets.api.refresh_serializers import (
    RefreshRequestSerializer,
    RefreshSourceSerializer,
    RefreshStatusSerializer,
    SourceFreshnessSerializer,
)
from targets.api.schema import ErrorSerializer
from targets.filtersets import RefreshRunFilterSet
from targets.refresh.requests import RefreshAlreadyRunning, RefreshUnavailable, refresh_start, refresh_status
from targets.refresh.status import source_status, stale_reasons
from targets.selectors import refresh_request_runs, refresh_runs


def _freshness(status) -> dict:
    reasons = stale_reasons(status)
    latest, success = status.latest_run, status.last_success
    return {
        "source": status.source,
        "label": status.label,
        "stale": bool(reasons),
        "stale_reasons": reasons,
        "in_progress": status.in_progress,
        "latest_run": latest.pk if latest else None,
        "latest_status": latest.status if latest else None,
        "last_success_at": success.finished_at if success else None,
        "records": status.records,
        "last_fetched": status.last_fetched,
        "release": status.release,
    }


def _status_body(runs) -> dict:
    return {"id": runs[0].pk, "status": refresh_status(runs), "sources": runs}


@extend_schema_view(
    list=extend_schema(responses=RefreshSourceSerializer(many=True)),
    retrieve=extend_schema(responses=RefreshStatusSerializer),
    create=extend_schema(
        request=RefreshRequestSerializer,
        responses={202: RefreshStatusSerializer, 409: ErrorSerializer, 503: ErrorSerializer},
    ),
)
class RefreshViewSet(ApiViewMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """POST queues a refresh (curators; 202 with the run id); GET {id}/ gives its status per source."""

    queryset = refresh_runs()
    serializer_class = RefreshSourceSerializer
    filterset_class = RefreshRunFilterSet
    ordering_fields = ["created_at", "id"]

    def create(self, request, *args, **kwargs):
        params = RefreshRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            runs = refresh_start(
                sources=params.validated_data.get("sources") or None,
                symbols=params.validated_data.get("symbols") or None,
                username=request.user.get_username(),
                face="api",
            )
        except RefreshAlreadyRunning as error:
            raise ConflictError(f"{error}; follow it at /api/refresh/{error.run_id}/") from None
        except RefreshUnavailable as error:
            raise NoWorkerError(str(error)) from None
        except ValueError as error:
            raise value_error(error) from None
        body = RefreshStatusSerializer(_status_body(runs)).data
        headers = {"Location": f"/api/refresh/{runs[0].pk}/"}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers=headers)

    def retrieve(self, request, *args, **kwargs):
        """The request's overall status and each source's progress, counts and errors."""
        run = self.get_object()
        return Response(RefreshStatusSerializer(_status_body(refresh_request_runs(run))).data)

    @extend_schema(responses=SourceFreshnessSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def sources(self, request):
        """Each source's freshness: stale (and why: a failed refresh, never refreshed, or no success for
        STALE_AFTER days, the web dashboard's rule), in progress, records, last fetch and release."""
        return Response(SourceFreshnessSerializer([_freshness(item) for item in source_status()], many=True).data)

"""Ranking endpoints: stored runs and their rows, diffs, exports; what-if rankings; batch look-ups; criteria."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from scoring.criteria import criteria_definitions
from scoring.profiles import DUAL_POLICIES, METHODS, MISSING_POLICIES
from targets.api.base import ApiViewMixin, value_error
from targets.api.errors import PayloadTooLarge
from targets.api.filters import FILTER_BACKENDS
from targets.api.pagination import ApiPagination, RankingRowsPagination, RunDiffPagination
from targets.api.profile_serializers import CriteriaSerializer
from targets.api.ranking_serializers import (
    BatchRequestSerializer,
    BatchResponseSerializer,
    RankingRowSerializer,
    RankingRunSerializer,
    RowDiffSerializer,
    WhatIfRequestSerializer,
    WhatIfResponseSerializer,
    WhatIfRowSerializer,
)
from targets.api.renderers import CSVRenderer, JsonErrorsMixin, XLSXRenderer
from targets.api.schema import ErrorSerializer
from targets.exports.builder import export_query, ranking_export
from targets.filtersets import RankingRowFilterSet, RankingRunFilterSet
from targets.models import RankingRow, RankingRun, ScoringProfile, Target
from targets.ranking.diff import diff_runs
from targets.ranking.explanations import dual_penalty_text, explanations_for
from targets.ranking.preview import preview_rows_of, preview_run
from targets.ranking.profiles import current_profile
from targets.ranking.runs import latest_run
from targets.ranking.symbols import resolve_symbols
from targets.ranking.whatif import what_if
from targets.security.roles import is_admin
from targets.selectors import batch_records, ranking_rows, ranking_runs

ROW_ACTIONS = frozenset({"latest", "rows", "export"})
WHAT_IF_ROW_FIELDS = tuple(WhatIfRowSerializer().fields)
EXPORT_TYPES = {
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "text/csv"): OpenApiTypes.STR,
    (200, XLSXRenderer.media_type): OpenApiTypes.BINARY,
}


EXPLAIN_PARAMETER = OpenApiParameter(
    "explain",
    bool,
    description="add, per row, each criterion's facts in words (today's facts, with links) and the "
    "dual-role penalty of the run's profile",
)


class RankingRunViewSet(JsonErrorsMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Stored ranking runs (immutable): metadata, ranked rows, exports, and what moved between two runs."""

    serializer_class = RankingRunSerializer
    ordering_fields = ["created_at", "id"]
    filtered_actions = ROW_ACTIONS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) and self.action in ROW_ACTIONS:
            return RankingRow.objects.none()  # so the schema documents the row filters
        return ranking_runs()

    def get_object(self) -> RankingRun:
        """The run in the URL; the filters of this view apply to its rows, not to the runs."""
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @property
    def filterset_class(self):
        if self.action in ROW_ACTIONS:
            return RankingRowFilterSet
        return RankingRunFilterSet if self.action == "list" else None

    @property
    def filter_backends(self):
        if self.action in ROW_ACTIONS:
            return [DjangoFilterBackend]
        return FILTER_BACKENDS if self.action == "list" else []

    @property
    def pagination_class(self):
        if self.action in {"latest", "rows"}:
            return RankingRowsPagination
        return RunDiffPagination if self.action == "diff" else ApiPagination

    def _rows_page(self, run: RankingRun) -> Response:
        rows = self.filter_queryset(ranking_rows(run))
        self.paginator.run_data = RankingRunSerializer(run).data
        page = self.paginate_queryset(rows)  # plain data in RankingRowSerializer's shape (see the selector)
        if _bool_param(self.request, "explain"):
            page = _with_explanations(run, page)
        return self.get_paginated_response(page)

    @extend_schema(
        parameters=[
            OpenApiParameter("profile", str, description="profile name (default: the newest run of any)"),
            EXPLAIN_PARAMETER,
        ],
        responses=RankingRowSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def latest(self, request):
        """The newest run (of a profile, if given): its ranked rows with contributions and stability."""
        profile = request.query_params.get("profile") or None
        if profile is not None and "\x00" in profile:  # PostgreSQL text cannot hold NUL: no profile has it
            raise ValidationError({"profile": ["Not a profile name (contains a NUL character)."]})
        run = latest_run(profile)
        if run is None:
            raise Http404("No ranking has been run yet for this profile.")
        return self._rows_page(run)

    @extend_schema(parameters=[EXPLAIN_PARAMETER], responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def rows(self, request, pk=None):
        """The ranked rows of one run: score, rank, contributions, coverage, stability interval, P(top k)."""
        return self._rows_page(self.get_object())

    @extend_schema(
        parameters=[
            OpenApiParameter("against", int, required=True, description="the run to compare with (before)"),
            OpenApiParameter("changed_only", bool, description="leave out unchanged targets"),
        ],
        responses=RowDiffSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """What moved from the `against` run to this one, and whether the data or the weights moved it."""
        run_b = self.get_object()
        against = _int_param(request, "against", required=True)
        run_a = ranking_runs().filter(pk=against).first()
        if run_a is None:
            raise Http404(f"against: no ranking run #{against}")
        result = diff_runs(run_a, run_b)
        rows = result.rows
        if _bool_param(request, "changed_only"):
            rows = [row for row in rows if row.cause != "unchanged"]
        self.paginator.summary = {
            "run_a": RankingRunSerializer(run_a).data,
            "run_b": RankingRunSerializer(run_b).data,
            "profile_changed": result.profile_changed,
            "data_changed": result.data_changed,
        }
        page = self.paginate_queryset(list(rows))
        return self.get_paginated_response(RowDiffSerializer(page, many=True).data)

    @extend_schema(responses=EXPORT_TYPES)
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, CSVRenderer, XLSXRenderer])
    def export(self, request, pk=None, format=None):  # noqa: A002 - DRF passes the format suffix by this name
        """The whole run (filters apply) as `?format=json|csv|xlsx`, with profile and version, method, policy,
        data versions and dates in the file."""
        run = self.get_object()
        rows = list(self.filter_queryset(ranking_rows(run)))
        export = ranking_export(run, rows, kind=request.accepted_renderer.format, filters=export_query(request.GET))
        response = Response(export.body)
        response["Content-Disposition"] = f'attachment; filename="{export.name}"'
        return response


def _with_explanations(run: RankingRun, page: list[dict]) -> list[dict]:
    """Rows with, per criterion, the facts behind the value in words (today's facts) and the dual penalty."""
    explained = explanations_for(Target.objects.filter(symbol__in=[row["symbol"] for row in page]))
    return [
        {
            **row,
            "explanations": explained.get(row["symbol"], []),
            "penalty": dual_penalty_text(row["role"], run.profile.dual_policy),
        }
        for row in page
    ]


def _int_param(request, name: str, *, required: bool = False) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        if required:
            raise ValidationError({name: ["This query parameter is required (a ranking run id)."]})
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"Not an integer: {raw!r}."]}) from None
    if value < 1 or value > 2**63 - 1:
        raise ValidationError({name: ["Must be a positive run id."]})
    return value


def _bool_param(request, name: str) -> bool:
    raw = (request.query_params.get(name) or "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise ValidationError({name: [f"Not a boolean: {raw!r} (use true or false)."]})


class ReadLikePostView(ApiViewMixin, APIView):
    """A POST that only reads (its body is a query): open to readers, not only curators.

    For users who are not admins the request is bounded (NICHERANK_MAX_IDS identifiers; a body of about that
    many identifiers' bytes): beyond it a 413 before any work is done, so one reader cannot occupy a worker."""

    read_like_post = True
    BYTES_PER_ID = 64

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if is_admin(request.user):
            return
        limit = settings.NICHERANK_MAX_IDS
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit * self.BYTES_PER_ID + 65536:
            raise PayloadTooLarge(
                f"The request body ({length} bytes) is larger than a {limit}-identifier request may be "
                "(NICHERANK_MAX_IDS); send the ids in several requests."
            )

    def check_id_count(self, request, field: str) -> None:
        """413 when a non-admin sends more than NICHERANK_MAX_IDS identifiers in ``field``."""
        values = request.data.get(field) if hasattr(request.data, "get") else None
        limit = settings.NICHERANK_MAX_IDS
        if isinstance(values, list) and len(values) > limit and not is_admin(request.user):
            raise PayloadTooLarge(
                f"{field}: {len(values)} identifiers; at most {limit} per request (NICHERANK_MAX_IDS) "
                "for users who are not admins. Send them in several requests."
            )


class WhatIfView(JsonErrorsMixin, ReadLikePostView):
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]

    @extend_schema(
        request=WhatIfRequestSerializer,
        responses={
            (200, "application/json"): WhatIfResponseSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, XLSXRenderer.media_type): OpenApiTypes.BINARY,
            (413, "application/json"): ErrorSerializer,
        },
    )
    def post(self, request):
        """Rank under the weights, method, policy and gates given (optionally returning only some symbols, ranked
        among all targets); nothing is saved. `?format=csv|xlsx` gives the export file instead, its metadata
        saying "unsaved preview" with the what-if's weights. Invalid values give a 400 naming the field; more
        than NICHERANK_MAX_IDS symbols a 413."""
        self.check_id_count(request, "symbols")
        params = WhatIfRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        symbols, samples, seed = data.pop("symbols", None), data.pop("samples"), data.pop("seed")
        if "gates" in data:
            data["gates"] = dict(data["gates"])
        try:
            result = what_if(data=data, symbols=symbols, samples=samples, seed=seed)
        except ValueError as error:
            raise value_error(error) from None
        ranking = result.ranking
        if request.accepted_renderer.format in ("csv", "xlsx"):
            return _what_if_export(request, ranking, data.get("base_profile"))
        body = {
            "profile": ranking.profile.as_dict(),
            "method": ranking.method,
            "missing": ranking.missing,
            "input_hash": ranking.input_hash,
            "code_version": ranking.code_version,
            "seed": ranking.seed,
            "stability_samples": ranking.stability_samples,
            "stability_components": list(ranking.stability_components),
            "unknown": result.unknown,
            "rows": [{name: getattr(row, name) for name in WHAT_IF_ROW_FIELDS} for row in ranking.rows],
        }
        return Response(body)  # plain data in WhatIfResponseSerializer's shape: 20,000 rows serialize fast


def _what_if_export(request, ranking, base_profile: str | None) -> Response:
    """A what-if as an export file from the one builder (the web's what-if exports are the same files)."""
    profile = current_profile(base_profile) if base_profile else ScoringProfile(name=ranking.profile.name, version=None)
    targets = Target.objects.filter(symbol__in=[row.symbol for row in ranking.rows]).select_related("axis")
    run = preview_run(profile, ranking)
    export = ranking_export(run, preview_rows_of(ranking, targets), kind=request.accepted_renderer.format)
    response = Response(export.body)
    response["Content-Disposition"] = f'attachment; filename="{export.name}"'
    return response


class BatchView(ReadLikePostView):
    @extend_schema(request=BatchRequestSerializer, responses={200: BatchResponseSerializer, 413: ErrorSerializer})
    def post(self, request):
        """Records and ranks of any number of HGNC symbols or Ensembl gene ids, in the order given;
        identifiers that match no target are listed in `unknown`, never dropped silently. More than
        NICHERANK_MAX_IDS identifiers (admins: no limit) answer 413."""
        self.check_id_count(request, "ids")
        params = BatchRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        run = _batch_run(params.validated_data)
        ids, unknown = resolve_symbols(params.validated_data["ids"])
        results = batch_records(run, ids)  # already plain data in the documented shape: thousands serialize fast
        run_data = RankingRunSerializer(run).data if run else None
        return Response({"run": run_data, "count": len(results), "results": results, "unknown": unknown})


def _batch_run(params: dict) -> RankingRun | None:
    if "run" in params:
        run = ranking_runs().filter(pk=params["run"]).first()
        if run is None:
            raise ValidationError({"run": [f"no ranking run #{params['run']}"]})
        return run
    run = latest_run(params.get("profile"))
    if run is None and params.get("profile"):
        raise ValidationError({"profile": [f"no ranking run of profile {params['profile']!r}"]})
    return run


class CriteriaView(ApiViewMixin, APIView):
    @extend_schema(responses=CriteriaSerializer)
    def get(self, request):
        """The criteria in force (definitions, transforms, thresholds, versions) and the profile options."""
        body = {
            "criteria": criteria_definitions(),
            "methods": list(METHODS),
            "missing_policies": list(MISSING_POLICIES),
            "dual_policies": list(DUAL_POLICIES),
            "default_profile": settings.NICHERANK_DEFAULT_PROFILE,
        }
        return Response(CriteriaSerializer(body).data, status=status.HTTP_200_OK)

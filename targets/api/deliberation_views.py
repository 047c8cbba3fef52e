"""Team deliberation in the API: comments (any signed-in member), members' stances (each member their own),
team decisions and shortlists (curators), the append-only decision log. Reading follows the project's roles."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from targets.api.base import ApiViewMixin
from targets.api.deliberation_serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    DecisionLogSerializer,
    DecisionWriteSerializer,
    MemberStanceSerializer,
    ShortlistCreateSerializer,
    ShortlistDetailSerializer,
    ShortlistItemWriteSerializer,
    ShortlistMoveSerializer,
    ShortlistRowSerializer,
    ShortlistSerializer,
    StanceWriteSerializer,
    TeamDecisionSerializer,
)
from targets.api.errors import ConflictError
from targets.api.permissions import ReadOrCurate
from targets.api.schema import ErrorSerializer
from targets.deliberation import services
from targets.deliberation.exports import shortlist_csv_response
from targets.deliberation.selectors import shortlist_rows
from targets.models import Target
from targets.models.deliberation import (
    Comment,
    DecisionLogEntry,
    LogAction,
    MemberStance,
    Shortlist,
    StanceChoice,
    TeamDecision,
)
from targets.ranking.runs import default_run
from targets.security.roles import can_read


class ReadOrMember(BasePermission):
    """Safe methods for readers; writing for any signed-in member."""

    message = "Reading needs a signed-in user (unless anonymous reading is on); writing needs a signed-in user."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return can_read(request.user)
        return bool(request.user and request.user.is_authenticated)


def service_call(write):
    """Run a deliberation service; its field errors become a 400 naming the field, a stale decision a 409."""
    try:
        return write()
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages) from error
    except services.StaleDecision as error:
        raise ConflictError(str(error)) from error


class TargetFilterSet(django_filters.FilterSet):
    target = django_filters.CharFilter(field_name="target__symbol", lookup_expr="iexact", help_text="HGNC symbol")


class StanceFilterSet(TargetFilterSet):
    user = django_filters.CharFilter(field_name="user__username", help_text="a member's username")
    stance = django_filters.ChoiceFilter(choices=StanceChoice.choices)


class DecisionFilterSet(TargetFilterSet):
    stance = django_filters.ChoiceFilter(choices=StanceChoice.choices)


class LogFilterSet(TargetFilterSet):
    action = django_filters.ChoiceFilter(choices=LogAction.choices)
    actor = django_filters.CharFilter(field_name="actor__username")


class _ReadList(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    pass


def validated(serializer_class, request) -> dict:
    """The request body checked by `serializer_class` (a 400 naming the fields otherwise)."""
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


class _ServiceWrite(_ReadList, mixins.CreateModelMixin):
    """A list that POSTs through a deliberation service: `write_serializer` checks the body, `write(data, user)`
    calls the service, the answer is the result in `serializer_class` with `created_status`."""

    write_serializer = None
    created_status = status.HTTP_200_OK

    def write(self, data: dict, user):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        data = validated(self.write_serializer, request)
        result = service_call(lambda: self.write(data, request.user))
        return Response(self.serializer_class(result).data, status=self.created_status)


@extend_schema_view(create=extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer}))
class CommentViewSet(_ServiceWrite):
    """Comments on targets, oldest first (`target=` filters). Any signed-in member may comment; comments are
    append-only (never edited or deleted)."""

    serializer_class = CommentSerializer
    permission_classes = [ReadOrMember]
    filterset_class = TargetFilterSet
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return Comment.objects.select_related("target", "author").order_by("created_at", "pk")

    write_serializer = CommentCreateSerializer
    created_status = status.HTTP_201_CREATED

    def write(self, data: dict, user):
        return services.comment_add(target=data["target"], user=user, body=data["body"])


@extend_schema_view(create=extend_schema(request=StanceWriteSerializer, responses={200: MemberStanceSerializer}))
class StanceViewSet(_ServiceWrite):
    """Members' current stances (pursue / watch / drop, with a reason). POST sets the signed-in member's own
    stance on a target; every change is appended to the target's decision log."""

    serializer_class = MemberStanceSerializer
    permission_classes = [ReadOrMember]
    filterset_class = StanceFilterSet
    ordering_fields = ["updated_at"]

    def get_queryset(self):
        return MemberStance.objects.select_related("target", "user").order_by("target__symbol", "user__username")

    write_serializer = StanceWriteSerializer

    def write(self, data: dict, user):
        return services.stance_set(target=data["target"], user=user, stance=data["stance"], reason=data["reason"])


@extend_schema_view(
    create=extend_schema(request=DecisionWriteSerializer, responses={200: TeamDecisionSerializer, 409: ErrorSerializer})
)
class DecisionViewSet(_ServiceWrite):
    """The team's current decision per target (what the ranking shows). Curators POST a decision with a reason;
    with `expected_version` a decision made in between answers 409 instead of being overwritten. Without it,
    concurrent decisions are applied one after the other and all are kept in the decision log."""

    serializer_class = TeamDecisionSerializer
    permission_classes = [ReadOrCurate]
    filterset_class = DecisionFilterSet
    ordering_fields = ["decided_at"]

    def get_queryset(self):
        return TeamDecision.objects.select_related("target", "decided_by").order_by("target__symbol")

    write_serializer = DecisionWriteSerializer

    def write(self, data: dict, user):
        return services.decision_set(
            target=data["target"],
            user=user,
            stance=data["stance"],
            reason=data["reason"],
            expected_version=data.get("expected_version"),
        )


class DecisionLogViewSet(_ReadList):
    """Every stance change, team decision and shortlist change, oldest first (append-only)."""

    serializer_class = DecisionLogSerializer
    permission_classes = [ReadOrMember]
    filterset_class = LogFilterSet
    ordering_fields = ["at"]

    def get_queryset(self):
        return DecisionLogEntry.objects.select_related("target", "actor").order_by("at", "pk")


def _detail(shortlist: Shortlist) -> dict:
    run = default_run()
    rows = ShortlistRowSerializer(shortlist_rows(shortlist, run), many=True).data
    return {**ShortlistSerializer(shortlist).data, "run": run.pk if run else None, "items": rows}


@extend_schema_view(
    create=extend_schema(request=ShortlistCreateSerializer, responses={201: ShortlistDetailSerializer}),
    retrieve=extend_schema(responses=ShortlistDetailSerializer),
)
class ShortlistViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Shortlists a team builds: ordered targets with notes; each item shows the target's rank and score in the
    newest run and its team stance. Curators create shortlists and add, move and remove targets; every change is
    in the targets' decision logs."""

    serializer_class = ShortlistSerializer
    permission_classes = [ReadOrCurate]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return Shortlist.objects.select_related("created_by").prefetch_related("items__target").order_by("name")

    def retrieve(self, request, *args, **kwargs):
        return Response(_detail(self.get_object()))

    def create(self, request, *args, **kwargs):
        data = validated(ShortlistCreateSerializer, request)
        shortlist = service_call(
            lambda: services.shortlist_create(name=data["name"], user=request.user, description=data["description"])
        )
        return Response(_detail(shortlist), status=status.HTTP_201_CREATED)

    @extend_schema(request=ShortlistItemWriteSerializer, responses={201: ShortlistDetailSerializer})
    @action(detail=True, methods=["post"], url_path="items")
    def add_item(self, request, slug=None):
        """Put a target on the shortlist (at `position`, default last) with a note."""
        shortlist = self.get_object()
        data = validated(ShortlistItemWriteSerializer, request)
        service_call(
            lambda: services.shortlist_add(
                shortlist=shortlist,
                target=data["target"],
                user=request.user,
                note=data["note"],
                position=data.get("position"),
            )
        )
        return Response(self._fresh_detail(shortlist), status=status.HTTP_201_CREATED)

    def _fresh_detail(self, shortlist: Shortlist) -> dict:
        """The detail after a write, read again: get_object()'s prefetched items predate the write."""
        return _detail(self.get_queryset().get(pk=shortlist.pk))

    def _item_target(self, shortlist: Shortlist, symbol: str) -> Target:
        target = Target.objects.filter(symbol=symbol.upper()).first()
        if target is None or not shortlist.items.filter(target=target).exists():
            raise NotFound(f"{symbol} is not on {shortlist.name}.")
        return target

    @extend_schema(methods=["PATCH"], request=ShortlistMoveSerializer, responses=ShortlistDetailSerializer)
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"items/(?P<symbol>[-A-Za-z0-9_.]+)")
    def item(self, request, slug=None, symbol=None):
        """PATCH moves the target to `position`; DELETE takes it off the shortlist."""
        shortlist = self.get_object()
        target = self._item_target(shortlist, symbol)
        if request.method == "DELETE":
            service_call(lambda: services.shortlist_remove(shortlist=shortlist, target=target, user=request.user))
            return Response(status=status.HTTP_204_NO_CONTENT)
        position = validated(ShortlistMoveSerializer, request)["position"]
        service_call(
            lambda: services.shortlist_move(shortlist=shortlist, target=target, user=request.user, position=position)
        )
        return Response(self._fresh_detail(shortlist))

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="the shortlist")})
    @action(detail=True, methods=["get"], url_path="export")
    def export(self, request, slug=None):
        """The shortlist as CSV: position, symbol, name, rank, score, team stance and reason, note, who, when."""
        shortlist = self.get_object()
        run = default_run()
        return shortlist_csv_response(shortlist, shortlist_rows(shortlist, run), run)

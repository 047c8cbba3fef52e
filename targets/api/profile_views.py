"""Scoring profiles: create, read, update (stores a new version), retire; each write queues a re-rank."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from scoring.errors import FieldError
from targets.api.base import ApiViewMixin, value_error
from targets.api.errors import ConflictError
from targets.api.permissions import ReadOrCurateAdminDeletes
from targets.api.profile_serializers import ProfileCreateSerializer, ProfileSerializer, ProfileWriteSerializer
from targets.api.schema import ErrorSerializer
from targets.models import ScoringProfile
from targets.ranking.profiles import profile_payload, profile_save_version
from targets.ranking.services import ProfileProtected, enqueue_rerank, profile_retire
from targets.selectors import current_profiles, profile_versions

PROFILE_NAME_PATTERN = r"[-a-zA-Z0-9_]+"
SAVE_ATTEMPTS = 5


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("version", int, description="a past version (default: the current one)")]
    ),
    create=extend_schema(request=ProfileCreateSerializer, responses={201: ProfileSerializer}),
    update=extend_schema(request=ProfileWriteSerializer, responses=ProfileSerializer),
    partial_update=extend_schema(request=ProfileWriteSerializer, responses=ProfileSerializer),
    destroy=extend_schema(responses={204: None, 409: ErrorSerializer}),
)
class ProfileViewSet(ApiViewMixin, viewsets.ModelViewSet):
    """Named scoring profiles. Every edit stores a new version; past versions stay readable (`versions/`).

    DELETE retires a profile (admins only): all its versions stop being current, the runs that used them
    stay reproducible. The default profile cannot be retired (409)."""

    serializer_class = ProfileSerializer
    permission_classes = [ReadOrCurateAdminDeletes]
    lookup_field = "name"
    lookup_value_regex = PROFILE_NAME_PATTERN
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return current_profiles()

    def get_object(self):
        name = self.kwargs["name"]
        version = self.request.query_params.get("version") if self.action == "retrieve" else None
        if version:
            if not version.isdigit() or len(version) > 9:
                raise value_error(FieldError("version", f"not a version number: {version!r}"))
            profile = profile_versions(name).filter(version=int(version)).first()
        else:
            profile = current_profiles().filter(name=name).first()
        if profile is None:
            raise NotFound(f"No profile {name!r}" + (f" version {version}" if version else "") + ".")
        self.check_object_permissions(self.request, profile)
        return profile

    def create(self, request, *args, **kwargs):
        """Store version 1 of a new profile and queue its first ranking."""
        params = ProfileCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        name = data.pop("name")
        try:
            with transaction.atomic():
                profile = self._save(name, data)
                if profile.version != 1:  # another request created the name after our check: undo ours
                    raise IntegrityError(f"profile {name!r} created concurrently")
        except IntegrityError:  # created by another request between the name check and the insert
            raise ConflictError(
                f"name: a profile named {name!r} was created at the same moment; "
                f"PUT /api/profiles/{name}/ stores a new version of it"
            ) from None
        return Response(ProfileSerializer(profile).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        """Store the next version (PUT: the fields given replace all; PATCH: they replace those named).

        Simultaneous edits are serialised: one that lost the race for a version number is applied again on
        top of the version that won (a PATCH keeps the other edit's fields)."""
        partial = kwargs.get("partial", False)
        params = ProfileWriteSerializer(data=request.data, partial=partial)
        params.is_valid(raise_exception=True)
        for attempt in range(SAVE_ATTEMPTS):
            current = self.get_object()
            data = dict(params.validated_data)
            if partial:
                base = {key: value for key, value in profile_payload(current).items() if key != "name"}
                data = {**base, **data}
            try:
                profile = self._save(current.name, data)
                break
            except IntegrityError:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise ConflictError("The profile is being edited by others right now; try again.") from None
        return Response(ProfileSerializer(profile).data)

    def _save(self, name: str, data: dict) -> ScoringProfile:
        if "gates" in data:
            data["gates"] = dict(data["gates"])
        try:
            profile = profile_save_version(name=name, data=data, owner=self.request.user)
        except ValueError as error:
            raise value_error(error) from None
        enqueue_rerank(profile.pk, triggered_by=f"profile {name} v{profile.version} saved")
        return profile

    def destroy(self, request, *args, **kwargs):
        """Retire the profile (admins only)."""
        name = self.kwargs["name"]
        try:
            profile_retire(name=name)
        except ScoringProfile.DoesNotExist:
            raise NotFound(f"No current profile {name!r}.") from None
        except ProfileProtected as error:
            raise ConflictError(str(error)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=ProfileSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def versions(self, request, name=None):
        """Every stored version of the profile, newest first (retired profiles included)."""
        versions = profile_versions(name)
        page = self.paginate_queryset(versions)
        if not page and not versions.exists():
            raise NotFound(f"No profile {name!r}.")
        return self.get_paginated_response(ProfileSerializer(page, many=True).data)

"""Roles: viewer (read), curator (edit targets, evidence, profiles; trigger refresh), admin.

Anonymous users read only when the NICHERANK_ANONYMOUS_READ setting is on (the embedded demo)."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

CURATORS_GROUP = "curators"


def is_curator(user) -> bool:
    """Curators and admins may edit and trigger refreshes."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.is_staff or user.groups.filter(name=CURATORS_GROUP).exists())
    )


def can_read(user) -> bool:
    """Signed-in users always read; anonymous users only when the setting allows it."""
    return bool(user and user.is_authenticated) or settings.NICHERANK_ANONYMOUS_READ


class ReadOrCurate(BasePermission):
    """Safe methods for readers, anything else for curators."""

    message = "Reading needs a signed-in user; writing needs the curator role."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or getattr(view, "read_like_post", False):
            return can_read(request.user)
        return is_curator(request.user)


def is_admin(user) -> bool:
    """Admins: superusers and staff."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_staff))


class ReadOrCurateAdminDeletes(ReadOrCurate):
    """As ReadOrCurate, but deleting needs the admin role (used where a delete affects everyone)."""

    message = "Reading needs a signed-in user; writing needs the curator role; deleting needs an admin."

    def has_permission(self, request, view) -> bool:
        if request.method == "DELETE":
            return is_admin(request.user)
        return super().has_permission(request, view)

"""The API's permission classes: the roles of `targets.security.roles` applied to HTTP methods."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from targets.security.roles import can_read, is_admin, is_curator


class ReadOrCurate(BasePermission):
    """Safe methods for readers, anything else for curators."""

    message = "Reading needs a signed-in user; writing needs the curator role."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or getattr(view, "read_like_post", False):
            return can_read(request.user)
        return is_curator(request.user)


class ReadOrCurateAdminDeletes(ReadOrCurate):
    """As ReadOrCurate, but deleting needs the admin role (used where a delete affects everyone)."""

    message = "Reading needs a signed-in user; writing needs the curator role; deleting needs an admin."

    def has_permission(self, request, view) -> bool:
        if request.method == "DELETE":
            return is_admin(request.user)
        return super().has_permission(request, view)

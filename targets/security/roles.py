"""Roles: viewer (read), curator (edit targets, evidence, profiles; trigger refresh), admin.

Anonymous users read only when the NICHERANK_ANONYMOUS_READ setting is on (the embedded demo). Both faces
ask these functions: the API's permission classes (`targets.api.permissions`) and the web's decorators
(`targets.web.access`)."""

from django.conf import settings

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


def is_admin(user) -> bool:
    """Admins: superusers and staff."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_staff))

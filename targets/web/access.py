"""Who may see pages: signed-in users, and anonymous ones when the demo setting allows it; curators edit."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from targets.security.roles import can_read, is_curator


def read_access_required(view):
    """Redirect to sign-in unless the user may read."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_read(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def curator_required(view):
    """Redirect anonymous users to sign-in; refuse (403) signed-in users who are not curators."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_curator(request.user):
            raise PermissionDenied("Editing needs the curator role.")
        return view(request, *args, **kwargs)

    return wrapper

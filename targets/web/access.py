"""Who may see pages: signed-in users, and anonymous ones when the demo setting allows it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from targets.api.permissions import can_read


def read_access_required(view):
    """Redirect to sign-in unless the user may read."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_read(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper

"""The sign-in page, with the API token endpoint's brute-force protection (targets.security.lockout)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict

from targets.security.lockout import locked_out, lockout_message, record_failure, record_success


class ProtectedLoginView(auth_views.LoginView):
    """Django's LoginView; too many failures for a username or from an address answer 429 unchecked."""

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if locked_out(request, username):
            form = self.get_form_class()(request)  # unbound: checking the password is what is refused
            form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([lockout_message()])})
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form):
        record_success(self.request, form.get_user().get_username())
        return super().form_valid(form)

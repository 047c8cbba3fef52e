"""URL map: the web pages at /, the REST API under /api/, the admin under /admin/, health at /healthz and
/readyz. Of Django's account pages only sign-in, sign-out and password change exist: there is no mail
backend, so no password-reset pages (an admin resets passwords)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from targets import health
from targets.web.views.login import ProtectedLoginView

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include("targets.api.urls")),
    path("accounts/login/", ProtectedLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("targets.web.urls")),
]

# Unknown paths under /api/ answer with the API's JSON error body; web paths with Django's page.
handler404 = "targets.api.errors.not_found"

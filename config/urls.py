"""URL map: the web pages at /, the REST API under /api/, the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("targets.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("targets.web.urls")),
]

# Unknown paths under /api/ answer with the API's JSON error body; web paths with Django's page.
handler404 = "targets.api.errors.not_found"

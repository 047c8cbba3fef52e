"""The API's routes alone, so this suite does not depend on the state of the web pages."""

from django.urls import include, path

urlpatterns = [path("api/", include("targets.api.urls"))]

handler404 = "targets.api.errors.not_found"  # as config/urls.py should declare it

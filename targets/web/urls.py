"""Web routes."""

from django.urls import path

from targets.web import views

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("targets/<str:symbol>/", views.target_detail, name="target-detail"),
]

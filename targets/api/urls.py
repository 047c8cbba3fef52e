"""REST routes under /api/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from targets.api import views

router = DefaultRouter()
router.register("targets", views.TargetViewSet, basename="target")
router.register("rankings", views.RankingRunViewSet, basename="ranking")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

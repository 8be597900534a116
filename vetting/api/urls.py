"""/api/v1/ and the OpenAPI schema and docs (served from our own static files)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from vetting.api.consultants import ConsultantViewSet, ReferenceViewSet
from vetting.api.engagements import EngagementViewSet

router = DefaultRouter()
router.register("consultants", ConsultantViewSet, basename="consultant")
router.register("references", ReferenceViewSet, basename="reference")
router.register("engagements", EngagementViewSet, basename="engagement")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

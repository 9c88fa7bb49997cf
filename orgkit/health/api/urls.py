"""API routes under /api/v1/ for the health dashboard (names join the "api" namespace)."""

from django.urls import path

from orgkit.health.api import views

urlpatterns = [
    path("orgs/<slug:org_slug>/health/", views.HealthAPI.as_view(), name="health"),
]

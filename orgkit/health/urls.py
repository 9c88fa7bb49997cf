"""Pages under /o/<org_slug>/health/ (namespace "health")."""

from django.urls import path

from orgkit.health import views

app_name = "health"

urlpatterns = [
    path("", views.HealthDashboardView.as_view(), name="dashboard"),
]

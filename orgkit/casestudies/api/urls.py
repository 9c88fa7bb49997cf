"""API routes under /api/v1/ for case studies (names join the "api" namespace)."""

from django.urls import path

from orgkit.casestudies.api import views

urlpatterns = [
    path(
        "orgs/<slug:org_slug>/case-studies/",
        views.CaseStudyListAPI.as_view(),
        name="case-study-list",
    ),
    path(
        "orgs/<slug:org_slug>/case-studies/<slug:study_slug>/",
        views.CaseStudyDetailAPI.as_view(),
        name="case-study-detail",
    ),
]

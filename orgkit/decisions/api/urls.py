"""API routes under /api/v1/ for decisions (names join the "api" namespace)."""

from django.urls import path

from orgkit.decisions.api import views

base = "orgs/<slug:org_slug>/decisions/"
one = base + "motions/<id:motion_id>/"

urlpatterns = [
    path(base + "motions/", views.MotionListAPI.as_view(), name="decision-motions"),
    path(one, views.MotionDetailAPI.as_view(), name="decision-motion"),
    path(one + "vote/", views.VoteAPI.as_view(), name="decision-vote"),
    path(one + "reports/", views.ReportListAPI.as_view(), name="decision-reports"),
    path(one + "appeal/", views.AppealFileAPI.as_view(), name="decision-appeal"),
    path(
        base + "reports/<id:report_id>/cosign/",
        views.CosignAPI.as_view(),
        name="decision-report-cosign",
    ),
    path(base + "appeals/", views.AppealListAPI.as_view(), name="decision-appeals"),
    path(base + "meetings/", views.MeetingListAPI.as_view(), name="decision-meetings"),
    path(base + "verify/", views.VerifyAPI.as_view(), name="decision-verify"),
]

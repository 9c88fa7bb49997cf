"""API routes under /api/v1/ for skills (names join the "api" namespace)."""

from django.urls import path

from orgkit.skills.api import views

org = "orgs/<slug:org_slug>/skills/"

urlpatterns = [
    path(org, views.SkillListAPI.as_view(), name="skill-list"),
    path(org + "<id:skill_id>/", views.SkillDetailAPI.as_view(), name="skill-detail"),
    path(org + "sessions/", views.SessionListAPI.as_view(), name="skill-session-list"),
    path(org + "signoffs/<id:signoff_id>/", views.SignOffAPI.as_view(), name="skill-signoff"),
    path(org + "levels/mine/", views.MyLevelsAPI.as_view(), name="skill-levels-mine"),
    path(org + "matrix/", views.MatrixAPI.as_view(), name="skill-matrix"),
    path(org + "coverage/", views.CoverageAPI.as_view(), name="skill-coverage"),
    path(org + "alerts/", views.AlertListAPI.as_view(), name="skill-alerts"),
    path(org + "requirements/", views.RequirementListAPI.as_view(), name="skill-requirements"),
    path(org + "rotation-rules/", views.RotationRuleListAPI.as_view(), name="skill-rotation-rules"),
]

"""Pages under /o/<org_slug>/skills/ (namespace "skills")."""

from django.urls import path

from orgkit.skills import views, views_log

app_name = "skills"

urlpatterns = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("basics/", views.BasicsView.as_view(), name="basics"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("<id:skill_id>/", views.SkillView.as_view(), name="skill"),
    path("<id:skill_id>/retire/", views.SkillRetireView.as_view(), name="skill-retire"),
    path(
        "<id:skill_id>/restore/",
        views.SkillRetireView.as_view(restore=True),
        name="skill-restore",
    ),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("matrix.csv", views.MatrixCSVView.as_view(), name="matrix-csv"),
    path("roles/", views.RolesView.as_view(), name="roles"),
    path("roles/<id:role_id>/", views.RoleView.as_view(), name="role"),
    path(
        "requirements/<id:requirement_id>/remove/",
        views.RequirementRemoveView.as_view(),
        name="requirement-remove",
    ),
    path(
        "rotation-rules/<id:rule_id>/remove/",
        views.RotationRuleRemoveView.as_view(),
        name="rotation-rule-remove",
    ),
    path("alerts/", views.AlertsView.as_view(), name="alerts"),
    path("log/", views_log.LogView.as_view(), name="log"),
    path("log.csv", views.LogCSVView.as_view(), name="log-csv"),
    path("log/new/", views_log.SessionNewView.as_view(), name="session-new"),
    path("log/<id:session_id>/", views_log.SessionView.as_view(), name="session"),
    path("signoffs/<id:signoff_id>/", views_log.SignOffView.as_view(), name="signoff"),
]

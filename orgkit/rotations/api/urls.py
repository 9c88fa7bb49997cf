"""API routes for rotations under /api/v1/orgs/<slug>/rotations/ (names join "api")."""

from django.urls import path

from orgkit.rotations.api import views

org = "orgs/<slug:org_slug>/rotations/"

urlpatterns = [
    path(org, views.RotationListAPI.as_view(), name="rotations"),
    path(org + "mine/", views.MyTurnsAPI.as_view(), name="my-turns"),
    path(org + "leave/", views.LeaveAPI.as_view(), name="leave"),
    path(org + "<id:rotation_id>/", views.RotationDetailAPI.as_view(), name="rotation-detail"),
    path(org + "<id:rotation_id>/turns/", views.RotationTurnsAPI.as_view(), name="rotation-turns"),
    path(
        org + "<id:rotation_id>/fairness/",
        views.RotationFairnessAPI.as_view(),
        name="rotation-fairness",
    ),
    path(org + "<id:rotation_id>/pool/", views.RotationPoolAPI.as_view(), name="rotation-pool"),
    path(org + "<id:rotation_id>/swaps/", views.RotationSwapsAPI.as_view(), name="rotation-swaps"),
    path(org + "turns/<id:turn_id>/swaps/", views.TurnSwapAPI.as_view(), name="turn-swaps"),
    path(
        org + "turns/<id:turn_id>/<slug:action>/",
        views.TurnActionAPI.as_view(),
        name="turn-action",
    ),
    path(
        org + "swaps/<id:swap_id>/<slug:swap_action>/",
        views.SwapActionAPI.as_view(),
        name="swap-action",
    ),
]

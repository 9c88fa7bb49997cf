"""Pages under /o/<org_slug>/rotations/ (namespace "rotations")."""

from django.urls import path

from orgkit.rotations import views, views_confirm, views_export, views_mine

app_name = "rotations"

urlpatterns = [
    path("", views.RotationListView.as_view(), name="list"),
    path("new/", views.RotationCreateView.as_view(), name="create"),
    path("turns.csv", views_export.TurnsCSVView.as_view(), name="turns-csv"),
    path("mine/", views_mine.MyTurnsView.as_view(), name="mine"),
    path("mine/leave/", views_mine.LeaveAddView.as_view(), name="leave-add"),
    path(
        "mine/leave/<id:leave_id>/delete/",
        views_mine.LeaveDeleteView.as_view(),
        name="leave-delete",
    ),
    path("mine/feeds/", views_mine.FeedCreateView.as_view(), name="feed-create"),
    path(
        "mine/feeds/<id:feed_id>/revoke/", views_mine.FeedRevokeView.as_view(), name="feed-revoke"
    ),
    path("mine/reminders/", views_mine.ReminderView.as_view(), name="reminders"),
    path("feed/<str:feed_token>.ics", views_mine.ical_feed, name="ical"),
    path(
        "bodies/<slug:body_slug>/calendar/", views.BodyCalendarView.as_view(), name="body-calendar"
    ),
    path("<id:rotation_id>/", views.RotationDetailView.as_view(), name="detail"),
    path("<id:rotation_id>/calendar/", views.RotationCalendarView.as_view(), name="calendar"),
    path("<id:rotation_id>/fairness/", views.FairnessView.as_view(), name="fairness"),
    path("<id:rotation_id>/pool/", views.PoolView.as_view(), name="pool"),
    path("<id:rotation_id>/settings/", views.RotationSettingsView.as_view(), name="settings"),
    path(
        "<id:rotation_id>/import-history/", views.ImportHistoryView.as_view(), name="import-history"
    ),
    path(
        "<id:rotation_id>/swaps/arrange/",
        views_confirm.SwapArrangeView.as_view(),
        name="swap-arrange",
    ),
    path("turns/<id:turn_id>/swap/", views.SwapRequestView.as_view(), name="swap-request"),
    path("turns/<id:turn_id>/<slug:action>/", views.TurnActionView.as_view(), name="turn-action"),
    path(
        "swaps/<id:swap_id>/<slug:swap_action>/",
        views.SwapActionView.as_view(),
        name="swap-action",
    ),
]

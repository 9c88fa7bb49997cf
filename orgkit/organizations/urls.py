from django.urls import path

from orgkit.organizations import views

app_name = "org"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("settings/", views.OrganizationSettingsView.as_view(), name="settings"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/<id:member_id>/", views.MemberDetailView.as_view(), name="member-detail"),
    path(
        "members/<id:member_id>/organizer/grant/",
        views.OrganizerGrantView.as_view(),
        name="organizer-grant",
    ),
    path(
        "members/<id:member_id>/organizer/revoke/",
        views.OrganizerRevokeView.as_view(),
        name="organizer-revoke",
    ),
    path("members/<id:member_id>/leave/", views.MemberLeaveView.as_view(), name="member-leave"),
    path(
        "members/<id:member_id>/language/",
        views.MemberLanguageView.as_view(),
        name="member-language",
    ),
    path("invitations/", views.InvitationListView.as_view(), name="invitations"),
    path(
        "invitations/<id:invitation_id>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
    path("branches/", views.BranchListView.as_view(), name="branches"),
    path("bodies/", views.BodyTreeView.as_view(), name="bodies"),
    path("bodies/new/", views.BodyCreateView.as_view(), name="body-create"),
    path("bodies/<slug:body_slug>/", views.BodyDetailView.as_view(), name="body-detail"),
    path(
        "bodies/<slug:body_slug>/members/add/",
        views.BodyMemberAddView.as_view(),
        name="body-member-add",
    ),
    path("bodies/<slug:body_slug>/roles/new/", views.RoleCreateView.as_view(), name="role-create"),
    path("roles/<id:role_id>/", views.RoleDetailView.as_view(), name="role-detail"),
    path("roles/<id:role_id>/assign/", views.RoleAssignView.as_view(), name="role-assign"),
    path("log/", views.AuditLogView.as_view(), name="audit-log"),
]

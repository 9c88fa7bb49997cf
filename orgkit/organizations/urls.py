from django.urls import path

from orgkit.organizations import views, views_bulk, views_structure

app_name = "org"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("settings/", views.OrganizationSettingsView.as_view(), name="settings"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members.csv", views_bulk.MemberExportView.as_view(), name="members-csv"),
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
    path("invitations/bulk/", views_bulk.InvitationBulkView.as_view(), name="invitations-bulk"),
    path(
        "invitations/<id:invitation_id>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
    path("branches/", views_structure.BranchListView.as_view(), name="branches"),
    path("bodies/", views_structure.BodyTreeView.as_view(), name="bodies"),
    path("bodies/new/", views_structure.BodyCreateView.as_view(), name="body-create"),
    path("bodies/<slug:body_slug>/", views_structure.BodyDetailView.as_view(), name="body-detail"),
    path(
        "bodies/<slug:body_slug>/members/add/",
        views_structure.BodyMemberAddView.as_view(),
        name="body-member-add",
    ),
    path(
        "bodies/<slug:body_slug>/roles/new/",
        views_structure.RoleCreateView.as_view(),
        name="role-create",
    ),
    path("roles/<id:role_id>/", views_structure.RoleDetailView.as_view(), name="role-detail"),
    path(
        "roles/<id:role_id>/assign/", views_structure.RoleAssignView.as_view(), name="role-assign"
    ),
    path("log/", views.AuditLogView.as_view(), name="audit-log"),
]

from django.urls import path

from orgkit.organizations.api import views

org = "orgs/<slug:org_slug>/"

urlpatterns = [
    path("orgs/", views.OrganizationListAPI.as_view(), name="orgs"),
    path("invitations/accept/", views.InvitationAcceptAPI.as_view(), name="invitation-accept"),
    path(org, views.OrganizationDetailAPI.as_view(), name="org-detail"),
    path(org + "members/", views.MemberListAPI.as_view(), name="members"),
    path(org + "members/<id:member_id>/", views.MemberDetailAPI.as_view(), name="member-detail"),
    path(org + "members/<id:member_id>/organizer/", views.OrganizerAPI.as_view(), name="organizer"),
    path(
        org + "members/<id:member_id>/leave/", views.MemberLeaveAPI.as_view(), name="member-leave"
    ),
    path(
        org + "members/<id:member_id>/language/",
        views.MemberLanguageAPI.as_view(),
        name="member-language",
    ),
    path(org + "branches/", views.BranchListAPI.as_view(), name="branches"),
    path(org + "bodies/", views.BodyListAPI.as_view(), name="bodies"),
    path(org + "bodies/<slug:body_slug>/", views.BodyDetailAPI.as_view(), name="body-detail"),
    path(
        org + "bodies/<slug:body_slug>/seats/", views.BodySeatListAPI.as_view(), name="body-seats"
    ),
    path(org + "roles/", views.RoleListAPI.as_view(), name="roles"),
    path(
        org + "roles/<id:role_id>/assignments/",
        views.RoleAssignmentListAPI.as_view(),
        name="role-assignments",
    ),
    path(org + "invitations/", views.InvitationListAPI.as_view(), name="invitations"),
    path(org + "invitations/bulk/", views.InvitationBulkAPI.as_view(), name="invitations-bulk"),
    path(
        org + "invitations/<id:invitation_id>/revoke/",
        views.InvitationRevokeAPI.as_view(),
        name="invitation-revoke",
    ),
    path(org + "log/", views.AuditLogAPI.as_view(), name="audit-log"),
]

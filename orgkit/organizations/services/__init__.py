"""Writes for organizations. Import services from here: ``services.organization_create(...)``."""

from orgkit.organizations.services.bulk_invitations import (
    BulkInvitationRefused,
    invitation_list_text,
    invitations_bulk_check,
    invitations_bulk_create,
)
from orgkit.organizations.services.invitations import (
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_revoke,
    invitations_expire,
)
from orgkit.organizations.services.organizations import (
    member_add,
    member_grant_organizer,
    member_leave,
    member_revoke_organizer,
    member_set_language,
    organization_create,
    organization_update,
)
from orgkit.organizations.services.structure import (
    body_create,
    body_member_add,
    branch_create,
    role_assign,
    role_assignment_end,
    role_create,
)

__all__ = [
    "BulkInvitationRefused",
    "body_create",
    "body_member_add",
    "branch_create",
    "invitation_accept",
    "invitation_by_token",
    "invitation_create",
    "invitation_list_text",
    "invitation_revoke",
    "invitations_bulk_check",
    "invitations_bulk_create",
    "invitations_expire",
    "member_add",
    "member_grant_organizer",
    "member_leave",
    "member_revoke_organizer",
    "member_set_language",
    "organization_create",
    "organization_update",
    "role_assign",
    "role_assignment_end",
    "role_create",
]

"""The organizations app's audit verbs, and the phrase the log shows for each."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class OrganizationEvent(StrEnum):
    ORGANIZATION_CREATED = "organizations.organization.created"
    ORGANIZATION_UPDATED = "organizations.organization.updated"
    ORGANIZER_GRANTED = "organizations.organizer.granted"
    ORGANIZER_REVOKED = "organizations.organizer.revoked"
    ORGANIZER_STEPPED_DOWN = "organizations.organizer.stepped_down"
    MEMBER_INVITED = "organizations.member.invited"
    INVITATION_REVOKED = "organizations.invitation.revoked"
    MEMBER_JOINED = "organizations.member.joined"
    MEMBER_ADDED = "organizations.member.added"
    MEMBER_LEFT = "organizations.member.left"
    MEMBER_LANGUAGE_SET = "organizations.member.language_set"
    BRANCH_CREATED = "organizations.branch.created"
    BODY_CREATED = "organizations.body.created"
    BODY_MEMBER_ADDED = "organizations.body.member_added"
    ROLE_CREATED = "organizations.role.created"
    ROLE_ASSIGNED = "organizations.role.assigned"
    ROLE_ENDED = "organizations.role.ended"


E = OrganizationEvent

PHRASES = {
    E.ORGANIZATION_CREATED: _("created the organization {target}"),
    E.ORGANIZATION_UPDATED: _("changed the organization's settings"),
    E.ORGANIZER_GRANTED: _("made {target} an organizer"),
    E.ORGANIZER_REVOKED: _("revoked {target}'s organizer role"),
    E.ORGANIZER_STEPPED_DOWN: _("stepped down as organizer"),
    E.MEMBER_INVITED: _("invited {email}"),
    E.INVITATION_REVOKED: _("withdrew an invitation"),
    E.MEMBER_JOINED: _("joined"),
    E.MEMBER_ADDED: _("added {target} to the roster"),
    E.MEMBER_LEFT: _("recorded that {target} left"),
    E.MEMBER_LANGUAGE_SET: _("set {target}'s language to {language}"),
    E.BRANCH_CREATED: _("added the branch {target}"),
    E.BODY_CREATED: _("added the body {target}"),
    E.BODY_MEMBER_ADDED: _("seated {name} on {target} ({how}, from {start})"),
    E.ROLE_CREATED: _("defined the role {target}"),
    E.ROLE_ASSIGNED: _("handed {target} to {name} ({how}, from {start})"),
    E.ROLE_ENDED: _("{name} no longer holds {target} ({why}, from {on})"),
}

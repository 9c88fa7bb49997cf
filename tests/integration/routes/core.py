"""Routes of the project shell, accounts and organizations."""

from tests.integration.routes import MEMBER, ORGANIZER, OWNER, PUBLIC, SIGNED_IN

ROUTES: dict[str, dict[str, str]] = {
    # pages outside any organization
    "home": {"GET": PUBLIC},
    "healthz": {"GET": PUBLIC},
    "signup": {"GET": PUBLIC, "POST": PUBLIC},
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "logout": {"POST": PUBLIC},
    "password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
    "password_reset": {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done": {"GET": PUBLIC},
    "password_reset_confirm": {"GET": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC},
    "org-create": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "invitation-accept": {"GET": PUBLIC, "POST": PUBLIC},
    # organization pages
    "org:dashboard": {"GET": MEMBER},
    "org:settings": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:members": {"GET": MEMBER},
    "org:member-detail": {"GET": MEMBER},
    "org:organizer-grant": {"POST": ORGANIZER},
    # members may step down themselves; revoking someone else is checked in test_views.
    "org:organizer-revoke": {"POST": MEMBER},
    # members may leave themselves; recording that someone else left is checked in test_views.
    "org:member-leave": {"POST": MEMBER},
    # a member's language is their own: organizers get 403 on someone else's.
    "org:member-language": {"POST": OWNER},
    "org:invitations": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:invitation-revoke": {"POST": ORGANIZER},
    "org:branches": {"GET": MEMBER, "POST": ORGANIZER},
    "org:bodies": {"GET": MEMBER},
    "org:body-create": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:body-detail": {"GET": MEMBER},
    "org:body-member-add": {"POST": ORGANIZER},
    "org:role-create": {"POST": ORGANIZER},
    "org:role-detail": {"GET": MEMBER},
    "org:role-assign": {"POST": ORGANIZER},
    "org:audit-log": {"GET": MEMBER},
    # API
    "api:auth-token": {"POST": PUBLIC},
    "api:auth-logout": {"POST": SIGNED_IN},
    "api:auth-logout-all": {"POST": SIGNED_IN},
    "api:orgs": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:invitation-accept": {"POST": PUBLIC},
    "api:org-detail": {"GET": MEMBER},
    "api:members": {"GET": MEMBER},
    "api:member-detail": {"GET": MEMBER},
    "api:organizer": {"POST": ORGANIZER, "DELETE": MEMBER},
    "api:member-leave": {"POST": MEMBER},
    "api:member-language": {"GET": OWNER, "PUT": OWNER},
    "api:branches": {"GET": MEMBER, "POST": ORGANIZER},
    "api:bodies": {"GET": MEMBER, "POST": ORGANIZER},
    "api:body-detail": {"GET": MEMBER},
    "api:body-seats": {"GET": MEMBER, "POST": ORGANIZER},
    "api:roles": {"GET": MEMBER, "POST": ORGANIZER},
    "api:role-assignments": {"GET": MEMBER, "POST": ORGANIZER},
    "api:invitations": {"GET": ORGANIZER, "POST": ORGANIZER},
    "api:invitation-revoke": {"POST": ORGANIZER},
    "api:audit-log": {"GET": MEMBER},
    "api-schema": {"GET": PUBLIC},
    "api-docs": {"GET": PUBLIC},
}

KWARGS: dict[str, list[str]] = {
    "api:auth-logout": [],
    "api:auth-logout-all": [],
    "password_reset_confirm": ["uidb64", "token"],
    "invitation-accept": ["token"],
    "org:member-detail": ["org_slug", "member_id"],
    "org:organizer-grant": ["org_slug", "member_id"],
    "org:organizer-revoke": ["org_slug", "member_id"],
    "api:member-detail": ["org_slug", "member_id"],
    "api:organizer": ["org_slug", "member_id"],
    "org:member-leave": ["org_slug", "member_id"],
    "api:member-leave": ["org_slug", "member_id"],
    "org:member-language": ["org_slug", "member_id"],
    "api:member-language": ["org_slug", "member_id"],
    "org:invitation-revoke": ["org_slug", "invitation_id"],
    "api:invitation-revoke": ["org_slug", "invitation_id"],
    "org:body-detail": ["org_slug", "body_slug"],
    "org:body-member-add": ["org_slug", "body_slug"],
    "org:role-create": ["org_slug", "body_slug"],
    "api:body-detail": ["org_slug", "body_slug"],
    "api:body-seats": ["org_slug", "body_slug"],
    "org:role-detail": ["org_slug", "role_id"],
    "org:role-assign": ["org_slug", "role_id"],
    "api:role-assignments": ["org_slug", "role_id"],
}


def kwarg_values(world) -> dict:
    return {
        "member_id": world.member.pk,
        "body_slug": world.body.slug,
        "role_id": world.role.pk,
        "invitation_id": world.invitation.pk,
        "token": world.invitation_token,
        "uidb64": "MQ",
    }

"""How the log names the codes organizations' audit events store (core/audit.py)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from orgkit.organizations.events import OrganizationEvent as E
from orgkit.organizations.models import BodyMember, RoleAssignment

VALUES = {
    E.BODY_MEMBER_ADDED: {"how": dict(BodyMember.How.choices)},
    E.ROLE_ASSIGNED: {"how": dict(RoleAssignment.How.choices)},
    E.ROLE_ENDED: {"why": {"resigned": _("resigned"), "ended": _("term ended")}},
    # Each language is named in itself ("Español"), as the language menu shows it.
    E.MEMBER_LANGUAGE_SET: {"language": dict(settings.LANGUAGES)},
}

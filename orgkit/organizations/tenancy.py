"""Resolving the organization of a request, once, for pages and API alike.

Every tenant URL carries ``org_slug``. The signed-in user must hold an active Member row in
that organization; anyone else gets a 404 — an outsider cannot even learn that an
organization exists at that address. Organizer-only routes answer members with 403.

An organization's pages (and API answers) are in the member's language
(:func:`member_language`), with times in the organization's zone.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from orgkit.organizations.models import Member


def resolve_membership(*, user, org_slug: str) -> Member:
    """Return the user's active membership in the organization at ``org_slug``, or 404."""
    if not user.is_authenticated:
        raise Http404
    member = (
        Member.objects.active()
        .select_related("organization", "user", "branch")
        .filter(organization__slug=org_slug, user=user)
        .first()
    )
    if member is None:
        raise Http404(_("No such organization."))
    return member


def attach_tenant(request, member: Member) -> None:
    request.member = member
    request.organization = member.organization


def organization_zone(organization) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(organization.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def known_language(code: str | None) -> bool:
    """Whether ``code`` is one of the languages orgkit speaks (``settings.LANGUAGES``)."""
    return bool(code) and code in dict(settings.LANGUAGES)


def organization_language(organization) -> str:
    """The organization's language: the default of its pages and emails."""
    code = organization.language
    return code if known_language(code) else settings.LANGUAGE_CODE


def member_language(member: Member) -> str:
    """The language to speak to ``member`` in — their own choice, else their organization's.

    Every app uses this for a member's pages, API answers and emails (e.g.
    ``email_enqueue_template(..., language=member_language(member))``). Load the member with
    ``select_related("organization")`` when calling it in a loop.
    """
    if known_language(member.language):
        return member.language
    return organization_language(member.organization)


def in_organization_time(moment: datetime, organization) -> datetime:
    """``moment`` as the organization's members read a clock (for emails and exports)."""
    return timezone.localtime(moment, organization_zone(organization))


class OrgPageMixin:
    """For server-rendered views under /o/<org_slug>/.

    Anonymous → login redirect; outsider → 404; member on an organizer-only view → 403.
    ``organizer_only`` may be a bool or a set of HTTP methods (e.g. {"POST"}).
    """

    organizer_only: bool | frozenset[str] = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        member = resolve_membership(user=request.user, org_slug=kwargs["org_slug"])
        attach_tenant(request, member)
        language = member_language(member)
        zone = organization_zone(member.organization)
        # Times on the organization's pages, and times typed into its forms, are in its zone;
        # its pages are in the member's language. Both are undone when the request ends.
        with translation.override(language), timezone.override(zone):
            try:
                if needs_organizer(self.organizer_only, request.method) and not member.is_organizer:
                    raise PermissionDenied(_("Only organizers can do this."))
                response = super().dispatch(request, *args, **kwargs)
            except (Http404, PermissionDenied) as exc:
                # The 403 and 404 pages of a member are in their language too.
                response = response_for_exception(request, exc)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.headers["Content-Language"] = language
        return response


def needs_organizer(organizer_only: bool | frozenset[str], method: str) -> bool:
    if isinstance(organizer_only, bool):
        return organizer_only
    return method.upper() in organizer_only

"""The API's tenancy: the base view and permission every route under
/api/v1/orgs/<org_slug>/ uses (see tenancy.py for the page side)."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, permissions

from orgkit.organizations.tenancy import (
    attach_tenant,
    member_language,
    needs_organizer,
    organization_zone,
    resolve_membership,
)


class IsOrganizerForWrites(permissions.BasePermission):
    """Members read; organizers write — unless the view says otherwise with ``organizer_only``."""

    message = _("Only organizers can do this.")

    def has_permission(self, request, view) -> bool:
        organizer_only = getattr(
            view, "organizer_only", frozenset({"POST", "PUT", "PATCH", "DELETE"})
        )
        if needs_organizer(organizer_only, request.method):
            return bool(getattr(request, "member", None) and request.member.is_organizer)
        return True


class OrgAPIMixin:
    """An organization's route, `/api/v1/orgs/{org_slug}/…`: the caller's membership is
    resolved once per request, after authentication. Without a token → 401; not a member of
    the organization → 404; a member on an organizer-only route → 403.
    """

    # drf-spectacular shows this docstring (inherited) as the description of every route
    # without its own, in Markdown: a bare <org_slug> would vanish there as an HTML tag.

    permission_classes = [permissions.IsAuthenticated, IsOrganizerForWrites]

    def dispatch(self, request, *args, **kwargs):
        # The zone and the member's language are known only after authentication (in
        # initial()); they are activated there and always undone when the request ends. The
        # response is rendered before that, so its messages are in the member's language.
        previous_language = translation.get_language()
        try:
            response = super().dispatch(request, *args, **kwargs)
            member = getattr(self.request, "member", None)
            if member is not None:
                response.headers["Content-Language"] = translation.get_language()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response
        finally:
            timezone.deactivate()
            if previous_language:
                translation.activate(previous_language)
            else:
                translation.deactivate()

    def initial(self, request, *args, **kwargs):
        self.perform_authentication(request)
        if request.user and request.user.is_authenticated:
            member = resolve_membership(user=request.user, org_slug=kwargs["org_slug"])
            attach_tenant(request, member)
            timezone.activate(organization_zone(request.organization))
            translation.activate(member_language(member))
        super().initial(request, *args, **kwargs)

    @property
    def organization(self):
        return self.request.organization


class OrgListAPI(OrgAPIMixin, generics.ListAPIView):
    """A tenant list endpoint: subclasses name their ``model`` and implement
    ``org_queryset()``, which always filters by ``self.request.organization``."""

    model: type

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no tenant
            return self.model.objects.none()
        return self.org_queryset()

    def org_queryset(self):
        raise NotImplementedError

"""The API's tenancy: the base view and permission every route under
/api/v1/orgs/<org_slug>/ uses (see tenancy.py for the page side)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import generics, permissions

from orgkit.organizations.tenancy import (
    attach_tenant,
    needs_organizer,
    organization_zone,
    resolve_membership,
)


class IsOrganizerForWrites(permissions.BasePermission):
    """Members read; organizers write — unless the view says otherwise with ``organizer_only``."""

    message = "Only organizers can do this."

    def has_permission(self, request, view) -> bool:
        organizer_only = getattr(
            view, "organizer_only", frozenset({"POST", "PUT", "PATCH", "DELETE"})
        )
        if needs_organizer(organizer_only, request.method):
            return bool(getattr(request, "member", None) and request.member.is_organizer)
        return True


class OrgAPIMixin:
    """For API views under /api/v1/orgs/<org_slug>/: resolves the member once per request,
    after authentication. Anonymous → 401/403; outsider → 404; member on organizer-only → 403.
    """

    permission_classes = [permissions.IsAuthenticated, IsOrganizerForWrites]

    def dispatch(self, request, *args, **kwargs):
        # The zone is known only after authentication (in initial()); activate it there and
        # always deactivate it when the request ends.
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            timezone.deactivate()

    def initial(self, request, *args, **kwargs):
        self.perform_authentication(request)
        if request.user and request.user.is_authenticated:
            attach_tenant(
                request, resolve_membership(user=request.user, org_slug=kwargs["org_slug"])
            )
            timezone.activate(organization_zone(request.organization))
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

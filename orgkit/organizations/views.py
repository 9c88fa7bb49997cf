"""Pages of an organization: dashboard, settings, members, invitations and the log.

Branches, bodies, seats and roles live in views_structure.py.

Each view resolves the organization through OrgPageMixin, reads through selectors and writes
through services; none holds business rules.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.audit import audit_events_for, event_areas
from orgkit.core.bounds import text_param
from orgkit.core.errors import ServiceError
from orgkit.core.forms import call_service, run_and_flash
from orgkit.core.htmx import render_page_or_fragment
from orgkit.core.keyset import keyset_page
from orgkit.organizations import selectors, services
from orgkit.organizations.dashboard import render_panels
from orgkit.organizations.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MemberLanguageForm,
    OrganizationForm,
    OrganizationSettingsForm,
)
from orgkit.organizations.tenancy import OrgPageMixin, member_language

WRITES = frozenset({"POST"})


class OrganizationCreateView(LoginRequiredMixin, View):
    @staticmethod
    def _prefix(request) -> str:
        return request.build_absolute_uri("/o/")

    def get(self, request):
        form = OrganizationForm(address_prefix=self._prefix(request))
        return render(request, "organizations/create.html", {"form": form})

    def post(self, request):
        form = OrganizationForm(request.POST, address_prefix=self._prefix(request))
        if form.is_valid():
            org = call_service(
                form, services.organization_create, creator=request.user, **form.cleaned_data
            )
            if org is not None:
                messages.success(
                    request,
                    _("%(organization)s is ready. Invite your members next.")
                    % {"organization": org.name},
                )
                return redirect("org:dashboard", org_slug=org.slug)
        return render(request, "organizations/create.html", {"form": form}, status=400)


def home(request):
    """Signed in: the organizations you belong to. Otherwise: what orgkit is."""
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    organizations = selectors.organizations_of_user(user=request.user)
    return render(request, "core/home.html", {"organizations": organizations})


class DashboardView(OrgPageMixin, View):
    def get(self, request, org_slug):
        org = request.organization
        return render(
            request,
            "organizations/dashboard.html",
            {
                "counts": selectors.dashboard_counts(organization=org),
                "my_roles": selectors.member_role_history(
                    organization=org, member=request.member
                ).filter(end__isnull=True),
                "recent_events": audit_events_for(organization=org)[:8],
                # Each capability adds its own panel (organizations/dashboard.py).
                "panels": render_panels(request),
            },
        )


class OrganizationSettingsView(OrgPageMixin, View):
    organizer_only = True

    def get(self, request, org_slug):
        org = request.organization
        form = OrganizationSettingsForm(
            current_timezone=org.timezone,
            initial={
                "name": org.name,
                "timezone_name": org.timezone,
                "language": org.language,
                "description": org.description,
            },
        )
        return render(request, "organizations/settings.html", {"form": form})

    def post(self, request, org_slug):
        form = OrganizationSettingsForm(
            request.POST, current_timezone=request.organization.timezone
        )
        if form.is_valid() and call_service(
            form, services.organization_update, actor=request.member, **form.cleaned_data
        ):
            messages.success(request, _("Settings saved."))
            return redirect("org:settings", org_slug=org_slug)
        return render(request, "organizations/settings.html", {"form": form}, status=400)


class MemberListView(OrgPageMixin, View):
    """The member list; an htmx search swaps in only the table."""

    def get(self, request, org_slug):
        org = request.organization
        search = text_param(request.GET.get("q"), max_length=100)
        branch = text_param(request.GET.get("branch"), max_length=60)
        members = selectors.member_list(organization=org, search=search, branch_slug=branch)
        page = Paginator(members, 200).get_page(request.GET.get("page"))
        return render_page_or_fragment(
            request,
            page="organizations/member_list.html",
            fragment="organizations/_member_table.html",
            context={
                "page": page,
                "search": search,
                "branch": branch,
                "branches": selectors.branch_list(organization=org),
            },
        )


def _member_or_404(request, member_id):
    member = selectors.member_get(organization=request.organization, member_id=member_id)
    if member is None:
        raise Http404
    return member


class MemberDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, member_id):
        member = _member_or_404(request, member_id)
        return self._render(request, member)

    @staticmethod
    def _render(request, member, language_form=None, status=200):
        if language_form is None and member.pk == request.member.pk:
            language_form = MemberLanguageForm(
                organization=request.organization, initial={"language": member.language}
            )
        return render(
            request,
            "organizations/member_detail.html",
            {
                "member": member,
                "history": selectors.member_role_history(
                    organization=request.organization, member=member
                ),
                "language_form": language_form,
            },
            status=status,
        )


class MemberLanguageView(OrgPageMixin, View):
    """A member chooses the language of their pages and emails (their own only)."""

    def post(self, request, org_slug, member_id):
        member = _member_or_404(request, member_id)
        if member.pk != request.member.pk:
            raise PermissionDenied(_("Members choose their own language."))
        form = MemberLanguageForm(request.POST, organization=request.organization)
        if form.is_valid() and call_service(
            form,
            services.member_set_language,
            actor=request.member,
            member=member,
            language=form.cleaned_data["language"],
        ):
            # Said in the language just chosen.
            with translation.override(member_language(member)):
                messages.success(request, _("Language saved."))
            return redirect("org:member-detail", org_slug=org_slug, member_id=member.pk)
        return MemberDetailView._render(request, member, language_form=form, status=400)


class OrganizerGrantView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, member_id):
        member = _member_or_404(request, member_id)
        run_and_flash(
            request,
            services.member_grant_organizer,
            actor=request.member,
            member=member,
            success=_("%(name)s is now an organizer.") % {"name": member.display_name},
        )
        return redirect("org:member-detail", org_slug=org_slug, member_id=member.pk)


class OrganizerRevokeView(OrgPageMixin, View):
    """Revoke someone's organizer role — or step down yourself (any organizer may)."""

    def post(self, request, org_slug, member_id):
        member = _member_or_404(request, member_id)
        if member.pk != request.member.pk and not request.member.is_organizer:
            raise PermissionDenied(_("Only organizers can do this."))
        stepping_down = member.pk == request.member.pk
        run_and_flash(
            request,
            services.member_revoke_organizer,
            actor=request.member,
            member=member,
            success=_("You stepped down as organizer.")
            if stepping_down
            else _("%(name)s is no longer an organizer.") % {"name": member.display_name},
        )
        return redirect("org:member-detail", org_slug=org_slug, member_id=member.pk)


class MemberLeaveView(OrgPageMixin, View):
    """A member leaves the organization, or an organizer records that someone left. History
    (roles held, seats, the log) stays."""

    def post(self, request, org_slug, member_id):
        member = _member_or_404(request, member_id)
        leaving_myself = member.pk == request.member.pk
        if not leaving_myself and not request.member.is_organizer:
            raise PermissionDenied(_("Only organizers can record that someone else left."))
        done = run_and_flash(
            request,
            services.member_leave,
            actor=request.member,
            member=member,
            success=_("You left %(organization)s.") % {"organization": request.organization.name}
            if leaving_myself
            else _("%(name)s is recorded as having left.") % {"name": member.display_name},
        )
        if done is not None and leaving_myself:
            return redirect("home")
        return redirect("org:member-detail", org_slug=org_slug, member_id=member.pk)


class InvitationListView(OrgPageMixin, View):
    organizer_only = True

    def _render(self, request, form, status=200):
        invitations = selectors.invitation_list(organization=request.organization)[:200]
        return render(
            request,
            "organizations/invitations.html",
            {
                "form": form,
                "invitations": invitations,
                "invitation_days": settings.ORGKIT_INVITATION_DAYS,
            },
            status=status,
        )

    def get(self, request, org_slug):
        return self._render(request, InvitationForm(organization=request.organization))

    def post(self, request, org_slug):
        form = InvitationForm(request.POST, organization=request.organization)
        if form.is_valid():
            created = call_service(
                form, services.invitation_create, actor=request.member, **form.cleaned_data
            )
            if created is not None:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": created[0].email}
                )
                return redirect("org:invitations", org_slug=org_slug)
        return self._render(request, form, status=400)


class InvitationRevokeView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, invitation_id):
        invitation = (
            selectors.invitation_list(organization=request.organization)
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            raise Http404
        run_and_flash(
            request,
            services.invitation_revoke,
            actor=request.member,
            invitation=invitation,
            success=_("The invitation for %(email)s was withdrawn.") % {"email": invitation.email},
        )
        return redirect("org:invitations", org_slug=org_slug)


class InvitationAcceptView(View):
    """The link in an invitation email. Signed in: join with this account. Otherwise: create an
    account for the invited address (or sign in first if one exists)."""

    def _context(self, request, token):
        try:
            invitation = services.invitation_by_token(token=token)
        except ServiceError as exc:
            return None, exc.message
        return invitation, ""

    def get(self, request, token):
        invitation, problem = self._context(request, token)
        return render(
            request,
            "organizations/invitation_accept.html",
            {
                "invitation": invitation,
                "problem": problem,
                "form": AcceptInvitationForm(
                    initial={"full_name": invitation.full_name if invitation else ""}
                ),
            },
            status=200 if invitation else 410,
        )

    def post(self, request, token):
        invitation, problem = self._context(request, token)
        if invitation is None:
            return render(
                request, "organizations/invitation_accept.html", {"problem": problem}, status=410
            )
        if request.user.is_authenticated:
            try:
                member = services.invitation_accept(token=token, user=request.user)
            except ServiceError as exc:
                return render(
                    request,
                    "organizations/invitation_accept.html",
                    {"invitation": invitation, "problem": exc.message},
                    status=400,
                )
            return self._welcome(request, member)
        form = AcceptInvitationForm(request.POST)
        member = None
        if form.is_valid():
            member = call_service(
                form, services.invitation_accept, token=token, **form.cleaned_data
            )
            if member is not None:
                login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
        if member is not None:
            return self._welcome(request, member)
        return render(
            request,
            "organizations/invitation_accept.html",
            {"invitation": invitation, "form": form},
            status=400,
        )

    @staticmethod
    def _welcome(request, member):
        with translation.override(member_language(member)):
            messages.success(
                request,
                _("Welcome to %(organization)s!") % {"organization": member.organization.name},
            )
        return redirect("org:dashboard", org_slug=member.organization.slug)


class AuditLogView(OrgPageMixin, View):
    def get(self, request, org_slug):
        events = audit_events_for(
            organization=request.organization,
            verb_prefix=text_param(request.GET.get("verb"), max_length=100),
        )
        # Keyset paging: a numbered page would count the organization's every event first.
        page = keyset_page(
            events, older=request.GET.get("older"), newer=request.GET.get("newer"), size=50
        )
        return render(
            request, "organizations/audit_log.html", {"page": page, "areas": event_areas()}
        )

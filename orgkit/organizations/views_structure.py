"""Pages for an organization's structure: branches, the body tree, seats and roles."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import row_id
from orgkit.core.forms import call_service
from orgkit.organizations import selectors, services
from orgkit.organizations.forms import (
    BodyForm,
    BodyMemberForm,
    BranchForm,
    RoleAssignForm,
    RoleForm,
)
from orgkit.organizations.tenancy import OrgPageMixin

WRITES = frozenset({"POST"})


class BranchListView(OrgPageMixin, View):
    organizer_only = WRITES

    def _render(self, request, form, status=200):
        return render(
            request,
            "organizations/branches.html",
            {"branches": selectors.branch_list(organization=request.organization), "form": form},
            status=status,
        )

    def get(self, request, org_slug):
        return self._render(request, BranchForm())

    def post(self, request, org_slug):
        form = BranchForm(request.POST)
        if form.is_valid() and call_service(
            form, services.branch_create, actor=request.member, **form.cleaned_data
        ):
            messages.success(request, _("Branch added."))
            return redirect("org:branches", org_slug=org_slug)
        return self._render(request, form, status=400)


class BodyTreeView(OrgPageMixin, View):
    def get(self, request, org_slug):
        roots = selectors.body_tree(organization=request.organization)
        return render(
            request, "organizations/body_tree.html", {"nodes": selectors.flatten_tree(roots)}
        )


class BodyCreateView(OrgPageMixin, View):
    organizer_only = True

    def get(self, request, org_slug):
        initial = (
            {"parent": row_id(request.GET.get("parent"))}
            if row_id(request.GET.get("parent"))
            else {}
        )
        return render(
            request,
            "organizations/body_form.html",
            {"form": BodyForm(organization=request.organization, initial=initial)},
        )

    def post(self, request, org_slug):
        form = BodyForm(request.POST, organization=request.organization)
        if form.is_valid():
            body = call_service(
                form, services.body_create, actor=request.member, **form.cleaned_data
            )
            if body is not None:
                messages.success(request, _("%(body)s added.") % {"body": body.name})
                return redirect("org:body-detail", org_slug=org_slug, body_slug=body.slug)
        return render(request, "organizations/body_form.html", {"form": form}, status=400)


def _body_or_404(request, body_slug):
    body = selectors.body_get(organization=request.organization, body_slug=body_slug)
    if body is None:
        raise Http404
    return body


class BodyDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, body_slug):
        org = request.organization
        body = _body_or_404(request, body_slug)
        today = timezone.localdate()
        return render(
            request,
            "organizations/body_detail.html",
            {
                "body": body,
                "children": body.children.all(),
                # An assembly of the whole organization has every member: a page at a time.
                "page": Paginator(
                    selectors.body_members_on(organization=org, body=body, on=today).order_by(
                        "user__full_name", "pk"
                    ),
                    200,
                ).get_page(request.GET.get("page")),
                "seats": selectors.body_seats(organization=org, body=body)[:200],
                "roles": selectors.body_roles(organization=org, body=body),
                "seat_form": BodyMemberForm(organization=org)
                if request.member.is_organizer
                else None,
                "role_form": RoleForm() if request.member.is_organizer else None,
            },
        )


class BodyMemberAddView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, body_slug):
        body = _body_or_404(request, body_slug)
        form = BodyMemberForm(request.POST, organization=request.organization)
        if form.is_valid() and call_service(
            form, services.body_member_add, actor=request.member, body=body, **form.cleaned_data
        ):
            messages.success(
                request,
                _("%(name)s added to %(body)s.")
                % {"name": form.cleaned_data["member"].display_name, "body": body.name},
            )
        else:
            messages.error(
                request,
                _("Could not add the member: %(reasons)s")
                % {"reasons": "; ".join(str(e) for errors in form.errors.values() for e in errors)},
            )
        return redirect("org:body-detail", org_slug=org_slug, body_slug=body.slug)


class RoleCreateView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, body_slug):
        body = _body_or_404(request, body_slug)
        form = RoleForm(request.POST)
        role = None
        if form.is_valid():
            role = call_service(
                form, services.role_create, actor=request.member, body=body, **form.cleaned_data
            )
        if role is None:
            messages.error(
                request,
                _("Could not add the role: %(reasons)s")
                % {"reasons": "; ".join(str(e) for errors in form.errors.values() for e in errors)},
            )
            return redirect("org:body-detail", org_slug=org_slug, body_slug=body.slug)
        messages.success(request, _("Role “%(role)s” added.") % {"role": role.name})
        return redirect("org:role-detail", org_slug=org_slug, role_id=role.pk)


def _role_or_404(request, role_id):
    role = selectors.role_get(organization=request.organization, role_id=role_id)
    if role is None:
        raise Http404
    return role


class RoleDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, role_id):
        org = request.organization
        role = _role_or_404(request, role_id)
        return render(
            request,
            "organizations/role_detail.html",
            {
                "role": role,
                "history": selectors.role_history(organization=org, role=role),
                "form": RoleAssignForm(organization=org) if request.member.is_organizer else None,
            },
        )


class RoleAssignView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, role_id):
        org = request.organization
        role = _role_or_404(request, role_id)
        form = RoleAssignForm(request.POST, organization=org)
        if form.is_valid() and call_service(
            form, services.role_assign, actor=request.member, role=role, **form.cleaned_data
        ):
            messages.success(
                request,
                _("%(name)s now holds %(role)s.")
                % {"name": form.cleaned_data["member"].display_name, "role": role.name},
            )
            return redirect("org:role-detail", org_slug=org_slug, role_id=role.pk)
        return render(
            request,
            "organizations/role_detail.html",
            {
                "role": role,
                "history": selectors.role_history(organization=org, role=role),
                "form": form,
            },
            status=400,
        )

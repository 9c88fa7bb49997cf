"""Inviting many members at once (paste or upload, preview, per-row problems, then all or
nobody), and the organizer's CSV export of the member list.

The preview carries the list's text in the form, with a hash of what was checked: "invite"
only goes ahead on exactly the rows the organizer saw (and the service checks them again
inside its transaction).
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from orgkit.core.csv_export import csv_download, safe_row
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations import selectors, services
from orgkit.organizations.forms import BulkInvitationForm
from orgkit.organizations.invite_csv import MAX_BYTES, MAX_ROWS
from orgkit.organizations.services.bulk_invitations import row_problem_words
from orgkit.organizations.tenancy import OrgPageMixin

TEMPLATE = "organizations/invitations_bulk.html"


def _digest(text: str) -> str:
    # Browsers send a textarea's line breaks as CRLF whatever they were shown with.
    same = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(same.encode("utf-8", "surrogatepass")).hexdigest()


def _preview_rows(plan) -> list[dict]:
    return [
        {
            "line": row.line,
            "name": row.name,
            "email": row.email,
            "branch": row.branch,
            "problems": row_problem_words(row),
        }
        for row in plan.rows
    ]


class InvitationBulkView(OrgPageMixin, View):
    organizer_only = True

    def _render(self, request, form, plan=None, status=200):
        return render(
            request,
            TEMPLATE,
            {
                "form": form,
                "plan": plan,
                "rows": _preview_rows(plan) if plan else [],
                "good": len(plan.good) if plan else 0,
                "bad": len(plan.bad) if plan else 0,
                "max_rows": MAX_ROWS,
                "max_kb": MAX_BYTES // 1000,
            },
            status=status,
        )

    def get(self, request, org_slug):
        return self._render(request, BulkInvitationForm())

    def _text(self, form) -> str | None:
        upload = form.cleaned_data.get("file")
        if not upload:
            return form.cleaned_data["text"]
        try:
            return services.invitation_list_text(data=upload.read(MAX_BYTES + 1))
        except ServiceError as exc:
            form.add_error("file", exc.message)
            return None

    def _preview(self, request, text, *, note=None):
        """Check the list and show it back, editable, with each row's problems."""
        form = BulkInvitationForm(initial={"text": text, "checked": _digest(text)})
        try:
            plan = services.invitations_bulk_check(actor=request.member, text=text)
        except NotAllowed:
            raise
        except ServiceError as exc:
            form = BulkInvitationForm({"text": text})
            form.is_valid()
            form.add_error("text", exc.message)
            return self._render(request, form, status=400)
        if note:
            messages.warning(request, note)
        return self._render(request, form, plan)

    def post(self, request, org_slug):
        form = BulkInvitationForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        text = self._text(form)
        if text is None:
            return self._render(request, form, status=400)
        action = request.POST.get("action", "preview")
        if action not in ("invite", "invite_good"):
            return self._preview(request, text)
        if form.cleaned_data.get("file") or form.cleaned_data["checked"] != _digest(text):
            # Invite only what was checked and shown.
            return self._preview(request, text, note=_("The list changed: check it again."))
        return self._invite(request, text, drop_bad_rows=action == "invite_good")

    def _invite(self, request, text, *, drop_bad_rows):
        try:
            _plan, invitations = services.invitations_bulk_create(
                actor=request.member, text=text, drop_bad_rows=drop_bad_rows
            )
        except services.BulkInvitationRefused as refused:
            form = BulkInvitationForm(initial={"text": text, "checked": _digest(text)})
            messages.error(request, refused.message)
            return self._render(request, form, refused.plan, status=400)
        except NotAllowed:
            raise
        except ServiceError as exc:
            return self._preview(request, text, note=exc.message)
        count = len(invitations)
        messages.success(
            request,
            ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", count)
            % {"count": count},
        )
        return redirect("org:invitations", org_slug=request.organization.slug)


class MemberExportView(OrgPageMixin, View):
    """The member list as CSV: name, email, branch, role, joined (organizers only)."""

    organizer_only = True

    def get(self, request, org_slug):
        org = request.organization
        response, out = csv_download(f"{org.slug}-members.csv")
        out.writerow([_("name"), _("email"), _("branch"), _("role"), _("joined")])
        for member in selectors.member_list(organization=org):
            roles = "; ".join(f"{a.role.name} ({a.role.body.name})" for a in member.current_roles)
            organizer = _("organizer") if member.is_organizer else ""
            out.writerow(
                safe_row(
                    [
                        member.user.full_name,
                        member.user.email,
                        member.branch.name if member.branch else "",
                        "; ".join(part for part in (organizer, roles) if part),
                        member.joined_on.isoformat(),
                    ]
                )
            )
        return response

"""Congress delegates: apportion seats among branches, and seat the winners."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from orgkit.core.errors import ServiceError
from orgkit.core.forms import call_service
from orgkit.elections import selectors, services
from orgkit.elections.forms import ApportionmentForm, SeatDelegatesForm
from orgkit.elections.wording import method_title
from orgkit.organizations.tenancy import OrgPageMixin


class ApportionView(OrgPageMixin, View):
    """Organizers share a congress's seats among branches and create the branch elections.
    The current membership per branch is shown beside the form."""

    organizer_only = True

    def _render(self, request, form, status=200):
        counts = services.branch_membership(
            organization=request.organization, on=timezone.localdate()
        )
        return render(
            request, "elections/apportion.html", {"form": form, "counts": counts}, status=status
        )

    def get(self, request, org_slug):
        form = ApportionmentForm(
            organization=request.organization, initial={"snapshot_date": timezone.localdate()}
        )
        return self._render(request, form)

    def post(self, request, org_slug):
        form = ApportionmentForm(request.POST, organization=request.organization)
        if form.is_valid():
            record = call_service(
                form, services.apportionment_create, actor=request.member, **form.cleaned_data
            )
            if record is not None:
                messages.success(
                    request,
                    _("Seats shared; one delegate election per branch is set up in draft."),
                )
                return redirect(
                    "elections:apportionment", org_slug=org_slug, apportionment_id=record.pk
                )
        return self._render(request, form, status=400)


class ApportionmentDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, apportionment_id):
        record = selectors.apportionment_get(
            organization=request.organization, apportionment_id=apportionment_id
        )
        if record is None:
            raise Http404
        methods = record.table["methods"]
        branches = list(record.table["votes"])
        rows = [
            {
                "branch": b,
                "members": record.table["votes"][b],
                "seats": [methods[m]["seats"].get(b, 0) for m in methods],
            }
            for b in branches
        ]
        titles = [(m, method_title(m, methods[m]["method_title"])) for m in methods]
        return render(
            request,
            "elections/apportionment.html",
            {
                "record": record,
                "rows": rows,
                "titles": titles,
                "elections": record.elections.select_related("body").order_by("title"),
            },
        )


class SeatDelegatesView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = selectors.election_get(
            organization=request.organization, election_id=election_id
        )
        if election is None:
            raise Http404
        form = SeatDelegatesForm(request.POST)
        end = form.cleaned_data.get("end") if form.is_valid() else None
        try:
            seats = services.election_seat_delegates(
                actor=request.member, election=election, end=end
            )
        except ServiceError as exc:
            if exc.code == "not_allowed":
                raise PermissionDenied(exc.message) from None
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s delegate seated on %(body)s.",
                    "%(count)s delegates seated on %(body)s.",
                    len(seats),
                )
                % {"count": len(seats), "body": election.seat_body.name},
            )
        return redirect("elections:results", org_slug=org_slug, election_id=election.pk)

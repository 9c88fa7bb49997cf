"""Checks on an election: protests (lodged by members after the results, answered by
organizers), observers named by candidates, and the election's own log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.audit import describe_event
from orgkit.core.errors import ServiceError
from orgkit.elections import selectors, services
from orgkit.organizations.tenancy import OrgPageMixin


def _run(request, service, *, success: str, **kwargs) -> None:
    try:
        service(**kwargs)
    except ServiceError as exc:
        if exc.code == "not_allowed":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


class ProtestLodgeView(OrgPageMixin, View):
    def post(self, request, org_slug, election_id):
        election = selectors.election_get(
            organization=request.organization, election_id=election_id
        )
        if election is None:
            raise Http404
        _run(
            request,
            services.protest_lodge,
            actor=request.member,
            election=election,
            text=request.POST.get("text", "")[:20_000],
            success=_(
                "Your protest is on the record; an organizer's answer will appear beside it."
            ),
        )
        return redirect("elections:results", org_slug=org_slug, election_id=election.pk)


class ProtestAnswerView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, election_id, protest_id):
        election = selectors.election_get(
            organization=request.organization, election_id=election_id
        )
        protest = (
            selectors.protest_list(organization=request.organization, election=election)
            .filter(pk=protest_id)
            .first()
            if election
            else None
        )
        if protest is None:
            raise Http404
        _run(
            request,
            services.protest_answer,
            actor=request.member,
            protest=protest,
            answer=request.POST.get("answer", "")[:20_000],
            success=_("The answer is on the record."),
        )
        return redirect("elections:results", org_slug=org_slug, election_id=election.pk)


class ObserverAddView(OrgPageMixin, View):
    """A candidate names an observer."""

    def post(self, request, org_slug, election_id, candidate_id):
        org = request.organization
        election = selectors.election_get(organization=org, election_id=election_id)
        candidate = (
            selectors.candidate_get(organization=org, election=election, candidate_id=candidate_id)
            if election
            else None
        )
        if candidate is None:
            raise Http404
        raw = request.POST.get("member", "")
        member = (
            selectors.active_members(organization=org).filter(pk=raw).first()
            if raw.isdigit()
            else None
        )
        if member is None:
            messages.error(request, _("Choose a member to observe."))
        else:
            _run(
                request,
                services.observer_name,
                actor=request.member,
                candidate=candidate,
                member=member,
                success=_("%(name)s will observe the count.") % {"name": member.display_name},
            )
        return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)


class ElectionLogView(OrgPageMixin, View):
    """The election's own log: every step, nomination, notice and protest — never a ballot."""

    def get(self, request, org_slug, election_id):
        org = request.organization
        election = selectors.election_get(organization=org, election_id=election_id)
        if election is None:
            raise Http404
        return render(
            request,
            "elections/log.html",
            {
                "election": election,
                "events": [
                    (event, describe_event(event))
                    for event in selectors.election_log(organization=org, election=election)[:500]
                ],
                "observers": selectors.observer_list(organization=org, election=election),
            },
        )

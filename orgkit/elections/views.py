"""Election pages: list, set-up, detail with nominations, the ballot, results and checks.

Each view resolves the organization through OrgPageMixin, reads through selectors and writes
through services; none holds business rules.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import text_param
from orgkit.core.forms import call_service, run_and_flash
from orgkit.elections import selectors, services
from orgkit.elections.ballot_order import shuffled_for_voter
from orgkit.elections.counting.blt import write_blt
from orgkit.elections.counting.csvballots import write_csv
from orgkit.elections.forms import (
    ElectionEditForm,
    ElectionForm,
    MoveForm,
    NominationForm,
    RankedBallotForm,
    ReceiptLookupForm,
    SlateBallotForm,
)
from orgkit.elections.lifecycle import TRANSITIONS
from orgkit.elections.models import Election
from orgkit.elections.presentation import (
    ranked_comparison,
    rounds_chart,
    slate_rows,
    stage_table,
)
from orgkit.elections.views_import import imported_detail, imported_results_context
from orgkit.elections.wording import (
    branch_name,
    chart_words,
    slate_name,
    translate_stage_table,
    translate_systems,
)
from orgkit.organizations.tenancy import OrgPageMixin

AFTER_CLOSE = {Election.State.CLOSED, Election.State.COUNTED, Election.State.PUBLISHED}
MOVES = {
    Election.State.NOMINATIONS: services.election_open_nominations,
    Election.State.VOTING: services.election_open_voting,
    Election.State.CLOSED: services.election_close,
}


def _election_or_404(request, election_id) -> Election:
    election = selectors.election_get(organization=request.organization, election_id=election_id)
    if election is None:
        raise Http404
    return election


class ElectionListView(OrgPageMixin, View):
    def get(self, request, org_slug):
        org = request.organization
        return render(
            request,
            "elections/list.html",
            {
                "elections": selectors.election_list(organization=org)[:200],
                "apportionments": selectors.apportionment_list(organization=org)[:50],
            },
        )


class ElectionCreateView(OrgPageMixin, View):
    organizer_only = True

    def get(self, request, org_slug):
        form = ElectionForm(organization=request.organization)
        return render(request, "elections/create.html", {"form": form})

    def post(self, request, org_slug):
        form = ElectionForm(request.POST, organization=request.organization)
        if form.is_valid():
            election = call_service(
                form, services.election_create, actor=request.member, **form.cleaned_data
            )
            if election is not None:
                messages.success(
                    request, _("“%(title)s” is set up, in draft.") % {"title": election.title}
                )
                return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)
        return render(request, "elections/create.html", {"form": form}, status=400)


class ElectionEditView(OrgPageMixin, View):
    """Change a draft's settings (organizers)."""

    organizer_only = True

    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        initial = {name: getattr(election, name) for name in services.EDITABLE_IN_DRAFT}
        form = ElectionEditForm(organization=request.organization, initial=initial)
        return render(request, "elections/edit.html", {"election": election, "form": form})

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        form = ElectionEditForm(request.POST, organization=request.organization)
        if form.is_valid() and call_service(
            form,
            services.election_update,
            actor=request.member,
            election=election,
            **form.cleaned_data,
        ):
            messages.success(request, _("Settings saved."))
            return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)
        return render(
            request, "elections/edit.html", {"election": election, "form": form}, status=400
        )


class ElectionDetailView(OrgPageMixin, View):
    def _render(self, request, election, nomination_form=None, status=200):
        org = request.organization
        candidates = list(selectors.candidate_list(organization=org, election=election))
        return render(
            request,
            "elections/detail.html",
            {
                "election": election,
                "candidates": candidates,
                "events": election.events.select_related("actor__user"),
                "my_roll": selectors.roll_entry(
                    organization=org, election=election, member=request.member
                ),
                "nomination_form": nomination_form
                or NominationForm(organization=org, initial={"member": request.member.pk}),
                "moves": [s for s in MOVES if (election.state, s) in TRANSITIONS],
                "can_cancel": (election.state, Election.State.CANCELLED) in TRANSITIONS,
                "cancelled_because": election.events.filter(to_state=Election.State.CANCELLED)
                .values_list("note", flat=True)
                .first()
                if election.state == Election.State.CANCELLED
                else "",
                "stuck": election.state == Election.State.NOMINATIONS
                and timezone.now() >= election.voting_closes_at,
                # Only candidates see the observer form; members are listed once per page.
                "observer_choices": selectors.active_members(organization=org)
                if any(c.member_id == request.member.pk for c in candidates)
                else [],
            },
            status=status,
        )

    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        if election.imported:
            return imported_detail(request, election)
        return self._render(request, election)


class ElectionMoveView(OrgPageMixin, View):
    """Organizers open nominations, open voting, close voting (counting follows by itself)."""

    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        form = MoveForm(request.POST)
        if not form.is_valid() or form.cleaned_data["to"] not in MOVES:
            messages.error(
                request, _("Choose a step: open nominations, open voting or close voting.")
            )
        else:
            to = form.cleaned_data["to"]
            # The chair's reason for closing a vote held in a meeting early.
            extra = {"reason": request.POST.get("reason", "")[:300]} if to == "closed" else {}
            run_and_flash(
                request,
                MOVES[to],
                actor=request.member,
                election=election,
                **extra,
                success=_("Done: the election is now %(state)s.")
                % {"state": Election.State(to).label},
            )
        return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)


class ElectionCancelView(OrgPageMixin, View):
    """Organizers call off an election that has not closed, saying why."""

    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        run_and_flash(
            request,
            services.election_cancel,
            actor=request.member,
            election=election,
            reason=request.POST.get("reason", "")[:2000],
            success=_("The election is cancelled; the reason is on its record."),
        )
        return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)


class NoticeView(OrgPageMixin, View):
    """Organizers send the election notice to every eligible member, once."""

    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        run_and_flash(
            request,
            services.election_send_notice,
            actor=request.member,
            election=election,
            success=_("The election notice is on its way to every eligible member."),
        )
        return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)


class NominateView(OrgPageMixin, View):
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        form = NominationForm(request.POST, organization=request.organization)
        if form.is_valid():
            candidate = call_service(
                form,
                services.candidate_nominate,
                actor=request.member,
                election=election,
                **form.cleaned_data,
            )
            if candidate is not None:
                messages.success(
                    request, _("%(name)s is nominated.") % {"name": candidate.member.display_name}
                )
                return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)
        return ElectionDetailView()._render(request, election, nomination_form=form, status=400)


class CandidateActionView(OrgPageMixin, View):
    """Second a nomination, or withdraw one (the candidate, or an organizer)."""

    action = "second"

    def post(self, request, org_slug, election_id, candidate_id):
        org = request.organization
        election = _election_or_404(request, election_id)
        candidate = selectors.candidate_get(
            organization=org, election=election, candidate_id=candidate_id
        )
        if candidate is None:
            raise Http404
        name = {"name": candidate.member.display_name}
        if self.action == "consent":
            run_and_flash(
                request,
                services.candidate_consent,
                actor=request.member,
                candidate=candidate,
                success=_("You agreed to stand."),
            )
        elif self.action == "second":
            run_and_flash(
                request,
                services.candidate_second,
                actor=request.member,
                candidate=candidate,
                success=_("You seconded %(name)s.") % name,
            )
        else:
            run_and_flash(
                request,
                services.candidate_withdraw,
                actor=request.member,
                candidate=candidate,
                success=_("%(name)s has withdrawn.") % name,
            )
        return redirect("elections:detail", org_slug=org_slug, election_id=election.pk)


class BallotView(OrgPageMixin, View):
    """The ballot. A successful vote answers with the receipt code, shown this once."""

    def _form(self, request, election, data=None):
        self.paper = services.ballot_paper(election=election)
        choices = self.paper.choices
        if election.ballot_order == Election.BallotOrder.SHUFFLED and election.seed:
            order = shuffled_for_voter(
                choices, election_seed=election.seed, voter_key=str(request.member.pk)
            )
            choices = {pk: choices[pk] for pk in order}
        if election.is_ranked:
            return RankedBallotForm(data, choices=choices, slates=self.paper.slates)
        return SlateBallotForm(data, choices=choices)

    def _render(self, request, election, form, status=200):
        roll = selectors.roll_entry(
            organization=request.organization, election=election, member=request.member
        )
        candidates = selectors.candidate_list(
            organization=request.organization, election=election
        ).filter(on_ballot=True, status="standing")
        return render(
            request,
            "elections/ballot.html",
            {"election": election, "form": form, "roll": roll, "candidates": candidates},
            status=status,
        )

    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        return self._render(request, election, self._form(request, election))

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        form = self._form(request, election, request.POST)
        step = request.POST.get("step", "cast")
        if step == "change":  # back from the review, the choices kept
            return self._render(request, election, form)
        if form.is_valid() and step == "review":
            # Nothing is cast yet: the voter sees their choices in order, then casts or changes.
            return render(
                request,
                "elections/ballot_review.html",
                {"election": election, "form": form, "chosen": self._chosen(form)},
            )
        if form.is_valid():
            code = call_service(
                form,
                services.ballot_cast,
                voter=request.member,
                election=election,
                ranking=form.cleaned_data["ranking"],
                paper=self.paper,
            )
            if code is not None:
                return render(
                    request, "elections/receipt.html", {"election": election, "code": code}
                )
        return self._render(request, election, form, status=400)

    def _chosen(self, form) -> list[str]:
        """The names in the order the voter ranked them (a slate ballot: the one slate)."""
        return [form.names[pk] for pk in form.cleaned_data["ranking"]]


class ResultsView(OrgPageMixin, View):
    def get(self, request, org_slug, election_id):
        org = request.organization
        election = _election_or_404(request, election_id)
        result = selectors.election_result(organization=org, election=election)
        deadline = services.protest_deadline(election=election)
        context = {
            "election": election,
            "result": result,
            "protests": selectors.protest_list(organization=org, election=election),
            "protest_deadline": deadline,
            # Past the deadline the form would only be refused: offer it only while it counts.
            "protests_open": deadline is not None and timezone.now() <= deadline,
        }
        if result is not None and election.imported:
            context.update(imported_results_context(request, election, result))
            context.update(result_context(context["shown"].data))
        elif result is not None:
            context.update(result_context(result.data))
            if election.secrecy == Election.Secrecy.OPEN:
                context["roll_calls"] = _roll_calls(org, election, result.data)
        return render(request, "elections/results.html", context)


def result_context(data: dict) -> dict:
    """The results page's tables and chart from a stored result, in the reader's language."""
    context = {
        "data": data,
        "turnout": [
            {**row, "branch": branch_name(row["branch"])} for row in data["turnout"]["by_branch"]
        ],
    }
    if data["kind"] == "ranked":
        context["table"] = translate_stage_table(stage_table(data["stv"]))
        context["chart"] = rounds_chart(data["stv"], words=chart_words())
        context["comparison"] = translate_systems(ranked_comparison(data))
        slates = data.get("slates")
        if slates:
            context.update(_slate_context(slates["systems"], slates["slate_votes"]))
    else:
        context.update(_slate_context(data["systems"], data["slate_votes"]))
    return context


def _slate_context(systems: list[dict], slate_votes: dict) -> dict:
    names, rows = slate_rows(systems, slate_votes)
    return {
        "slate_names": [slate_name(name) for name in names],
        "slate_rows": translate_systems(rows),
        "slate_votes": slate_votes,
    }


def _roll_calls(org, election: Election, data: dict) -> list[tuple[str, list[str]]]:
    """Open (roll-call) elections: each member's name and their choices, in order."""
    names = (
        {c["id"]: c["name"] for c in data.get("candidates", [])}
        if election.is_ranked
        else dict(election.slates.values_list("pk", "name"))
    )
    return [
        (vote.member.display_name, [names.get(pk, "?") for pk in vote.ranking])
        for vote in selectors.roll_calls(organization=org, election=election)
    ]


class ReceiptsView(OrgPageMixin, View):
    """The sorted list of receipt codes, with a lookup: was my ballot counted?"""

    def get(self, request, org_slug, election_id):
        org = request.organization
        election = _election_or_404(request, election_id)
        codes = (
            selectors.receipt_codes(organization=org, election=election)
            if (election.state in AFTER_CLOSE)
            else []
        )
        form = ReceiptLookupForm(request.GET or None)
        found = None
        if form.is_bound and form.is_valid():
            found = form.cleaned_data["code"].strip().upper() in set(codes)
        return render(
            request,
            "elections/receipts.html",
            {"election": election, "codes": codes, "form": form, "found": found},
        )


class WhoVotedView(OrgPageMixin, View):
    """After close: who voted (yes or no), never how."""

    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        search = text_param(request.GET.get("q"), max_length=100)
        context = {"election": election, "search": search, "page": None}
        if election.state in AFTER_CLOSE:
            entries = selectors.who_voted(organization=request.organization, election=election)
            context["turnout"] = selectors.roll_turnout(entries)
            if search:
                entries = entries.filter(member__user__full_name__icontains=search)
            # A roll of thousands is read a page at a time, and searched by name.
            entries = entries.order_by("member__user__full_name", "pk")
            context["page"] = Paginator(entries, 100).get_page(request.GET.get("page"))
        return render(request, "elections/who_voted.html", context)


class BallotsDownloadView(OrgPageMixin, View):
    """Anonymised ballots, grouped by ranking and sorted, as .blt or CSV — after the count."""

    def get(self, request, org_slug, election_id, fmt):
        election = _election_or_404(request, election_id)
        if fmt not in ("blt", "csv"):
            raise Http404
        if election.state != Election.State.PUBLISHED:
            messages.error(request, _("The ballots are published with the results."))
            return redirect("elections:results", org_slug=org_slug, election_id=election.pk)
        ballots = selectors.published_ballots(organization=request.organization, election=election)
        body = write_blt(ballots) if fmt == "blt" else write_csv(ballots, weights=True)
        response = HttpResponse(
            body,
            content_type="text/plain; charset=utf-8" if fmt == "blt" else "text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="election-{election.pk}-ballots.{fmt}"'
        )
        return response


class RecountView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        run_and_flash(
            request,
            services.election_recount,
            actor=request.member,
            election=election,
            success=_("Recounted with the same seed; the result is listed below the first."),
        )
        return redirect("elections:results", org_slug=org_slug, election_id=election.pk)

"""Rotation pages: the rotation and its reasons, calendar, fairness, rules, and acting on turns,
swaps and the pool. A member's own page (turns, leave, calendar feeds) is in views_mine.py.

Views read through selectors and write through services; ids a page posts are parsed by form
fields limited to the organization (forms.py); links are built with ``reverse``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views import View

from orgkit.core.bounds import (
    EARLIEST_DATE,
    LATEST_DATE,
    date_in_range,
    int_param,
    month_param,
    row_id,
)
from orgkit.core.forms import call_service, run_and_flash
from orgkit.organizations.models import Member
from orgkit.organizations.selectors import body_get
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.rotations import selectors, services, views_confirm
from orgkit.rotations.forms import (
    OnBehalfForm,
    RotationForm,
    RotationRulesForm,
    SwapRequestForm,
)
from orgkit.rotations.models import Turn
from orgkit.rotations.planning import org_today


def _today(request) -> date:
    """Today where the organization is (its zone is active for the whole request)."""
    return timezone.localdate()


def _rotation_or_404(request, rotation_id):
    rotation = selectors.rotation_get(organization=request.organization, rotation_id=rotation_id)
    if rotation is None:
        raise Http404
    return rotation


class RotationListView(OrgPageMixin, View):
    def get(self, request, org_slug):
        rotations = selectors.rotation_list(
            organization=request.organization, today=_today(request)
        )
        return render(request, "rotations/list.html", {"rotations": rotations})


class RotationCreateView(OrgPageMixin, View):
    organizer_only = True

    def get(self, request, org_slug):
        initial = {"anchor": _today(request) + timedelta(days=7)}
        if row_id(request.GET.get("role")):
            initial["role"] = row_id(request.GET.get("role"))
        form = RotationForm(organization=request.organization, initial=initial)
        return render(request, "rotations/create.html", {"form": form})

    def post(self, request, org_slug):
        form = RotationForm(request.POST, organization=request.organization)
        if form.is_valid():
            rotation = call_service(
                form, services.rotation_create, actor=request.member, **form.cleaned_data
            )
            if rotation is not None:
                messages.success(
                    request,
                    _("%(role)s now rotates. The first turns are planned below.")
                    % {"role": rotation.role.name},
                )
                return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)
        return render(request, "rotations/create.html", {"form": form}, status=400)


class RotationDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, rotation_id):
        org = request.organization
        rotation = _rotation_or_404(request, rotation_id)
        today = org_today(rotation)
        turns = list(selectors.upcoming_turns(organization=org, rotation=rotation, today=today))
        pool = list(selectors.rotation_pool(organization=org, rotation=rotation))
        me = request.member
        return render(
            request,
            "rotations/detail.html",
            {
                "rotation": rotation,
                "turns": turns,
                "next_turn": turns[0] if turns else None,
                "needs_cover": [t for t in turns if t.needs_cover],
                "pool": pool,
                "in_pool": any(entry.member_id == me.pk for entry in pool),
                "my_turns": [t for t in turns if t.holder_id == me.pk],
                "swaps": [
                    s
                    for s in selectors.open_swaps_for(organization=org, member=me)
                    if s.rotation_id == rotation.pk
                ],
            },
        )


def month_from(request, today: date) -> date:
    """The first day of the month asked for with ?month=YYYY-MM. Absent → this month; unreadable
    or outside the range orgkit keeps dates in (9999-12, 0001-01, 1-1…) → this month, saying so."""
    first, ok = month_param(request.GET.get("month"), today=today)
    if not ok:
        messages.warning(
            request,
            _(
                "There is no calendar for “%(month)s”: showing this month. Months run from "
                "%(earliest)s to %(latest)s."
            )
            % {
                "month": request.GET.get("month", "")[:20],
                "earliest": f"{EARLIEST_DATE:%Y-%m}",
                "latest": f"{LATEST_DATE:%Y-%m}",
            },
        )
    return first


def month_calendar(turns: list[Turn], first: date, today: date) -> dict:
    """A month as weeks of (day, turns covering it) for the template, plus neighbours' links
    (none past the ends of the range, so the links never lead to a refused month)."""
    next_month = (first + timedelta(days=32)).replace(day=1)
    previous_month = (first - timedelta(days=1)).replace(day=1)
    covering: dict[date, list[Turn]] = {}
    for turn in turns:
        day = max(turn.start, first)
        while day < min(turn.end, next_month):
            covering.setdefault(day, []).append(turn)
            day += timedelta(days=1)
    month_weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    weeks = [
        [(day, covering.get(day, [])) if day.month == first.month else (None, []) for day in week]
        for week in month_weeks
    ]
    return {
        "first": first,
        "weeks": weeks,
        "weekdays": month_weeks[0],
        "today": today,
        "month_turns": turns,
        "previous_month": f"{previous_month:%Y-%m}" if date_in_range(previous_month) else "",
        "next_month": f"{next_month:%Y-%m}" if date_in_range(next_month) else "",
    }


class RotationCalendarView(OrgPageMixin, View):
    """A month at a time, as a grid of weeks; the same turns as a list below it."""

    def get(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        today = org_today(rotation)
        first = month_from(request, today)
        next_month = (first + timedelta(days=32)).replace(day=1)
        turns = list(
            selectors.turns_overlapping(
                organization=request.organization,
                rotations=[rotation],
                start=first,
                end=next_month,
            )
        )
        return render(
            request,
            "rotations/calendar.html",
            {"rotation": rotation, **month_calendar(turns, first, today)},
        )


class BodyCalendarView(OrgPageMixin, View):
    """Every rotating role of a body in one month grid: who holds what, day by day."""

    def get(self, request, org_slug, body_slug):
        body = body_get(organization=request.organization, body_slug=body_slug)
        if body is None:
            raise Http404
        today = _today(request)
        rotations = list(
            selectors.rotation_list(organization=request.organization, today=today, body=body)
        )
        first = month_from(request, today)
        next_month = (first + timedelta(days=32)).replace(day=1)
        turns = list(
            selectors.turns_overlapping(
                organization=request.organization,
                rotations=rotations,
                start=first,
                end=next_month,
            )
        )
        return render(
            request,
            "rotations/body_calendar.html",
            {"body": body, "rotations": rotations, **month_calendar(turns, first, today)},
        )


class FairnessView(OrgPageMixin, View):
    """Turns per member over the last N months and the planned turns ahead, with the
    engine's never-served, overloaded and balance figures for the whole span."""

    def get(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        today = org_today(rotation)
        months = months_param(request.GET.get("months"))
        start = today - timedelta(days=round(months * 30.44))
        report, names, served, planned, end = selectors.fairness(
            organization=request.organization, rotation=rotation, start=start, today=today
        )
        former = _("a former member")
        tallies = [
            (names.get(t.member_id, former), served[t.member_id], planned[t.member_id], t.turns)
            for t in report.members
        ]
        return render(
            request,
            "rotations/fairness.html",
            {
                "rotation": rotation,
                "report": report,
                "tallies": tallies,
                "months": months,
                "month_choices": (3, 6, 12, 24),
                "start": start,
                "end": end,
                "today": today,
                "never_served": [names.get(m, former) for m in report.never_served],
                "overloaded": [names.get(m, former) for m in report.overloaded],
                "balance_percent": round(float(report.balance) * 100),
                "most": max((row[3] for row in tallies), default=0),
            },
        )


def months_param(value) -> int:
    """?months= for the fairness report: 1 to 60, 12 when absent or unreadable."""
    return int_param(value, default=12, minimum=1, maximum=60)


class RotationSettingsView(OrgPageMixin, View):
    """Change the rules of a running rotation, or stop it."""

    organizer_only = True

    def get(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        initial = {name: getattr(rotation, name) for name in services.EDITABLE_RULES}
        form = RotationRulesForm(organization=request.organization, initial=initial)
        return render(request, "rotations/settings.html", {"rotation": rotation, "form": form})

    def post(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        if request.POST.get("action") == "stop":
            run_and_flash(
                request,
                services.rotation_deactivate,
                actor=request.member,
                rotation=rotation,
                success=_("%(role)s no longer rotates; past turns stay in its history.")
                % {"role": rotation.role.name},
            )
            return redirect("rotations:list", org_slug=org_slug)
        form = RotationRulesForm(request.POST, organization=request.organization)
        if form.is_valid() and call_service(
            form,
            services.rotation_update,
            actor=request.member,
            rotation=rotation,
            **form.cleaned_data,
        ):
            messages.success(request, _("Rules saved; the coming turns were replanned under them."))
            return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)
        return render(
            request, "rotations/settings.html", {"rotation": rotation, "form": form}, status=400
        )


def _history_imported_message(added: int) -> str:
    # Pressed twice, the button once said both "recorded" and "there were none": one message.
    if not added:
        return _("There were no unrecorded past turns; nothing changed.")
    return ngettext(
        "%(count)d past turn recorded from the role's history; the plan now counts it.",
        "%(count)d past turns recorded from the role's history; the plan now counts them.",
        added,
    ) % {"count": added}


class ImportHistoryView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        run_and_flash(
            request,
            services.rotation_import_history,
            actor=request.member,
            rotation=rotation,
            success=_history_imported_message,
        )
        return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)


def member_named(request) -> Member:
    """The member a form names in its ``member`` field (an organizer acting for them), or the
    signed-in member when it names nobody. Anyone not in this organization → 404."""
    form = OnBehalfForm(request.POST, organization=request.organization)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["member"] or request.member


class PoolView(OrgPageMixin, View):
    """Opt in or out (yourself; an organizer may name someone else). GET asks before someone
    leaves, showing the turns that will go to others."""

    def get(self, request, org_slug, rotation_id):
        return views_confirm.pool_leave_confirm(request, _rotation_or_404(request, rotation_id))

    def post(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        member = member_named(request)
        if request.POST.get("action") == "leave":
            service, success = services.pool_leave, _("%(name)s left the rotation.")
        else:
            service, success = services.pool_join, _("%(name)s joined the rotation.")
        run_and_flash(
            request,
            service,
            actor=request.member,
            rotation=rotation,
            member=member,
            success=success % {"name": member.display_name},
        )
        return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)


def safe_next(request) -> str | None:
    """The ``next`` address a form sent, if it stays on this site; otherwise None.

    An unchecked ``next`` is an open redirect: a link that signs a member in here and then
    lands them on a look-alike site.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _turn_or_404(request, turn_id) -> Turn:
    turn = selectors.turn_get(organization=request.organization, turn_id=turn_id)
    if turn is None:
        raise Http404
    return turn


def _turn_done_message(action: str, turn: Turn, actor: Member) -> str:
    """The confirmation of an action on a turn, naming the fact: a skip (the member keeps
    their place), a cover (the member covered for keeps theirs) or an acceptance. Acting for
    someone else, it speaks about that member, not to the organizer who clicked."""
    holder = turn.holder
    day = date_format(turn.start, pgettext("date format: day and month", "j F"))
    if action == "accept":
        return _("Turn accepted: it is confirmed.")
    if action == "skip":
        if holder is None or holder.pk == actor.pk:
            return _("Turn skipped. You keep your place and come up at your next available turn.")
        return _(
            "Skipped for %(name)s (%(date)s): %(name)s keeps their place in the order and comes "
            "up at their next available turn."
        ) % {"name": holder.display_name, "date": day}
    if holder is None:
        return _("You are taking this open turn (%(date)s). Thank you!") % {"date": day}
    return _(
        "You are covering %(name)s's turn of %(date)s; %(name)s keeps their place in the "
        "order. Thank you!"
    ) % {"name": holder.display_name, "date": day}


TURN_ACTIONS = {
    "accept": services.turn_accept,
    "skip": services.turn_skip,
    "cover": services.turn_cover,
}


class TurnActionView(OrgPageMixin, View):
    def get(self, request, org_slug, turn_id, action):
        """Skip and cover ask first, showing the turns that will move."""
        if action not in ("skip", "cover"):
            raise Http404
        return views_confirm.turn_confirm(request, _turn_or_404(request, turn_id), action)

    def post(self, request, org_slug, turn_id, action):
        if action not in TURN_ACTIONS:
            raise Http404
        turn = _turn_or_404(request, turn_id)
        success = _turn_done_message(action, turn, request.member)  # before the turn changes
        run_and_flash(
            request, TURN_ACTIONS[action], actor=request.member, turn=turn, success=success
        )
        return redirect(
            safe_next(request)
            or reverse(
                "rotations:detail", kwargs={"org_slug": org_slug, "rotation_id": turn.rotation_id}
            )
        )


class SwapRequestView(OrgPageMixin, View):
    """Offer one of your turns for this one (GET asks first, showing the turns that move)."""

    def get(self, request, org_slug, turn_id):
        wanted = _turn_or_404(request, turn_id)
        form = SwapRequestForm(request.GET, organization=request.organization)
        if form.has_error("offered_turn", code="required"):
            messages.error(request, form.errors["offered_turn"][0])
            return redirect("rotations:detail", org_slug=org_slug, rotation_id=wanted.rotation_id)
        if not form.is_valid():
            raise Http404
        offered = form.cleaned_data["offered_turn"]
        if (
            wanted.holder is None
            or offered.holder is None
            or offered.rotation_id != (wanted.rotation_id)
        ):
            messages.error(request, _("Both turns need a holder to swap."))
            return redirect("rotations:detail", org_slug=org_slug, rotation_id=wanted.rotation_id)
        return views_confirm.swap_request_confirm(request, offered, wanted)

    def post(self, request, org_slug, turn_id):
        wanted = _turn_or_404(request, turn_id)
        form = SwapRequestForm(request.POST, organization=request.organization)
        if form.is_valid():
            holder = wanted.holder.display_name if wanted.holder else ""
            run_and_flash(
                request,
                services.swap_request,
                actor=request.member,
                offered_turn=form.cleaned_data["offered_turn"],
                wanted_turn=wanted,
                success=_("Swap asked for: %(name)s can accept or decline it.") % {"name": holder},
            )
        elif form.has_error("offered_turn", code="required"):
            messages.error(request, form.errors["offered_turn"][0])
        else:  # an id that names no turn of this organization
            raise Http404
        return redirect("rotations:detail", org_slug=org_slug, rotation_id=wanted.rotation_id)


SWAP_ACTIONS = {
    "accept": (services.swap_accept, gettext_lazy("Swap accepted: both turns are confirmed.")),
    "decline": (services.swap_decline, gettext_lazy("Swap declined.")),
    "cancel": (services.swap_cancel, gettext_lazy("Swap request withdrawn.")),
    "undo": (services.swap_undo, gettext_lazy("Swap undone: the turns are back as they were.")),
}


class SwapActionView(OrgPageMixin, View):
    def post(self, request, org_slug, swap_id, swap_action):
        if swap_action not in SWAP_ACTIONS:
            raise Http404
        swap = selectors.swap_get(organization=request.organization, swap_id=swap_id)
        if swap is None:
            raise Http404
        service, success = SWAP_ACTIONS[swap_action]
        run_and_flash(request, service, actor=request.member, swap=swap, success=str(success))
        return redirect("rotations:detail", org_slug=org_slug, rotation_id=swap.rotation_id)

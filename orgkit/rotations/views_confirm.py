"""Confirmation pages: before a skip, a cover, a swap or a removal from the pool, the page says
what will happen and lists exactly the turns that will change hands (the engine's preview,
orgkit/rotations/previews.py); the member confirms with the button, or goes back.

Each page is the GET of the address its form posts to, so the flow works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from orgkit.core.forms import run_and_flash
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.rotations import selectors, services
from orgkit.rotations.forms import OnBehalfForm, SwapArrangeForm
from orgkit.rotations.models import Rotation, Turn
from orgkit.rotations.previews import preview_moves


def _day(value) -> str:
    return date_format(value, pgettext("date format: day and month", "j F"))


def confirm_page(
    request,
    *,
    rotation: Rotation,
    title: str,
    lead: str,
    moves,
    action: str,
    fields: dict,
    button: str,
    status: int = 200,
):
    """The confirmation page: what will happen, the turns that will move, and the button."""
    back = reverse(
        "rotations:detail",
        kwargs={"org_slug": request.organization.slug, "rotation_id": rotation.pk},
    )
    return render(
        request,
        "rotations/confirm.html",
        {
            "rotation": rotation,
            "title": title,
            "lead": lead,
            "moves": moves,
            "action": action,
            "fields": fields,
            "button": button,
            "back": back,
        },
        status=status,
    )


def _started(request, *turns: Turn):
    """A turn that has started can no longer move: say so on the rotation's page (a link to
    it, e.g. "find cover" on a turn that began an hour ago, must not end in an error)."""
    if not any(t.starts_at <= timezone.now() for t in turns):
        return None
    messages.error(request, _("This turn has already started; it can no longer be moved."))
    return redirect(
        "rotations:detail",
        org_slug=request.organization.slug,
        rotation_id=turns[0].rotation_id,
    )


def turn_confirm(request, turn: Turn, action: str):
    """The confirmation of a skip or a cover of ``turn`` (GET of the turn-action address)."""
    if refused := _started(request, turn):
        return refused
    member = request.member
    rotation = turn.rotation
    holder = turn.holder
    day = _day(turn.start)
    if action == "skip":
        if holder is None:
            raise Http404
        moves = preview_moves(rotation=rotation, skip=turn)
        if holder.pk == member.pk:
            title = _("Skip your turn of %(date)s?") % {"date": day}
            lead = _(
                "You keep your place and come up at your next available turn. "
                "Someone else is planned for this turn."
            )
        else:
            title = _("Skip %(name)s's turn of %(date)s?") % {
                "name": holder.display_name,
                "date": day,
            }
            lead = _("%(name)s keeps their place and comes up at their next available turn.") % {
                "name": holder.display_name
            }
        button = _("Yes, skip this turn")
    else:
        moves = preview_moves(rotation=rotation, moves={turn.start: member.pk})
        if holder is None:
            title = _("Take the open turn of %(date)s?") % {"date": day}
            lead = _("You will hold this turn.")
        else:
            title = _("Cover %(name)s's turn of %(date)s?") % {
                "name": holder.display_name,
                "date": day,
            }
            lead = _(
                "You serve this one turn in place of %(name)s. %(name)s keeps their place "
                "and every other turn of theirs."
            ) % {"name": holder.display_name}
        button = _("Yes, cover this turn") if holder else _("Yes, take this turn")
    action_url = reverse(
        "rotations:turn-action",
        kwargs={"org_slug": request.organization.slug, "turn_id": turn.pk, "action": action},
    )
    return confirm_page(
        request,
        rotation=rotation,
        title=title,
        lead=lead,
        moves=moves,
        action=action_url,
        fields={},
        button=button,
    )


def swap_request_confirm(request, offered: Turn, wanted: Turn):
    """The confirmation of a swap request: the two turns that change hands if accepted."""
    if refused := _started(request, offered, wanted):
        return refused
    moves = preview_moves(
        rotation=wanted.rotation,
        moves={offered.start: wanted.holder_id, wanted.start: offered.holder_id},
    )
    name = wanted.holder.display_name if wanted.holder else ""
    return confirm_page(
        request,
        rotation=wanted.rotation,
        title=_("Ask %(name)s to swap?") % {"name": name},
        lead=_(
            "You offer your turn of %(offered)s for %(name)s's turn of %(wanted)s. If %(name)s "
            "accepts, exactly these turns change hands; your other turns stay as they are."
        )
        % {"offered": _day(offered.start), "wanted": _day(wanted.start), "name": name},
        moves=moves,
        action=reverse(
            "rotations:swap-request",
            kwargs={"org_slug": request.organization.slug, "turn_id": wanted.pk},
        ),
        fields={"offered_turn": offered.pk},
        button=_("Ask for this swap"),
    )


def _rotation_or_404(request, rotation_id) -> Rotation:
    rotation = selectors.rotation_get(organization=request.organization, rotation_id=rotation_id)
    if rotation is None:
        raise Http404
    return rotation


class SwapArrangeView(OrgPageMixin, View):
    """An organizer arranges a swap between two members: GET shows the turns that will move,
    POST does it."""

    organizer_only = True

    def _form(self, request, data, rotation):
        form = SwapArrangeForm(data, organization=request.organization, rotation=rotation)
        if form.is_valid():
            return form.cleaned_data["first_turn"], form.cleaned_data["second_turn"]
        if any(form.has_error(f, code="required") for f in ("first_turn", "second_turn")):
            messages.error(request, _("Choose the two turns to swap."))
            return None
        raise Http404  # an id that names no turn of this rotation

    def get(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        turns = self._form(request, request.GET, rotation)
        if turns is None:
            return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)
        first, second = turns
        if first.holder is None or second.holder is None or first.holder_id == second.holder_id:
            messages.error(request, _("Choose two turns held by two different members."))
            return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)
        moves = preview_moves(
            rotation=rotation,
            moves={first.start: second.holder_id, second.start: first.holder_id},
        )
        names = {
            "first": first.holder.display_name,
            "second": second.holder.display_name,
            "one": _day(first.start),
            "other": _day(second.start),
        }
        return confirm_page(
            request,
            rotation=rotation,
            title=_("Swap %(first)s's %(one)s with %(second)s's %(other)s?") % names,
            lead=_(
                "Exactly these two turns change hands, at once; both members' other turns "
                "stay as they are."
            ),
            moves=moves,
            action=request.path,
            fields={"first_turn": first.pk, "second_turn": second.pk},
            button=_("Yes, arrange this swap"),
        )

    def post(self, request, org_slug, rotation_id):
        rotation = _rotation_or_404(request, rotation_id)
        turns = self._form(request, request.POST, rotation)
        if turns is not None:
            run_and_flash(
                request,
                services.swap_arrange,
                actor=request.member,
                first_turn=turns[0],
                second_turn=turns[1],
                success=_("Swap arranged: the two turns changed hands."),
            )
        return redirect("rotations:detail", org_slug=org_slug, rotation_id=rotation.pk)


def pool_leave_confirm(request, rotation: Rotation):
    """The confirmation of leaving the pool (yourself, or an organizer removing someone)."""
    form = OnBehalfForm(request.GET, organization=request.organization)
    if not form.is_valid():
        raise Http404
    member = form.cleaned_data["member"] or request.member
    moves = preview_moves(rotation=rotation, without_member=member.pk)
    if member.pk == request.member.pk:
        title = _("Opt out of this rotation?")
        lead = _("You will take no more turns. Your planned turns go to others:")
        button = _("Yes, opt out")
    else:
        title = _("Remove %(name)s from the rotation?") % {"name": member.display_name}
        lead = _("%(name)s will take no more turns. Their planned turns go to others:") % {
            "name": member.display_name
        }
        button = _("Yes, remove %(name)s") % {"name": member.display_name}
    return confirm_page(
        request,
        rotation=rotation,
        title=title,
        lead=lead,
        moves=moves,
        action=reverse(
            "rotations:pool",
            kwargs={"org_slug": request.organization.slug, "rotation_id": rotation.pk},
        ),
        fields={"action": "leave", "member": member.pk},
        button=button,
    )

"""Pages under /o/<org_slug>/decisions/ (namespace "decisions"): the overview and meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import row_id
from orgkit.core.errors import ServiceError
from orgkit.core.forms import call_service
from orgkit.decisions import selectors, services
from orgkit.decisions.forms import MeetingForm, MeetingMoveForm
from orgkit.organizations import services as org_services
from orgkit.organizations.tenancy import OrgPageMixin


def run(request, service, *, success: str, organizer_route: bool = False, **kwargs):
    """Run a one-button service and flash its outcome. On a member's route a refusal by the
    rules (not the minority, window closed…) is a message, not an error page; on an
    organizer's route NotAllowed is a 403."""
    try:
        result = service(**kwargs)
    except ServiceError as exc:
        if exc.code == "not_allowed" and organizer_route:
            raise PermissionDenied(exc.message) from None
        messages.error(request, str(exc.message))
        return None
    messages.success(request, str(success))
    return result


def meeting_or_404(request, meeting_id):
    meeting = selectors.meeting_get(organization=request.organization, meeting_id=meeting_id)
    if meeting is None:
        raise Http404
    return meeting


class IndexView(OrgPageMixin, View):
    """Decisions, meetings and appeals of the organization."""

    def get(self, request, org_slug):
        org = request.organization
        return render(
            request,
            "decisions/index.html",
            {
                "motions": selectors.motion_list(organization=org)[:200],
                "meetings": selectors.meeting_list(organization=org)[:200],
                "appeals": selectors.appeal_list(organization=org)[:200],
                "bodies": selectors.body_list(organization=org),
            },
        )


class MeetingCreateView(OrgPageMixin, View):
    organizer_only = True

    def get(self, request, org_slug):
        form = MeetingForm(organization=request.organization)
        return render(request, "decisions/meeting_form.html", {"form": form})

    def post(self, request, org_slug):
        form = MeetingForm(request.POST, organization=request.organization)
        if form.is_valid():
            meeting = call_service(
                form, services.meeting_schedule, actor=request.member, **form.cleaned_data
            )
            if meeting is not None:
                messages.success(request, _("The meeting is called."))
                return redirect("decisions:meeting", org_slug=org_slug, meeting_id=meeting.pk)
        return render(request, "decisions/meeting_form.html", {"form": form}, status=400)


class MeetingDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, meeting_id):
        meeting = meeting_or_404(request, meeting_id)
        return render(
            request,
            "decisions/meeting.html",
            {"meeting": meeting, "move_form": MeetingMoveForm()},
        )


class MeetingMoveView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, meeting_id):
        meeting = meeting_or_404(request, meeting_id)
        form = MeetingMoveForm(request.POST)
        if form.is_valid() and call_service(
            form, services.meeting_move, actor=request.member, meeting=meeting, **form.cleaned_data
        ):
            messages.success(request, _("The meeting is moved."))
            return redirect("decisions:meeting", org_slug=org_slug, meeting_id=meeting.pk)
        return render(
            request, "decisions/meeting.html", {"meeting": meeting, "move_form": form}, status=400
        )


class AgendaProposeView(OrgPageMixin, View):
    def post(self, request, org_slug, meeting_id):
        meeting = meeting_or_404(request, meeting_id)
        run(
            request,
            services.agenda_item_propose,
            actor=request.member,
            meeting=meeting,
            title=request.POST.get("title", "")[:300],
            description=request.POST.get("description", "")[:10_000],
            success=_("Your item is on the agenda."),
        )
        return redirect("decisions:meeting", org_slug=org_slug, meeting_id=meeting.pk)


class PolicyView(OrgPageMixin, View):
    """Organizers set a body's notice period, minority window and appeal deadline."""

    organizer_only = True

    def post(self, request, org_slug):
        body = selectors.body_get(
            organization=request.organization, body_id=row_id(request.POST.get("body"))
        )
        if body is None:
            messages.error(request, _("Choose a body."))
            return redirect("decisions:index", org_slug=org_slug)

        def number(name: str) -> int:
            raw = request.POST.get(name, "")
            return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else -1

        run(
            request,
            services.policy_set,
            organizer_route=True,
            actor=request.member,
            body=body,
            notice_days=number("notice_days"),
            minority_window_days=number("minority_window_days"),
            appeal_hearing_days=number("appeal_hearing_days"),
            success=_("The body's rules are saved."),
        )
        return redirect("decisions:index", org_slug=org_slug)


class OfficesView(OrgPageMixin, View):
    """A member's current roles, each with a Resign button: anyone may step down, any time."""

    def get(self, request, org_slug):
        return render(
            request,
            "decisions/offices.html",
            {
                "terms": selectors.current_terms(
                    organization=request.organization, member=request.member
                )
            },
        )


class ResignView(OrgPageMixin, View):
    def post(self, request, org_slug, assignment_id):
        term = (
            selectors.current_terms(organization=request.organization, member=request.member)
            .filter(pk=assignment_id)
            .first()
        )
        if term is None:
            raise Http404
        run(
            request,
            org_services.role_assignment_end,
            actor=request.member,
            assignment=term,
            success=_("You have resigned as %(role)s.") % {"role": term.role.name},
        )
        return redirect("decisions:offices", org_slug=org_slug)


class MeetingStateView(OrgPageMixin, View):
    """Organizers record that a meeting was held, or cancel it."""

    organizer_only = True

    def post(self, request, org_slug, meeting_id):
        meeting = meeting_or_404(request, meeting_id)
        run(
            request,
            services.meeting_set_state,
            organizer_route=True,
            actor=request.member,
            meeting=meeting,
            to_state=request.POST.get("to_state", "")[:12],
            success=_("The meeting is updated."),
        )
        return redirect("decisions:meeting", org_slug=org_slug, meeting_id=meeting.pk)

"""The teaching log: the list, logging a session, a session with its sign-offs, answering."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import int_param
from orgkit.core.forms import call_service
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.skills import selectors, services
from orgkit.skills.forms import SessionForm, SignOffForm
from orgkit.skills.models import SignOff

PAGE_SIZE = 30


class LogView(OrgPageMixin, View):
    def get(self, request, org_slug):
        sessions = selectors.session_list(organization=request.organization)
        page = Paginator(sessions, PAGE_SIZE).get_page(
            int_param(request.GET.get("page"), default=1, minimum=1, maximum=100_000)
        )
        return render(request, "skills/log.html", {"page": page, "sessions": page.object_list})


class SessionNewView(OrgPageMixin, View):
    def _form(self, request, data=None):
        org = request.organization
        return SessionForm(
            data,
            skills=selectors.skill_choices(organization=org),
            members=selectors.active_members(organization=org),
            initial={"held_on": timezone.localdate(), "teachers": [request.member.pk]},
        )

    def get(self, request, org_slug):
        return render(request, "skills/session_new.html", {"form": self._form(request)})

    def post(self, request, org_slug):
        form = self._form(request, request.POST)
        if form.is_valid():
            session = call_service(
                form,
                services.session_log,
                actor=request.member,
                skill=form.cleaned_data["skill"],
                teachers=list(form.cleaned_data["teachers"]),
                learners=list(form.cleaned_data["learners"]),
                held_on=form.cleaned_data["held_on"],
                minutes=form.cleaned_data["minutes"],
                level_offered=form.cleaned_data["level_offered"],
                notes=form.cleaned_data["notes"],
            )
            if session is not None:
                messages.success(
                    request, _("Session logged. Each learner is asked to sign it off.")
                )
                return redirect("skills:session", org_slug=org_slug, session_id=session.pk)
        return render(request, "skills/session_new.html", {"form": form}, status=400)


class SessionView(OrgPageMixin, View):
    def get(self, request, org_slug, session_id):
        session = selectors.session_get(organization=request.organization, session_id=session_id)
        if session is None:
            raise Http404
        mine = next(
            (
                s
                for s in session.signoffs.all()
                if s.learner_id == request.member.pk and s.status == SignOff.Status.PENDING
            ),
            None,
        )
        return render(
            request,
            "skills/session.html",
            {
                "session": session,
                "mine": mine,
                "form": SignOffForm(initial={"level": session.level_offered}),
            },
        )


class SignOffView(OrgPageMixin, View):
    """The learner answers: sign off (at a level) or dispute (with a reason)."""

    def post(self, request, org_slug, signoff_id):
        signoff = selectors.signoff_get(organization=request.organization, signoff_id=signoff_id)
        if signoff is None:
            raise Http404
        if signoff.learner_id != request.member.pk:
            raise PermissionDenied(_("Only the learner can sign off or dispute their own session."))
        form = SignOffForm(request.POST)
        answer = request.POST.get("answer")
        if answer not in ("confirm", "dispute"):
            form.add_error(None, _("Choose to sign off or to dispute."))
        if form.is_valid():
            confirm = answer == "confirm"
            done = call_service(
                form,
                services.signoff_answer,
                actor=request.member,
                signoff=signoff,
                confirm=confirm,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
            )
            if done is not None:
                messages.success(
                    request,
                    _("Signed off: your level is updated.")
                    if confirm
                    else _("Disputed: your answer is on the record."),
                )
                return redirect("skills:session", org_slug=org_slug, session_id=signoff.session_id)
        session = selectors.session_get(
            organization=request.organization, session_id=signoff.session_id
        )
        return render(
            request,
            "skills/session.html",
            {"session": session, "mine": signoff, "form": form},
            status=400,
        )

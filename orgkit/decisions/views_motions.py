"""Motion pages: the decision with its minority reports beside it, votes, reports, appeals."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import row_id
from orgkit.core.forms import call_service
from orgkit.decisions import selectors, services
from orgkit.decisions.forms import MotionForm, OpenVotingForm, ReportForm
from orgkit.decisions.models import Appeal, Motion
from orgkit.decisions.views import run
from orgkit.organizations.tenancy import OrgPageMixin


def motion_or_404(request, motion_id) -> Motion:
    motion = selectors.motion_get(organization=request.organization, motion_id=motion_id)
    if motion is None:
        raise Http404
    return motion


def back(motion: Motion):
    return redirect("decisions:motion", org_slug=motion.organization.slug, motion_id=motion.pk)


class MotionCreateView(OrgPageMixin, View):
    """Any member proposes a motion to a body they sit on."""

    def get(self, request, org_slug):
        return render(
            request,
            "decisions/motion_form.html",
            {"form": MotionForm(organization=request.organization)},
        )

    def post(self, request, org_slug):
        form = MotionForm(request.POST, organization=request.organization)
        if form.is_valid():
            motion = call_service(
                form, services.motion_propose, actor=request.member, **form.cleaned_data
            )
            if motion is not None:
                messages.success(request, _("The motion is proposed."))
                return redirect("decisions:motion", org_slug=org_slug, motion_id=motion.pk)
        return render(request, "decisions/motion_form.html", {"form": form}, status=400)


class MotionDetailView(OrgPageMixin, View):
    """The decision and, beside it with equal prominence, every minority report."""

    def get(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        member = request.member
        versions = list(motion.versions.all())
        latest = json.loads(versions[-1].content) if versions else None
        my_vote = next((v for v in motion.votes.all() if v.member_id == member.pk), None)
        return render(
            request,
            "decisions/motion.html",
            {
                "motion": motion,
                "versions": versions,
                "latest": latest,
                "my_vote": my_vote,
                "in_minority": services.is_minority(member, motion),
                "window_open": bool(
                    motion.window_closes_at and timezone.now() <= motion.window_closes_at
                ),
                "report_form": ReportForm(),
                "body_members": selectors.body_members(
                    organization=request.organization, body=motion.body
                )
                if member.is_organizer and motion.state == Motion.State.PROPOSED
                else [],
                "meetings": selectors.meeting_list(organization=request.organization).filter(
                    state="scheduled"
                )
                if member.is_organizer
                else [],
                "appeal_states": Appeal.State,
            },
        )


class MotionSecondView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.motion_second,
            actor=request.member,
            motion=motion,
            success=_("You seconded the motion."),
        )
        return back(motion)


class RoomVoteView(OrgPageMixin, View):
    """The secretary records a vote held in the room: counts, or each member's vote."""

    organizer_only = True

    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        roll = []
        members = {m.pk: m for m in selectors.active_members(organization=request.organization)}
        for key, choice in request.POST.items():
            if key.startswith("roll-") and choice:
                member = members.get(row_id(key[5:]))
                if member is not None:
                    roll.append((member, choice))

        def count(name: str) -> int:
            raw = request.POST.get(name, "0").strip() or "0"
            return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 8 else -1

        run(
            request,
            services.motion_record_room_vote,
            organizer_route=True,
            actor=request.member,
            motion=motion,
            votes_for=count("votes_for"),
            votes_against=count("votes_against"),
            abstentions=count("abstentions"),
            roll=roll or None,
            success=_("The vote is recorded."),
        )
        return back(motion)


class VoteView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.vote_cast,
            voter=request.member,
            motion=motion,
            choice=request.POST.get("choice", "")[:10],
            reason=request.POST.get("reason", "")[:1000],
            success=_("Your vote is cast."),
        )
        return back(motion)


class ExtendView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        raw = request.POST.get("days", "")
        run(
            request,
            services.window_extend,
            actor=request.member,
            motion=motion,
            days=int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0,
            reason=request.POST.get("reason", "")[:1000],
            success=_("The window is extended."),
        )
        return back(motion)


class PublishView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.motion_publish_early,
            actor=request.member,
            motion=motion,
            success=_("The record is published."),
        )
        return back(motion)


class ReportFileView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.report_file,
            actor=request.member,
            motion=motion,
            title=request.POST.get("title", "")[:300],
            text=request.POST.get("text", "")[:60_000],
            success=_("Your minority report is filed; it publishes with the decision."),
        )
        return back(motion)


def report_or_404(request, report_id):
    report = selectors.report_get(organization=request.organization, report_id=report_id)
    if report is None:
        raise Http404
    return report


class CosignView(OrgPageMixin, View):
    def post(self, request, org_slug, report_id):
        report = report_or_404(request, report_id)
        run(
            request,
            services.report_cosign,
            actor=request.member,
            report=report,
            success=_("You co-signed the report."),
        )
        return back(report.motion)


class RejoinderView(OrgPageMixin, View):
    def post(self, request, org_slug, report_id):
        report = report_or_404(request, report_id)
        run(
            request,
            services.rejoinder_write,
            actor=request.member,
            report=report,
            kind=request.POST.get("kind", "")[:10],
            text=request.POST.get("text", "")[:60_000],
            success=_("It is on the record."),
        )
        return back(report.motion)


class AppealFileView(OrgPageMixin, View):
    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.appeal_file,
            actor=request.member,
            motion=motion,
            grounds=request.POST.get("grounds", "")[:60_000],
            success=_("Your appeal is filed with the higher body."),
        )
        return back(motion)


class AppealMoveView(OrgPageMixin, View):
    """Organizers: list an appeal for a meeting, record the hearing and the finding."""

    organizer_only = True

    def post(self, request, org_slug, appeal_id):
        appeal = selectors.appeal_get(organization=request.organization, appeal_id=appeal_id)
        if appeal is None:
            raise Http404
        to_state = request.POST.get("to_state", "")[:20]
        if to_state == Appeal.State.LISTED:
            meeting = selectors.meeting_get(
                organization=request.organization,
                meeting_id=row_id(request.POST.get("meeting")),
            )
            if meeting is None:
                messages.error(request, _("Choose a meeting of the body heard on appeal."))
                return back(appeal.motion)
            run(
                request,
                services.appeal_list,
                organizer_route=True,
                actor=request.member,
                appeal=appeal,
                meeting=meeting,
                success=_("The appeal is listed."),
            )
        else:
            run(
                request,
                services.appeal_move,
                organizer_route=True,
                actor=request.member,
                appeal=appeal,
                to_state=to_state,
                finding=request.POST.get("finding", "")[:60_000],
                success=_("The appeal is updated."),
            )
        return back(appeal.motion)


class OpenVotingView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        form = OpenVotingForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(str(e) for e in errors))
            return back(motion)
        run(
            request,
            services.motion_open_voting,
            organizer_route=True,
            actor=request.member,
            motion=motion,
            closes_at=form.cleaned_data["closes_at"],
            success=_("Online voting is open."),
        )
        return back(motion)


class CorrectView(OrgPageMixin, View):
    """Organizers correct a published record: a new version; the old ones stay visible."""

    organizer_only = True

    def post(self, request, org_slug, motion_id):
        motion = motion_or_404(request, motion_id)
        run(
            request,
            services.record_correct,
            organizer_route=True,
            actor=request.member,
            motion=motion,
            correction=request.POST.get("correction", "")[:6000],
            success=_("The correction is a new version of the record."),
        )
        return back(motion)

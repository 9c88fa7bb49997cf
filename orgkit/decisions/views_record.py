"""The record as files (Markdown and PDF, per decision and per meeting's minutes) and the
page that checks the hash chain."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.pdf import pdf_document
from orgkit.decisions import minutes, selectors, services
from orgkit.decisions.models import Appeal, Motion, Vote
from orgkit.decisions.views import meeting_or_404
from orgkit.decisions.views_motions import motion_or_404
from orgkit.organizations.tenancy import OrgPageMixin

FORMATS = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


def labels() -> minutes.Labels:
    """The words of the minutes, in the reader's language."""
    return minutes.Labels(
        minutes_of=_("Minutes"),
        decision=_("Decision"),
        outcome=_("{outcome}: {votes_for} for, {votes_against} against, {abstentions} abstaining"),
        proposed_by=_("Proposed by {proposer}, seconded by {seconder}"),
        minority_report=_("Minority report: {title}"),
        signed_by=_("Signed by {names}"),
        response=_("Majority response"),
        reply=_("Minority reply"),
        votes=_("Votes"),
        appeals=_("Appeals"),
        appeal_line=_("{appellant} to {to_body}: {state}"),
        corrections=_("Corrections"),
        version=_("Version {number}, SHA-256 {digest}"),
    )


def words() -> dict[str, str]:
    """The stored codes of a record (outcome, vote choices, appeal states) in the reader's
    language."""
    choices = [*Motion.Outcome.choices, *Vote.Choice.choices, *Appeal.State.choices]
    return {str(value): str(label) for value, label in choices}


def _entry(motion: Motion) -> tuple[dict, int, str]:
    """The latest published version of a record, or (not yet published) its live content."""
    versions = list(motion.versions.all())
    if versions:
        latest = versions[-1]
        return json.loads(latest.content), latest.number, latest.digest
    return services.record_content(motion=motion), 0, ""


def _respond(blocks: list[minutes.Block], *, fmt: str, title: str, filename: str):
    if fmt == "md":
        response = HttpResponse(minutes.to_markdown(blocks), content_type=FORMATS["md"])
    else:
        data = pdf_document([(b.level, b.text) for b in blocks], title=title)
        response = HttpResponse(data, content_type=FORMATS["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


class RecordFileView(OrgPageMixin, View):
    """One decision's record (its latest version) as Markdown or PDF."""

    def get(self, request, org_slug, motion_id, file_format):
        fmt = file_format
        if fmt not in FORMATS:
            raise Http404
        motion = motion_or_404(request, motion_id)
        if motion.outcome == "":
            raise Http404
        blocks = minutes.minutes_blocks(
            title=motion.title,
            records=[_entry(motion)],
            labels=labels(),
            words=words(),
        )
        return _respond(blocks, fmt=fmt, title=motion.title, filename=f"decision-{motion.pk}")


def _preamble(meeting) -> list[str]:
    """When and where, the emergency decision if there was one, and the agenda."""
    when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    lines = [" · ".join(filter(None, [when, meeting.location, meeting.get_state_display()]))]
    if meeting.emergency_reasons:
        lines.append(
            _("Called at short notice by emergency decision: %(reasons)s")
            % {"reasons": meeting.emergency_reasons}
        )
    items = list(meeting.agenda.all())
    if items:
        lines.append(
            _("Agenda: %(items)s")
            % {"items": "; ".join(f"{n}. {item.title}" for n, item in enumerate(items, 1))}
        )
    return lines


class MinutesView(OrgPageMixin, View):
    """A meeting's minutes: each decided motion's record, its minority reports beside it."""

    def get(self, request, org_slug, meeting_id, file_format):
        fmt = file_format
        if fmt not in FORMATS:
            raise Http404
        meeting = meeting_or_404(request, meeting_id)
        motions = selectors.minutes_motions(organization=request.organization, meeting=meeting)
        blocks = minutes.minutes_blocks(
            title=f"{meeting.title} ({meeting.body.name})",
            preamble=_preamble(meeting),
            records=[_entry(m) for m in motions if m.outcome],
            labels=labels(),
            words=words(),
        )
        return _respond(blocks, fmt=fmt, title=meeting.title, filename=f"minutes-{meeting.pk}")


class VerifyView(OrgPageMixin, View):
    """Checks the organization's whole record chain and names the first broken link."""

    def get(self, request, org_slug):
        broken = services.record_verify(organization=request.organization)
        link = None
        if broken is not None:
            link = selectors.version_at(organization=request.organization, seq=broken.seq)
        return render(
            request,
            "decisions/verify.html",
            {
                "broken": broken,
                "link": link,
                "count": selectors.version_count(organization=request.organization),
            },
            status=200,
        )

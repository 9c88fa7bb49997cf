"""The decisions app's audit verbs, and the phrase the log shows for each."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class DecisionEvent(StrEnum):
    POLICY_SET = "decisions.policy.set"
    MEETING_SCHEDULED = "decisions.meeting.scheduled"
    MEETING_MOVED = "decisions.meeting.moved"
    MEETING_EMERGENCY = "decisions.meeting.emergency"
    MEETING_HELD = "decisions.meeting.held"
    MEETING_CANCELLED = "decisions.meeting.cancelled"
    AGENDA_PROPOSED = "decisions.agenda.proposed"
    MOTION_PROPOSED = "decisions.motion.proposed"
    MOTION_SECONDED = "decisions.motion.seconded"
    VOTING_OPENED = "decisions.motion.voting_opened"
    VOTE_CAST = "decisions.motion.vote_cast"
    MOTION_DECIDED = "decisions.motion.decided"
    WINDOW_EXTENDED = "decisions.motion.window_extended"
    RECORD_PUBLISHED = "decisions.record.published"
    RECORD_VERSIONED = "decisions.record.versioned"
    REPORT_FILED = "decisions.report.filed"
    REPORT_SIGNED = "decisions.report.signed"
    RESPONSE_WRITTEN = "decisions.report.response"
    REPLY_WRITTEN = "decisions.report.reply"
    APPEAL_FILED = "decisions.appeal.filed"
    APPEAL_MOVED = "decisions.appeal.moved"


E = DecisionEvent

PHRASES = {
    E.POLICY_SET: _("{target}: notice {notice_days} days, minority window {window_days} days"),
    E.MEETING_SCHEDULED: _("{target}: meeting called"),
    E.MEETING_MOVED: _("{target}: meeting moved"),
    E.MEETING_EMERGENCY: _("{target}: called at short notice by emergency decision"),
    E.MEETING_HELD: _("{target}: meeting held"),
    E.MEETING_CANCELLED: _("{target}: meeting cancelled"),
    E.AGENDA_PROPOSED: _("{target}: agenda item proposed"),
    E.MOTION_PROPOSED: _("{target}: motion proposed"),
    E.MOTION_SECONDED: _("{target}: motion seconded"),
    E.VOTING_OPENED: _("{target}: online voting opened"),
    E.VOTE_CAST: _("{target}: a vote was cast"),
    E.MOTION_DECIDED: _("{target}: decided ({outcome}, {votes_for}–{votes_against})"),
    E.WINDOW_EXTENDED: _("{target}: minority-report window extended by {days} days"),
    E.RECORD_PUBLISHED: _("{target}: decision record published"),
    E.RECORD_VERSIONED: _("{target}: record version {number} added ({reason})"),
    E.REPORT_FILED: _("{target}: minority report filed"),
    E.REPORT_SIGNED: _("{target}: minority report co-signed"),
    E.RESPONSE_WRITTEN: _("{target}: the majority responded to a minority report"),
    E.REPLY_WRITTEN: _("{target}: the minority replied"),
    E.APPEAL_FILED: _("{target}: appeal filed"),
    E.APPEAL_MOVED: _("{target}: appeal now {to}"),
}

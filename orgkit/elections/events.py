"""The elections app's audit verbs, and the phrase the log shows for each."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ElectionEvent(StrEnum):
    CREATED = "elections.election.created"
    UPDATED = "elections.election.updated"
    NOTICE_SENT = "elections.election.notice_sent"
    NOMINATIONS_OPENED = "elections.election.nominations_opened"
    VOTING_OPENED = "elections.election.voting_opened"
    CLOSED = "elections.election.closed"
    COUNTED = "elections.election.counted"
    PUBLISHED = "elections.election.published"
    CANCELLED = "elections.election.cancelled"
    RECOUNTED = "elections.election.recounted"
    SYNTHETIC_BALLOTS = "elections.election.synthetic_ballots"
    IMPORTED = "elections.election.imported"
    IMPORT_RECOUNTED = "elections.election.import_recounted"
    CANDIDATE_NOMINATED = "elections.candidate.nominated"
    CANDIDATE_SECONDED = "elections.candidate.seconded"
    CANDIDATE_CONSENTED = "elections.candidate.consented"
    CANDIDATE_WITHDRAWN = "elections.candidate.withdrawn"
    PROTEST_LODGED = "elections.protest.lodged"
    PROTEST_ANSWERED = "elections.protest.answered"
    OBSERVER_NAMED = "elections.observer.named"
    APPORTIONMENT_CREATED = "elections.apportionment.created"


E = ElectionEvent

PHRASES = {
    E.CREATED: _("{target}: election set up"),
    E.UPDATED: _("{target}: settings changed"),
    E.NOTICE_SENT: _("{target}: election notice sent to {recipients} members"),
    E.NOMINATIONS_OPENED: _("{target}: nominations opened"),
    E.VOTING_OPENED: _("{target}: voting opened ({voters} on the roll)"),
    E.CLOSED: _("{target}: voting closed"),
    E.COUNTED: _("{target}: votes counted"),
    E.PUBLISHED: _("{target}: results published"),
    E.CANCELLED: _("{target}: cancelled ({reason})"),
    E.RECOUNTED: _("{target}: recounted with the same seed"),
    E.SYNTHETIC_BALLOTS: _("{target}: {ballots} synthetic ballots added for a benchmark"),
    E.IMPORTED: _(
        "{target}: imported from {filename} and counted by orgkit ({rule}) — not voted in orgkit"
    ),
    E.IMPORT_RECOUNTED: _("{target}: the imported ballots counted again under {rule}"),
    E.CANDIDATE_NOMINATED: _("{target} nominated"),
    E.CANDIDATE_SECONDED: _("{target} seconded"),
    E.CANDIDATE_CONSENTED: _("{target} agreed to stand"),
    E.CANDIDATE_WITHDRAWN: _("{target} withdrew"),
    E.PROTEST_LODGED: _("{target}: a protest was lodged"),
    E.PROTEST_ANSWERED: _("{target}: a protest was answered"),
    E.OBSERVER_NAMED: _("{target} named {observer} as observer"),
    E.APPORTIONMENT_CREATED: _("Delegates apportioned: {target}"),
}

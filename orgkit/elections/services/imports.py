"""Imported elections: the ballots of an election held elsewhere (a paper count typed in, an
OpaVote or Loomio export) counted by orgkit under any preset and shown like its own.

An imported election has no roll, no ballot box and no notices: it is created already
published, with its first count, and is marked imported everywhere it appears. Its ballots are
the file's (see docs/elections.md, "Imported elections"); they are kept as normalised .blt text
so the election can be counted again under another preset — a new count beside the old one —
and downloaded again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections.counting.ballots import Election as EngineElection
from orgkit.elections.counting.stv import RULES
from orgkit.elections.events import ElectionEvent
from orgkit.elections.import_files import BallotFile, ballot_file_read
from orgkit.elections.models import Election, ElectionImport, ElectionResult
from orgkit.elections.result_sheet import CandidateInfo, tally_ranked
from orgkit.elections.selectors import imported_ballots
from orgkit.organizations.models import Body, Member
from orgkit.organizations.tenancy import organization_zone

#: What every imported election says about itself (the API and stored results carry it too).
IMPORTED_NOTE = "Imported — counted by orgkit from a file; not voted in orgkit"


@dataclass(frozen=True)
class ImportPreview:
    """What an import would create, shown before anything is saved."""

    file: BallotFile
    rule: str

    @property
    def election(self) -> EngineElection:
        return self.file.election

    def as_dict(self) -> dict:
        e = self.election
        return {
            "title": e.title,
            "seats": e.seats,
            "rule": self.rule,
            "candidates": list(e.candidates),
            "withdrawn": self.file.withdrawn_names,
            "ballots": self.file.ballots,
            "distinct_rankings": len(e.ballots),
            "filename": self.file.filename,
            "format": self.file.file_format,
            "sha256": self.file.sha256,
        }


def _require_organizer(actor: Member) -> None:
    if not (actor.status == Member.Status.ACTIVE and actor.is_organizer):
        raise NotAllowed(_("Only organizers can import an election."))


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise ServiceError(
            _("Choose a counting rule for ranked ballots: Scottish, Meek or WIGM STV."),
            field="rule",
        )


def election_import_preview(
    *,
    actor: Member,
    content: bytes,
    filename: str,
    rule: str,
    seats: int | None = None,
    title: str = "",
) -> ImportPreview:
    """Read and check a ballot file as :func:`election_import` would, and save nothing: the
    candidates, ballots, withdrawn candidates and seats the organizer is about to import."""
    _require_organizer(actor)
    _check_rule(rule)
    file = ballot_file_read(content=content, filename=filename, seats=seats, title=title)
    return ImportPreview(file=file, rule=rule)


def imported_result_data(*, election: EngineElection, rule: str, seed: str, source: dict) -> dict:
    """The stored result of an imported election: exactly a native ranked count (stages, the
    winner-take-all comparison), with no turnout (nobody voted here) and the file it came from."""
    candidates = [
        CandidateInfo(id=i + 1, name=name, withdrawn=i in election.withdrawn)
        for i, name in enumerate(election.candidates)
    ]
    grouped = [(tuple(k + 1 for k in b.ranking), b.weight) for b in election.ballots]
    data = tally_ranked(
        candidates=candidates,
        seats=election.seats,
        grouped=grouped,
        rule=rule,
        seed=seed,
        title=election.title,
    )
    data["turnout"] = {"by_branch": [], "on_roll": 0, "voted": 0}
    data["imported"] = {**source, "note": IMPORTED_NOTE}
    return data


def _held_window(held_on: date, organization) -> tuple[datetime, datetime]:
    """The day the election was held, as the (nominal) voting window: imported elections sort
    among the others by when they happened."""
    start = datetime.combine(held_on, time(0, 0), tzinfo=organization_zone(organization))
    return start, start + timedelta(days=1)


def election_import(
    *,
    actor: Member,
    body: Body,
    content: bytes,
    filename: str,
    rule: str,
    seats: int | None = None,
    title: str = "",
    held_on: date | None = None,
    at: datetime | None = None,
) -> Election:
    """Import a ballot file as an election of ``body``'s organization, counted under ``rule``:
    the election (published, marked imported), its ballots and its first count, in one
    transaction with the audit event. A bad file is refused (ServiceError naming the line) and
    nothing is saved."""
    preview = election_import_preview(
        actor=actor, content=content, filename=filename, rule=rule, seats=seats, title=title
    )
    if body.organization_id != actor.organization_id:
        raise ServiceError(_("Not found in this organization."), field="body", code="not_found")
    at = at or timezone.now()
    held_on = held_on or timezone.localdate(at, organization_zone(actor.organization))
    require_plausible_date(held_on, field="held_on")
    opens, closes = _held_window(held_on, actor.organization)
    file, engine = preview.file, preview.election
    source = {"filename": file.filename, "format": file.file_format, "sha256": file.sha256}
    with transaction.atomic():
        election = Election.objects.create(
            organization=actor.organization,
            body=body,
            title=engine.title,
            seats=engine.seats,
            rule=rule,
            state=Election.State.PUBLISHED,
            imported=True,
            notice_days=0,
            protest_days=0,
            nominations_open_at=opens,
            nominations_close_at=opens,
            voting_opens_at=opens,
            voting_closes_at=closes,
            seed=secrets.token_hex(8),
            created_by=actor,
            created_at=at,
        )
        ElectionImport.objects.create(
            organization=actor.organization,
            election=election,
            filename=file.filename,
            file_format=file.file_format,
            sha256=file.sha256,
            blt=file.blt,
            candidates=list(engine.candidates),
            withdrawn=file.withdrawn_names,
            ballots=file.ballots,
            standing=file.standing,
            held_on=held_on,
            imported_by=actor,
            imported_at=at,
        )
        ElectionResult.objects.create(
            organization=actor.organization,
            election=election,
            data=imported_result_data(
                election=engine, rule=rule, seed=election.seed, source=source
            ),
            created_at=at,
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=ElectionEvent.IMPORTED,
            target=election,
            data={**source, "rule": rule, "ballots": file.ballots, "imported": True},
            at=at,
        )
    return election


def imported_compute(*, election: Election, rule: str | None = None) -> dict:
    """A count of an imported election's stored ballots under ``rule`` (default: its own)."""
    record = ElectionImport.objects.get(election=election)
    source = {"filename": record.filename, "format": record.file_format, "sha256": record.sha256}
    return imported_result_data(
        election=imported_ballots(election=election),
        rule=rule or election.rule,
        seed=election.seed,
        source=source,
    )


def election_import_recount(
    *, actor: Member, election: Election, rule: str, at: datetime | None = None
) -> ElectionResult:
    """Count an imported election's ballots again under ``rule`` (another preset, or the same):
    a new result linked to the first, which stays as it was, and the election now shows this
    count. Both counts stay on the record and in the log."""
    _require_organizer(actor)
    if actor.organization_id != election.organization_id:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    _check_rule(rule)
    if not election.imported:
        raise ServiceError(
            _("Only an imported election can be counted under another rule."), field="rule"
        )
    at = at or timezone.now()
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        first = ElectionResult.objects.get(election=election, recount_of__isnull=True)
        previous = (
            ElectionResult.objects.filter(election=election).order_by("-created_at", "-pk").first()
        )
        result = ElectionResult.objects.create(
            organization_id=election.organization_id,
            election=election,
            recount_of=first,
            data=imported_compute(election=election, rule=rule),
            created_at=at,
        )
        from_rule = election.rule
        election.rule = rule
        election.save(update_fields=["rule"])
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.IMPORT_RECOUNTED,
            target=election,
            data={
                "rule": rule,
                "from_rule": from_rule,
                "same_result": result.data["elected"] == previous.data.get("elected"),
                "imported": True,
            },
            at=at,
        )
    return result

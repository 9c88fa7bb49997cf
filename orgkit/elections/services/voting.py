"""Casting a ballot: mark the roll and store the anonymous ballot in one transaction.

The roll row is flipped from "not voted" to "voted" by one conditional UPDATE: two requests
racing for the same voter cannot both see "not voted" (the second waits for the first's row
lock, then finds nothing to update), so the database itself keeps it to one ballot per voter.
Nothing here records who cast which ballot, or when (see docs/elections.md).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core import sealing
from orgkit.core.errors import ServiceError
from orgkit.elections.models import (
    Ballot,
    Candidate,
    Election,
    Receipt,
    RollCallVote,
    Slate,
    VoterRollEntry,
)
from orgkit.elections.services._common import day_text
from orgkit.elections.services.ballot_box import ballot_seal, receipt_seal
from orgkit.organizations.models import Member

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a code read aloud or copied by hand stays right.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt_code() -> str:
    """A random code like ``K7QF-3MZP-XW9A`` (about 59 bits): unguessable, easy to copy."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass(frozen=True)
class BallotPaper:
    """What the printed ballot offers: ids a voter may name → display name (candidates, or
    slates on a slate ballot; withdrawn ones left out), and how many names the paper holds
    (withdrawn included: fixed when voting opens, so every sealed ballot has one length)."""

    choices: dict[int, str]
    width: int
    # A ranked ballot's slate labels, by candidate (candidates on no slate are left out).
    slates: dict[int, str] = field(default_factory=dict)


def ballot_paper(*, election: Election) -> BallotPaper:
    """The ballot paper in one query (this runs on every ballot submitted)."""
    if election.is_ranked:
        rows = Candidate.objects.filter(election=election, on_ballot=True).values_list(
            "pk", "status", "member__user__full_name", "member__user__email", "slate__name"
        )
        choices, slates = {}, {}
        width = 0
        for pk, status, name, email, slate in rows:
            width += 1
            if status == Candidate.Status.STANDING:
                choices[pk] = name or email
                if slate:
                    slates[pk] = slate
        return BallotPaper(choices=choices, width=width, slates=slates)
    slates = Slate.objects.filter(
        election=election,
        candidates__on_ballot=True,
        candidates__status=Candidate.Status.STANDING,
    ).distinct()
    return BallotPaper(choices={s.pk: s.name for s in slates}, width=1)


def ballot_choices(*, election: Election) -> dict[int, str]:
    """Ids a ballot may name → display name (see :class:`BallotPaper`)."""
    return ballot_paper(election=election).choices


def ballot_width(*, election: Election) -> int:
    """How many names the printed ballot holds (see :class:`BallotPaper`)."""
    return ballot_paper(election=election).width


def check_ranking(*, election: Election, ranking: Sequence[int], valid: set[int]) -> list[int]:
    """The ranking as a clean list, or a ServiceError saying what is wrong with it."""
    clean = list(ranking)
    if not clean:
        raise ServiceError(
            _("Rank at least one candidate.") if election.is_ranked else _("Choose a slate."),
            field="ranking",
        )
    if not election.is_ranked and len(clean) != 1:
        raise ServiceError(_("Choose exactly one slate."), field="ranking")
    if len(set(clean)) != len(clean):
        raise ServiceError(_("Each candidate can be ranked only once."), field="ranking")
    unknown = [c for c in clean if c not in valid]
    if unknown:
        raise ServiceError(
            _(
                "Your ballot names a candidate who is not (or no longer) standing. "
                "Reload the ballot and choose again."
            ),
            field="ranking",
        )
    return clean


def _hold_election_open(election: Election) -> str:
    """Read the election's state (and its ballot key, which ``election`` may hold stale) with a
    share lock: many votes proceed together, but a close (which takes the row FOR UPDATE) waits
    for votes in flight, and no vote slips in after."""
    with connection.cursor() as cursor:
        lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
        cursor.execute(
            f"SELECT state, ballot_key FROM {Election._meta.db_table} WHERE id = %s{lock}",
            [election.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return ""
    election.ballot_key = bytes(row[1] or b"")
    return row[0]


def _sealed(seal, **kwargs) -> bytes:
    """Seal a ballot or receipt row; a ballot box this server cannot open is the operator's
    problem to fix, told plainly to the voter (nothing is written) rather than a 500."""
    try:
        return seal(**kwargs)
    except sealing.SealError:
        logger.error(
            "election %s: its ballot key does not open with this server's sealing key "
            "(was ORGKIT_SEALING_KEY or SECRET_KEY changed while voting was open?)",
            kwargs["election"].pk,
            exc_info=True,
        )
        raise ServiceError(
            _(
                "Your ballot could not be recorded: this election's ballot box cannot be "
                "opened with the server's current key. Nothing was recorded; please tell your "
                "organizers, who should tell whoever runs the server."
            ),
            code="ballot_box_unreadable",
        ) from None


def ballot_cast(
    *,
    voter: Member,
    election: Election,
    ranking: Sequence[int],
    at: datetime | None = None,
    paper: BallotPaper | None = None,
) -> str:
    """Record ``voter``'s ballot and return their receipt code (shown to them once).

    ``paper``: the ballot paper the caller has just read for its form (saves reading it twice
    per ballot); read here when not given.

    Raises ServiceError — and writes nothing — outside the voting window, for a second
    ballot, for someone not on the roll, or for a malformed ranking.
    """
    at = at or timezone.now()
    if voter.organization_id != election.organization_id or voter.status != Member.Status.ACTIVE:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    paper = paper or ballot_paper(election=election)
    clean = check_ranking(election=election, ranking=ranking, valid=set(paper.choices))
    with transaction.atomic():
        state = _hold_election_open(election)
        if state != Election.State.VOTING or not (
            election.voting_opens_at <= at < election.voting_closes_at
        ):
            raise ServiceError(_("Voting in this election is not open."), code="not_open")
        marked = VoterRollEntry.objects.filter(
            election_id=election.pk, member_id=voter.pk, voted=False
        ).update(voted=True)
        if not marked:
            on_roll = VoterRollEntry.objects.filter(election_id=election.pk, member_id=voter.pk)
            if on_roll.exists():
                raise ServiceError(
                    _("You have already voted in this election."), code="already_voted"
                )
            raise ServiceError(
                _(
                    "You are not on this election's roll: it was fixed when voting opened "
                    "(%(day)s) from the members of %(body)s."
                )
                % {"day": day_text(election.roll_date), "body": election.body.name},
                code="not_on_roll",
            )
        weight = (
            VoterRollEntry.objects.filter(election_id=election.pk, member_id=voter.pk)
            .values_list("weight", flat=True)
            .get()
        )
        # Sealed: these rows share this transaction's id with the roll row just marked, so
        # until the mix (ballot_box.py) they must say nothing without the election's key.
        Ballot.objects.create(
            organization_id=election.organization_id,
            election_id=election.pk,
            sealed=_sealed(ballot_seal, election=election, ranking=clean, width=paper.width),
            weight=weight,
        )
        if election.secrecy == Election.Secrecy.OPEN:
            RollCallVote.objects.create(
                organization_id=election.organization_id,
                election_id=election.pk,
                member=voter,
                ranking=clean,
            )
        code = new_receipt_code()
        Receipt.objects.create(
            organization_id=election.organization_id,
            election_id=election.pk,
            sealed=_sealed(receipt_seal, election=election, code=code),
        )
    # Deliberately no audit event per ballot: a timestamped "X voted" entry beside the ballot
    # table would let someone line up voters with ballots. The roll's flag is the record.
    return code

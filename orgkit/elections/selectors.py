"""Reads for elections. Every selector takes ``organization=`` and does its own eager loading,
so a page's query count stays the same however many rows it shows."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from orgkit.core.models import AuditEvent
from orgkit.elections.counting.ballots import Ballot as EngineBallot
from orgkit.elections.counting.ballots import Election as EngineElection
from orgkit.elections.counting.blt import parse_blt
from orgkit.elections.models import (
    Apportionment,
    Ballot,
    Candidate,
    Election,
    ElectionImport,
    ElectionResult,
    Observer,
    Protest,
    Receipt,
    RollCallVote,
    VoterRollEntry,
)
from orgkit.elections.result_sheet import CandidateInfo, unique_names
from orgkit.organizations.models import Organization


def _count_of(queryset) -> Subquery:
    """COUNT(*) of ``queryset`` (filtered by ``election=OuterRef("pk")``) as a subquery."""
    return Subquery(
        queryset.order_by().values("election").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def election_list(*, organization: Organization) -> QuerySet[Election]:
    """Elections newest first, with body and candidate/voter counts in one query.

    Each count is its own correlated subquery: two COUNTs over two joins in one GROUP BY would
    make PostgreSQL join candidates × roll (2.4 million rows for a 10,000-member local)."""
    standing = Candidate.objects.filter(election=OuterRef("pk")).exclude(
        status=Candidate.Status.WITHDRAWN
    )
    voted = VoterRollEntry.objects.filter(election=OuterRef("pk"), voted=True)
    # An imported election's candidates are the file's, not nominations.
    imported_standing = ElectionImport.objects.filter(election=OuterRef("pk")).values("standing")
    return (
        Election.objects.filter(organization=organization)
        .select_related("body")
        .annotate(
            n_candidates=Coalesce(Subquery(imported_standing[:1]), _count_of(standing), 0),
            n_voted=Coalesce(_count_of(voted), 0),
        )
    )


def election_get(*, organization: Organization, election_id: int) -> Election | None:
    return (
        Election.objects.filter(organization=organization, pk=election_id)
        .select_related("body", "organization", "seat_body")
        .first()
    )


def candidate_list(*, organization: Organization, election: Election) -> QuerySet[Candidate]:
    """Nominations in nomination order, with people and slate loaded."""
    return (
        Candidate.objects.filter(organization=organization, election=election)
        .select_related(
            "member__user", "member__branch", "nominated_by__user", "seconded_by__user", "slate"
        )
        .order_by("pk")
    )


def candidate_get(*, organization: Organization, election: Election, candidate_id: int):
    return (
        candidate_list(organization=organization, election=election).filter(pk=candidate_id).first()
    )


def grouped_ballots(*, election: Election) -> list[tuple[list[int], int]]:
    """Identical rankings merged in SQL (GROUP BY the one ranking column), sorted by ranking:
    the count reads each distinct ranking once, and nothing reflects the order cast. Only a
    mixed box has rankings to read (before that they are sealed)."""
    if election.mixed_at is None:
        raise ValueError("the ballot box is still sealed: count the election to open it")
    rows = (
        Ballot.objects.filter(election=election)
        .values("ranking")
        .annotate(total=Sum("weight"))
        .order_by("ranking")
    )
    return sorted((list(r["ranking"]), int(r["total"])) for r in rows)


def ballot_candidates(*, election: Election) -> list[CandidateInfo]:
    """Candidates printed on the ballot, in a fixed order (nomination order)."""
    rows = (
        Candidate.objects.filter(election=election, on_ballot=True)
        .select_related("member__user", "slate")
        .order_by("pk")
    )
    return [
        CandidateInfo(
            id=c.pk,
            name=c.member.display_name,
            slate=c.slate.name if c.slate else "",
            withdrawn=c.status == Candidate.Status.WITHDRAWN,
        )
        for c in rows
    ]


def turnout_by_branch(*, election: Election) -> list[dict]:
    """Voters on the roll and voters who voted, per branch (how, never)."""
    rows = (
        VoterRollEntry.objects.filter(election=election)
        .values("member__branch__name")
        .annotate(on_roll=Count("pk"), voted=Count("pk", filter=Q(voted=True)))
        .order_by("member__branch__name")
    )
    return [
        {
            "branch": r["member__branch__name"] or "no branch",
            "on_roll": r["on_roll"],
            "voted": r["voted"],
        }
        for r in rows
    ]


def roll_entry(*, organization: Organization, election: Election, member) -> VoterRollEntry | None:
    return VoterRollEntry.objects.filter(
        organization=organization, election=election, member=member
    ).first()


def who_voted(*, organization: Organization, election: Election) -> QuerySet[VoterRollEntry]:
    """The roll with each voter's yes/no "voted" flag — never how."""
    return VoterRollEntry.objects.filter(
        organization=organization, election=election
    ).select_related("member__user", "member__branch")


def roll_turnout(entries: QuerySet[VoterRollEntry]) -> dict[str, int]:
    """How many were on the roll and how many voted, in one query."""
    return entries.aggregate(on_roll=Count("pk"), voted=Count("pk", filter=Q(voted=True)))


def receipt_codes(*, organization: Organization, election: Election) -> list[str]:
    """Every receipt code, sorted: proof of inclusion, in no order that follows the casting."""
    # Sealed codes (voting open, or closed and not yet mixed) are not published.
    return list(
        Receipt.objects.filter(organization=organization, election=election, code__isnull=False)
        .order_by("code")
        .values_list("code", flat=True)
    )


def roll_calls(*, organization: Organization, election: Election) -> QuerySet[RollCallVote]:
    """Open (roll-call) elections only: each member's recorded vote."""
    return RollCallVote.objects.filter(organization=organization, election=election).select_related(
        "member__user"
    )


def election_result(*, organization: Organization, election: Election) -> ElectionResult | None:
    """The first count, with its recounts prefetched."""
    return (
        ElectionResult.objects.filter(organization=organization, election=election, recount_of=None)
        .prefetch_related(
            Prefetch("recounts", queryset=ElectionResult.objects.order_by("created_at"))
        )
        .first()
    )


def published_ballots(*, organization: Organization, election: Election) -> EngineElection:
    """The anonymised ballots as the engine's Election: grouped by ranking and sorted, ready
    for the .blt and CSV writers. Slate ballots appear as one-name rankings of slates."""
    if election.organization_id != organization.pk:
        raise ValueError("election from another organization")
    if election.imported:
        return imported_ballots(election=election)
    grouped = grouped_ballots(election=election)
    if election.is_ranked:
        candidates = ballot_candidates(election=election)
        names = unique_names(candidates)
        index = {c.id: i for i, c in enumerate(candidates)}
        withdrawn = frozenset(i for i, c in enumerate(candidates) if c.withdrawn)
    else:
        slates = list(election.slates.order_by("name").values_list("pk", "name"))
        names = [name for _, name in slates]
        index = {pk: i for i, (pk, _) in enumerate(slates)}
        withdrawn = frozenset()
    ballots = tuple(EngineBallot(w, tuple(index[c] for c in r)) for r, w in grouped)
    return EngineElection(
        candidates=tuple(names),
        seats=election.seats,
        ballots=ballots,
        withdrawn=withdrawn,
        title=election.title,
    ).grouped()


def imported_ballots(*, election: Election) -> EngineElection:
    """The stored ballots of an imported election, as the engine's election (grouped, sorted)."""
    record = ElectionImport.objects.only("blt").get(election=election)
    parsed = parse_blt(record.blt)
    return EngineElection(
        candidates=parsed.candidates,
        seats=election.seats,
        ballots=parsed.ballots,
        withdrawn=parsed.withdrawn,
        title=election.title,
    ).grouped()


def election_import_get(*, organization: Organization, election: Election) -> ElectionImport | None:
    """The file an imported election came from (without its ballots' text)."""
    return (
        ElectionImport.objects.filter(organization=organization, election=election)
        .defer("blt")
        .select_related("imported_by__user")
        .first()
    )


def election_counts(*, organization: Organization, election: Election) -> list[ElectionResult]:
    """Every count of an election, oldest first (an imported one may be counted under several
    rules; the last is the one shown)."""
    return list(
        ElectionResult.objects.filter(organization=organization, election=election).order_by(
            "created_at", "pk"
        )
    )


def apportionment_list(*, organization: Organization) -> QuerySet[Apportionment]:
    return Apportionment.objects.filter(organization=organization).select_related("congress")


def apportionment_get(*, organization: Organization, apportionment_id: int) -> Apportionment | None:
    return apportionment_list(organization=organization).filter(pk=apportionment_id).first()


def protest_list(*, organization: Organization, election: Election) -> QuerySet[Protest]:
    """Protests with who lodged and who answered them, oldest first."""
    return Protest.objects.filter(organization=organization, election=election).select_related(
        "lodged_by__user", "answered_by__user"
    )


def observer_list(*, organization: Organization, election: Election) -> QuerySet[Observer]:
    return Observer.objects.filter(organization=organization, election=election).select_related(
        "member__user", "candidate__member__user"
    )


def election_log(*, organization: Organization, election: Election) -> QuerySet[AuditEvent]:
    """Audit events about this election and its candidates, oldest first. (No event is ever
    written for a single ballot: see services/voting.py.)"""
    candidate_ids = [
        str(pk) for pk in Candidate.objects.filter(election=election).values_list("pk", flat=True)
    ]
    return (
        AuditEvent.objects.filter(organization=organization)
        .filter(
            Q(target_type="elections.election", target_id=str(election.pk))
            | Q(target_type="elections.candidate", target_id__in=candidate_ids)
        )
        .select_related("actor")
        .order_by("occurred_at", "pk")
    )


def active_members(*, organization: Organization):
    """Active members with their accounts, for choosing someone (an observer, a nominee)."""
    from orgkit.organizations.models import Member

    return Member.objects.active().filter(organization=organization).select_related("user")


def ballots_waiting_for(*, organization: Organization, member) -> QuerySet[Election]:
    """Elections whose voting is open and in which ``member`` is on the roll and has not
    voted yet (for the dashboard)."""
    return Election.objects.filter(
        organization=organization,
        state=Election.State.VOTING,
        roll__member=member,
        roll__voted=False,
    ).order_by("voting_closes_at", "pk")

"""Congress delegates: share the seats among branches by membership, create one delegate
election per branch, and seat the winners on the congress body."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.elections.counting.apportion import apportion
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Apportionment, Candidate, Election, ElectionResult
from orgkit.elections.services.elections import election_create, require_organizer_or_system
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Body, BodyMember, Branch, Member

METHODS = [m.value for m in Apportionment.Method]


def branch_membership(*, organization, on: date) -> dict[str, int]:
    """Active members per branch on date ``on`` (joined by then, not left by then), in one
    query. Branches with no members are listed with 0."""
    counts = dict.fromkeys(
        Branch.objects.filter(organization=organization)
        .order_by("name")
        .values_list("name", flat=True),
        0,
    )
    members = Member.objects.filter(
        organization=organization, branch__isnull=False, joined_on__lte=on
    ).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    for name in members.values_list("branch__name", flat=True):
        counts[name] += 1
    return counts


def apportionment_table(
    *, votes: dict[str, int], seats: int, min_one_seat: bool, seed: str
) -> dict:
    """Every method's seats per branch: ``{"votes": …, "methods": {method: result dict}}``."""
    units = {name: n for name, n in votes.items() if n > 0}
    if not units:
        raise ServiceError(_("No branch has members on that date."), field="snapshot_date")
    if min_one_seat and len(units) > seats:
        raise ServiceError(
            _(
                "%(branches)s branches have members and each is to get a seat: that is more "
                "than the %(seats)s seats."
            )
            % {"branches": len(units), "seats": seats},
            field="seats",
        )
    methods = {}
    for method in METHODS:
        try:
            result = apportion(
                votes=units,
                seats=seats,
                method=method,
                min_seats=1 if min_one_seat else 0,
                seed=seed,
            )
        except ValueError as exc:  # the engine's own words (English): a case not checked above
            raise ServiceError(
                _("The seats cannot be shared this way: %(reason)s") % {"reason": exc},
                field="seats",
            ) from None
        methods[method] = {**result.to_dict(), "seats": result.seats}
    return {"votes": votes, "methods": methods}


def _branch_assembly(*, actor: Member, branch: Branch, at: datetime) -> Body:
    """The body whose members vote in a branch's delegate election: the branch assembly,
    made on first use."""
    body = (
        Body.objects.filter(
            organization=branch.organization_id, membership=Body.Membership.BRANCH, branch=branch
        )
        .order_by("pk")
        .first()
    )
    if body is not None:
        return body
    slug = f"{branch.slug}-assembly"
    while Body.objects.filter(organization=branch.organization_id, slug=slug).exists():
        slug += "-x"
    return org_services.body_create(
        actor=actor,
        name=f"{branch.name} assembly",
        slug=slug,
        kind=Body.Kind.ASSEMBLY,
        membership=Body.Membership.BRANCH,
        branch=branch,
        at=at,
    )


def apportionment_create(
    *,
    actor: Member,
    congress: Body,
    seats: int,
    method: str,
    snapshot_date: date,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    min_one_seat: bool = False,
    rule: str = Election.Rule.SCOTTISH,
    notice_days: int = 15,
    at: datetime | None = None,
) -> Apportionment:
    """Share ``seats`` among the branches by membership on ``snapshot_date`` with ``method``
    (every method is kept for comparison) and set up one delegate election per branch with
    seats. The elections start in draft; their winners are seated on ``congress``."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    if congress.organization_id != actor.organization_id:
        raise ServiceError(_("Not found in this organization."), field="congress", code="not_found")
    if congress.membership != Body.Membership.EXPLICIT:
        raise ServiceError(
            _("Delegates are seated on a body with named members."), field="congress"
        )
    if method not in METHODS:
        raise ServiceError(_("Choose an apportionment method."), field="method")
    if not 1 <= seats <= 1000:
        raise ServiceError(_("Seats must be between 1 and 1000."), field="seats")
    # The branch elections are set up from these; check them here, where the dates arrive.
    for name, value in (
        ("snapshot_date", snapshot_date),
        ("nominations_open_at", nominations_open_at),
        ("nominations_close_at", nominations_close_at),
        ("voting_opens_at", voting_opens_at),
        ("voting_closes_at", voting_closes_at),
    ):
        require_plausible_date(value, field=name)
    seed = secrets.token_hex(16)
    votes = branch_membership(organization=actor.organization, on=snapshot_date)
    table = apportionment_table(votes=votes, seats=seats, min_one_seat=min_one_seat, seed=seed)
    with transaction.atomic():
        record = Apportionment.objects.create(
            organization=actor.organization,
            congress=congress,
            seats=seats,
            method=method,
            min_one_seat=min_one_seat,
            snapshot_date=snapshot_date,
            table=table,
            seed=seed,
            created_by=actor,
            created_at=at,
        )
        chosen = table["methods"][method]["seats"]
        for branch in Branch.objects.filter(organization=actor.organization).order_by("name"):
            if not chosen.get(branch.name):
                continue
            election = election_create(
                actor=actor,
                body=_branch_assembly(actor=actor, branch=branch, at=at),
                title=f"{congress.name} delegates: {branch.name}",
                seats=chosen[branch.name],
                rule=rule,
                nominations_open_at=nominations_open_at,
                nominations_close_at=nominations_close_at,
                voting_opens_at=voting_opens_at,
                voting_closes_at=voting_closes_at,
                notice_days=notice_days,
                at=at,
            )
            Election.objects.filter(pk=election.pk).update(apportionment=record, seat_body=congress)
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=ElectionEvent.APPORTIONMENT_CREATED,
            target=record,
            data={"method": method, "seats": chosen, "snapshot_date": snapshot_date.isoformat()},
            at=at,
        )
    return record


def election_seat_delegates(
    *, actor: Member, election: Election, end: date | None = None, at: datetime | None = None
) -> list[BodyMember]:
    """Seat the published winners of a delegate election on its congress body, from the day
    the result was counted (to ``end``, the end of the term; default a year). Once only."""
    if actor is None:
        raise ServiceError(_("An organizer seats the delegates."))
    require_organizer_or_system(actor)
    at = at or timezone.now()
    if election.seat_body_id is None:
        raise ServiceError(_("This election does not elect delegates to a body."))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.delegates_seated_at is not None:
            raise ServiceError(_("The delegates of this election are seated already."))
        result = ElectionResult.objects.filter(election=election, recount_of__isnull=True).first()
        if result is None or election.state != Election.State.PUBLISHED:
            raise ServiceError(_("Delegates are seated once the result is published."))
        start = timezone.localdate(result.created_at)
        require_plausible_date(end, field="end")
        if end is not None and end < start:
            raise ServiceError(_("The term ends before it starts."), field="end")
        by_name = {c["name"]: c["id"] for c in result.data.get("candidates", [])}
        ids = [by_name[name] for name in result.data["elected"] if name in by_name]
        winners = {
            c.pk: c.member
            for c in Candidate.objects.filter(pk__in=ids).select_related("member__user")
        }
        seats = [
            org_services.body_member_add(
                actor=actor,
                body=election.seat_body,
                member=winners[pk],
                how=BodyMember.How.ELECTED,
                start=start,
                end=end or start + timedelta(days=365),
                at=at,
            )
            for pk in ids
        ]
        election.delegates_seated_at = at
        election.save(update_fields=["delegates_seated_at"])
    return seats

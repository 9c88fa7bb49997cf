"""Routes of the elections app."""

from datetime import timedelta

from tests.integration.routes import MEMBER, ORGANIZER, PUBLIC, SIGNED_IN  # noqa: F401

ROUTES: dict[str, dict[str, str]] = {
    "elections:list": {"GET": MEMBER},
    "elections:create": {"GET": ORGANIZER, "POST": ORGANIZER},
    "elections:import": {"GET": ORGANIZER, "POST": ORGANIZER},
    "elections:import-recount": {"POST": ORGANIZER},
    "elections:detail": {"GET": MEMBER},
    "elections:edit": {"GET": ORGANIZER, "POST": ORGANIZER},
    "elections:move": {"POST": ORGANIZER},
    "elections:notice": {"POST": ORGANIZER},
    "elections:cancel": {"POST": ORGANIZER},
    "elections:nominate": {"POST": MEMBER},
    "elections:candidate-second": {"POST": MEMBER},
    "elections:candidate-withdraw": {"POST": MEMBER},
    "elections:candidate-consent": {"POST": MEMBER},
    "elections:vote": {"GET": MEMBER, "POST": MEMBER},
    "elections:results": {"GET": MEMBER},
    "elections:result-sheet": {"GET": MEMBER},
    "elections:results-csv": {"GET": MEMBER},
    "elections:recount": {"POST": ORGANIZER},
    "elections:receipts": {"GET": MEMBER},
    "elections:who-voted": {"GET": MEMBER},
    "elections:ballots-download": {"GET": MEMBER},
    "elections:seat-delegates": {"POST": ORGANIZER},
    "elections:protest-lodge": {"POST": MEMBER},
    "elections:protest-answer": {"POST": ORGANIZER},
    "elections:observer-add": {"POST": MEMBER},
    "elections:log": {"GET": MEMBER},
    "elections:apportion": {"GET": ORGANIZER, "POST": ORGANIZER},
    "elections:apportionment": {"GET": MEMBER},
    "api:election-list": {"GET": MEMBER, "POST": ORGANIZER},
    "api:election-detail": {"GET": MEMBER, "PATCH": ORGANIZER},
    "api:election-move": {"POST": ORGANIZER},
    "api:election-cancel": {"POST": ORGANIZER},
    "api:election-candidates": {"GET": MEMBER, "POST": MEMBER},
    "api:election-vote": {"POST": MEMBER},
    "api:election-candidate-consent": {"POST": MEMBER},
    "api:election-results": {"GET": MEMBER},
    "api:election-result-sheet": {"GET": MEMBER},
    "api:election-results-csv": {"GET": MEMBER},
    "api:election-ballots": {"GET": MEMBER},
    "api:election-receipts": {"GET": MEMBER},
    "api:election-notice": {"POST": ORGANIZER},
    "api:election-protests": {"GET": MEMBER, "POST": MEMBER},
    "api:election-protest-answer": {"POST": ORGANIZER},
    "api:election-who-voted": {"GET": MEMBER},
    "api:election-seat": {"POST": ORGANIZER},
    "api:election-apportionments": {"GET": MEMBER, "POST": ORGANIZER},
    "api:election-import": {"POST": ORGANIZER},
    "api:election-import-recount": {"POST": ORGANIZER},
    "api:election-ballot-data": {"GET": MEMBER},
}

ONE = ["org_slug", "election_id"]
KWARGS: dict[str, list[str]] = {
    **{
        name: ONE
        for name in ROUTES
        if name
        not in (
            "elections:list",
            "elections:create",
            "elections:import",
            "api:election-import",
            "elections:apportion",
            "api:election-list",
            "api:election-apportionments",
        )
    },
    "elections:apportionment": ["org_slug", "apportionment_id"],
    "elections:protest-answer": [*ONE, "protest_id"],
    "api:election-protest-answer": [*ONE, "protest_id"],
    "elections:observer-add": [*ONE, "candidate_id"],
    "elections:candidate-second": [*ONE, "candidate_id"],
    "elections:candidate-withdraw": [*ONE, "candidate_id"],
    "elections:candidate-consent": [*ONE, "candidate_id"],
    "api:election-candidate-consent": [*ONE, "candidate_id"],
    "elections:ballots-download": [*ONE, "fmt"],
    "elections:result-sheet": [*ONE, "sheet_format"],
    "elections:results-csv": [*ONE, "table"],
    "api:election-result-sheet": [*ONE, "sheet_format"],
    "api:election-results-csv": [*ONE, "table"],
    "api:election-ballots": [*ONE, "fmt"],
}


def published_election(world):
    """A finished election in the test world: world.member stood, three members voted."""
    from django.utils import timezone

    from orgkit.elections import services
    from orgkit.organizations import services as org_services

    now = timezone.now()
    assembly = org_services.body_create(
        actor=world.organizer,
        name="Route Assembly",
        slug="route-assembly",
        kind="assembly",
        membership="organization",
    )
    election = services.election_create(
        actor=world.organizer,
        body=assembly,
        title="Route check",
        seats=1,
        notice_days=0,
        nominations_open_at=now - timedelta(days=3),
        nominations_close_at=now - timedelta(days=2),
        voting_opens_at=now - timedelta(days=2),
        voting_closes_at=now - timedelta(days=1),
        at=now - timedelta(days=4),
    )
    services.election_open_nominations(
        actor=world.organizer, election=election, at=now - timedelta(days=3)
    )
    election.refresh_from_db()
    at = now - timedelta(days=2, hours=12)
    candidate = services.candidate_nominate(
        actor=world.member, election=election, member=world.member, at=at
    )
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    election.refresh_from_db()
    for voter in (world.organizer, world.member):
        services.ballot_cast(
            voter=voter,
            election=election,
            ranking=[candidate.pk],
            at=election.voting_opens_at + timedelta(hours=1),
        )
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    services.election_count(election_id=election.pk)
    election.refresh_from_db()
    return election, candidate


def kwarg_values(world) -> dict:
    """Create what this app's routes point at inside the test world; return the URL kwargs."""
    from django.utils import timezone

    from orgkit.elections import services

    election, candidate = published_election(world)
    now = timezone.now()
    record = services.apportionment_create(
        actor=world.organizer,
        congress=world.body,
        seats=3,
        method="dhondt",
        snapshot_date=now.date(),
        notice_days=0,
        nominations_open_at=now,
        nominations_close_at=now + timedelta(days=1),
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
    )
    protest = services.protest_lodge(
        actor=world.member, election=election, text="The roll was wrong."
    )
    return {
        "election_id": election.pk,
        "candidate_id": candidate.pk,
        "fmt": "blt",
        "sheet_format": "pdf",
        "table": "stages",
        "apportionment_id": record.pk,
        "protest_id": protest.pk,
    }

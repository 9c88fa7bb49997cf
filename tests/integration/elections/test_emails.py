"""The elections app's emails: rendered from templates, in the recipient's language, once per
language, with links a mail client can open (absolute, to the right page)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test.signals import template_rendered
from django.urls import resolve
from django.utils import translation

from orgkit.elections import services
from orgkit.elections.services import mail
from orgkit.organizations.models import Member
from tests.integration.elections.conftest import (
    add_voters,
    assembly,
    make_election,
    nominate,
    open_voting,
)
from tests.support import write_catalogue

pytestmark = pytest.mark.django_db

LINK = re.compile(r"\S+://\S+|(?<!\S)/o/\S+")


def links(body: str) -> list[str]:
    return LINK.findall(body)


class Renders:
    """Which email templates were rendered, and in which language each time."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, sender, template, context, **kwargs) -> None:
        if template.name and template.name.startswith("emails/"):
            self.seen.append((template.name, translation.get_language()))


@pytest.fixture
def renders():
    recorder = Renders()
    template_rendered.connect(recorder)
    yield recorder
    template_rendered.disconnect(recorder)


def test_every_election_email_links_absolutely_to_its_page(world, mailoutbox, commit):
    voters = add_voters(world, 3)
    now = datetime.now(UTC)
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Officers",
        seats=1,
        notice_days=1,
        nominations_open_at=now,
        nominations_close_at=now + timedelta(days=2),
        voting_opens_at=now + timedelta(days=3),
        voting_closes_at=now + timedelta(days=5),
    )
    with commit(execute=True):
        services.election_send_notice(actor=world.organizer, election=election, at=now)
        services.election_open_nominations(actor=world.organizer, election=election, at=now)
        election.refresh_from_db()
        candidates = nominate(world, election, voters[:2])
        services.observer_name(actor=voters[0], candidate=candidates[0], member=voters[2], at=now)
        services.election_open_voting(
            actor=world.organizer, election=election, at=election.voting_opens_at
        )
        services.elections_remind_due(at=election.voting_closes_at - timedelta(hours=2))
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    expected = {
        "elections.notice": "detail",
        "elections.voting_open": "vote",
        "elections.reminder": "vote",
        "elections.observer": "log",
        "elections.results": "results",
    }
    kinds = {
        "Election notice": "elections.notice",
        "Voting is open": "elections.voting_open",
        "Reminder": "elections.reminder",
        "Voting closed": "elections.observer",
        "Results": "elections.results",
    }
    seen = set()
    for message in mailoutbox:
        kind = next(k for prefix, k in kinds.items() if message.subject.startswith(prefix))
        seen.add(kind)
        found = links(message.body)
        assert found, (message.subject, message.body)
        for link in found:
            assert link.startswith(settings.ORGKIT_BASE_URL.rstrip("/") + "/o/"), link
            match = resolve(urlparse(link).path)
            assert match.url_name == expected[kind]
            assert match.kwargs == {"org_slug": world.org.slug, "election_id": election.pk}
    assert seen == set(expected)


def test_voting_open_email_carries_each_statement_verbatim_in_nomination_order(
    world, mailoutbox, commit
):
    voters = add_voters(world, 3)
    election = make_election(world)
    at = election.nominations_open_at + timedelta(minutes=5)
    words = ["O'Brien & Sons <b>first</b>\nline two", "", "Equal terms — always."]
    for member, statement in zip(voters, words, strict=True):
        services.candidate_nominate(
            actor=member, election=election, member=member, statement=statement, at=at
        )
    with commit(execute=True):
        open_voting(world, election)
    opened = [m for m in mailoutbox if m.subject == "Voting is open: Delegates 2026"]
    assert len(opened) == 5  # 3 candidates, the organizer and the world's member
    body = opened[0].body
    assert "— Voter 000: O'Brien & Sons <b>first</b>\nline two\n" in body
    assert "— Voter 001: (no statement)\n" in body
    assert body.index("Voter 000:") < body.index("Voter 001:") < body.index("Voter 002:")
    assert "&amp;" not in body and "&#x27;" not in body
    assert {m.body for m in opened} == {body}  # every voter gets the same words


def test_an_email_is_written_in_the_recipients_language(
    world, mailoutbox, commit, settings, tmp_path
):
    """A stand-in Spanish catalogue for orgkit's words (the real one comes later); the month
    names come from Django's own."""
    write_catalogue(
        tmp_path,
        "es",
        {
            "Election notice: %(title)s": "Aviso de elección: %(title)s",
            "Nominations: %(opens)s to %(closes)s.": "Candidaturas: del %(opens)s al %(closes)s.",
            "The election's page:": "La página de la elección:",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]
    add_voters(world, 2)
    world.org.language = "es"
    world.org.save(update_fields=["language"])
    january = datetime(2031, 1, 10, 12, 0, tzinfo=UTC)
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Officers",
        seats=2,
        notice_days=15,
        nominations_open_at=january,
        nominations_close_at=january + timedelta(days=1),
        voting_opens_at=january + timedelta(days=2),
        voting_closes_at=january + timedelta(days=3),
    )
    with commit(execute=True):
        services.election_send_notice(
            actor=world.organizer, election=election, at=january - timedelta(days=30)
        )
    assert len(mailoutbox) == 4
    for message in mailoutbox:
        assert message.subject == "Aviso de elección: Officers"
        assert (
            "Candidaturas: del 10 de enero de 2031, 12:00 al 11 de enero de 2031, 12:00."
            in message.body
        )
        assert "La página de la elección: http" in message.body


def test_a_notice_to_many_members_is_rendered_once(world, renders, commit):
    add_voters(world, 12)
    now = datetime.now(UTC)
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Officers",
        seats=1,
        notice_days=1,
        nominations_open_at=now,
        nominations_close_at=now + timedelta(days=2),
        voting_opens_at=now + timedelta(days=3),
        voting_closes_at=now + timedelta(days=5),
    )
    with commit(execute=True):
        services.election_send_notice(actor=world.organizer, election=election, at=now)
    assert renders.seen == [("emails/elections_notice.txt", "en")]


def test_members_are_written_to_in_groups_by_language(world, renders, commit):
    election = make_election(world)
    members = list(
        Member.objects.filter(organization=world.org).select_related("user").order_by("pk")
    ) + add_voters(world, 3)
    for member, language in zip(members, ["es", "en", "es", "", "en"], strict=True):
        member.language = language  # "": the organization's (English)
    with commit(execute=True):
        sent = mail.email_members(
            election=election,
            members=members,
            email=mail.REMINDER,
            context={"vote_link": mail.election_url(election, "vote")},
        )
    assert sent == 5
    assert sorted(renders.seen) == [
        ("emails/elections_reminder.txt", "en"),
        ("emails/elections_reminder.txt", "es"),
    ]


def test_the_recipients_language_falls_back_to_the_organization():
    org = SimpleNamespace(language="es")
    assert mail._recipient_language(SimpleNamespace(language="en", organization=org)) == "en"
    assert mail._recipient_language(SimpleNamespace(language="", organization=org)) == "es"
    # A code orgkit does not offer falls back to the organization's, then the site's.
    assert mail._recipient_language(SimpleNamespace(language="xx", organization=org)) == "es"
    nowhere = SimpleNamespace(language="", organization=SimpleNamespace(language=""))
    assert mail._recipient_language(nowhere) == settings.LANGUAGE_CODE

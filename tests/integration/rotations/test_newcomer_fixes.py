"""What a newcomer hit (issue 13): a rotation started in the past, skips shown as leave, and no
alarm when a confirmed turn's holder is away."""

from __future__ import annotations

from datetime import date

import pytest

from orgkit.rotations import services
from orgkit.rotations.explanations import SKIPPED_TURN, reason_text, reason_texts
from orgkit.rotations.models import PoolEntry, Turn

pytestmark = pytest.mark.django_db


def texts(rotation) -> list[str]:
    """Every reason of the rotation's turns, worded; and the English text stored with a skip's
    reason is the same sentence the page words from its data."""
    for t in Turn.objects.filter(rotation=rotation):
        for row in t.reasons:
            if SKIPPED_TURN in (row.get("data") or {}):
                assert row["text"] == reason_text(row, turn_start=t.start)
    return [
        text
        for t in Turn.objects.filter(rotation=rotation).order_by("start")
        for text in reason_texts(t.reasons, turn_start=t.start)
    ]


def test_a_first_handover_in_the_past_plans_from_today_with_the_bodys_members(
    world, crew, frozen_now
):
    # The committee's seats start in 2026; the first handover is years before that.
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2020, 1, 6),
        plan_ahead_turns=6,
        at=frozen_now,
    )
    assert PoolEntry.objects.filter(rotation=rotation).count() == len(crew)
    turns = list(Turn.objects.filter(rotation=rotation).order_by("start"))
    assert len(turns) == 6
    assert turns[0].start >= frozen_now.date()  # planned from today, not from 2020
    assert all(t.holder_id for t in turns)
    assert not any("pool is empty" in text for text in texts(rotation))


@pytest.fixture
def two_turn_terms(world, crew, frozen_now):
    """Weekly, two-turn terms, the next holder shadows; first handover next Monday."""
    return services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        term_length=2,
        shadow_turns=True,
        confirmation_horizon=1,
        plan_ahead_turns=8,
        at=frozen_now,
    )


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user").get(rotation=rotation, start=day)


def test_a_cut_short_term_says_the_member_skipped_not_that_they_are_on_leave(
    world, two_turn_terms, crew
):
    bo = crew[2]
    services.turn_skip(actor=world.organizer, turn=turn_on(two_turn_terms, date(2027, 1, 4)))
    said = reason_texts(
        turn_on(two_turn_terms, date(2027, 1, 4)).reasons, turn_start=date(2027, 1, 4)
    )
    assert (
        f"{bo.display_name}'s term cut short: {bo.display_name} skipped the turn of 4 January"
        in said
    )
    assert not any("on leave" in text for text in texts(two_turn_terms))


def test_a_shadow_who_skipped_is_not_said_to_be_on_leave(world, crew, frozen_now):
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        shadow_turns=True,
        confirmation_horizon=0,
        plan_ahead_turns=6,
        at=frozen_now,
    )
    first = turn_on(rotation, date(2026, 12, 14))
    name = first.holder.display_name
    services.turn_skip(actor=world.organizer, turn=first)
    # They keep their place, so they hold the next turn — and cannot shadow the one they skipped.
    said = reason_texts(
        turn_on(rotation, date(2026, 12, 14)).reasons, turn_start=date(2026, 12, 14)
    )
    assert f"{name} can't shadow: they skipped the turn of 14 December" in said, said
    assert not any("on leave" in text for text in texts(rotation))


def test_leave_is_still_worded_as_leave(world, two_turn_terms, crew):
    bo = crew[2]
    services.leave_add(
        actor=world.organizer, member=bo, start=date(2027, 1, 4), end=date(2027, 1, 10)
    )
    said = texts(two_turn_terms)
    assert any("on leave until 10 January" in text for text in said), said
    assert not any("skipped the turn" in text for text in said), said


def _client(member):
    from django.test import Client

    client = Client()
    client.force_login(member.user)
    return client


def _flashed(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_skip_for_a_member_speaks_about_the_member(world, weekly, crew):
    ana = crew[1]
    turn = turn_on(weekly, date(2026, 12, 14))
    assert turn.holder_id == ana.pk
    response = _client(world.organizer).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/skip/", follow=True
    )
    assert _flashed(response) == [
        "Skipped for Ana Alder (14 December): Ana Alder keeps their place in the order and "
        "comes up at their next available turn."
    ]
    html = response.content.decode()
    assert "can&#x27;t shadow: on leave" not in html and "on leave until" not in html


def test_a_member_skipping_their_own_turn_is_told_they_keep_their_place(world, weekly, crew):
    ana = crew[1]
    turn = turn_on(weekly, date(2026, 12, 14))
    response = _client(ana).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/skip/", follow=True
    )
    assert _flashed(response) == [
        "Turn skipped. You keep your place and come up at your next available turn."
    ]


def test_covering_names_the_member_covered_for(world, weekly, crew):
    max_, bo = crew[0], crew[2]
    turn = turn_on(weekly, date(2026, 12, 21))
    assert turn.holder_id == bo.pk
    response = _client(max_).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/cover/", follow=True
    )
    assert _flashed(response) == [
        "You are covering Bo Birch's turn of 21 December; Bo Birch keeps their place in the "
        "order. Thank you!"
    ]


def test_the_log_says_skip_leave_and_cover_apart(world, weekly, crew):
    from orgkit.core.audit import describe_event
    from orgkit.core.models import AuditEvent

    ana, bo, cy = crew[1], crew[2], crew[3]
    services.turn_skip(actor=world.organizer, turn=turn_on(weekly, date(2026, 12, 14)))
    services.leave_add(
        actor=world.organizer, member=cy, start=date(2027, 2, 1), end=date(2027, 2, 7)
    )
    services.turn_cover(actor=ana, turn=turn_on(weekly, date(2026, 12, 21)))
    said = {
        e.verb.split(".")[-1]: describe_event(e)
        for e in AuditEvent.objects.filter(verb__startswith="rotations.turn.")
        | AuditEvent.objects.filter(verb="rotations.leave.added")
    }
    assert "Ana Alder skips" in said["skipped"] and "keeps their place" in said["skipped"]
    assert said["added"].startswith("recorded leave for Cy Cedar")
    assert said["covered"].startswith("covered") and bo.display_name in said["covered"]


# --- the alarm: a confirmed turn whose holder is away, or that has no holder ----------------


def _away_holder(world, weekly):
    """Bo holds the confirmed turn of 21 December, then goes on leave over it."""
    turn = turn_on(weekly, date(2026, 12, 21))
    assert turn.confirmed
    services.leave_add(
        actor=world.organizer, member=turn.holder, start=date(2026, 12, 20), end=date(2027, 1, 3)
    )
    turn.refresh_from_db()
    return turn


def test_a_confirmed_turn_whose_holder_is_away_needs_cover(world, weekly, crew):
    turn = _away_holder(world, weekly)
    assert turn.holder_id == crew[2].pk and turn.needs_cover
    assert not turn_on(weekly, date(2026, 12, 14)).needs_cover
    from orgkit.rotations.selectors import turns_needing_cover

    assert turns_needing_cover(organization=world.org, since=date(2026, 12, 7)) == [turn]
    assert (
        turns_needing_cover(organization=world.org, since=date(2026, 12, 7), member=crew[1]) == []
    )


def test_the_rotation_page_raises_the_alarm_with_find_cover(world, weekly, crew):
    turn = _away_holder(world, weekly)
    html = _client(crew[1]).get(f"/o/{world.org.slug}/rotations/{weekly.pk}/").content.decode()
    alarm = html[html.index('role="alert"') : html.index("</section>", html.index('role="alert"'))]
    assert "21 December: Bo Birch is on leave until 3 January 2027 — the turn needs cover" in alarm
    assert f'href="#turn-{turn.pk}"' in alarm and "Find cover" in alarm
    assert f'id="turn-{turn.pk}"' in html  # the row the link lands on, with its Cover button


def test_no_alarm_when_every_confirmed_turn_is_served(world, weekly, crew):
    html = _client(crew[1]).get(f"/o/{world.org.slug}/rotations/{weekly.pk}/").content.decode()
    assert 'role="alert"' not in html and "needs cover" not in html


def test_the_dashboards_of_the_organizer_and_the_holder_raise_the_alarm(world, weekly, crew):
    turn = _away_holder(world, weekly)
    link = f"/o/{world.org.slug}/rotations/{weekly.pk}/#turn-{turn.pk}"
    for who in (world.organizer, crew[2]):
        html = _client(who).get(f"/o/{world.org.slug}/").content.decode()
        assert "A confirmed turn needs cover" in html and link in html, who
    # A plain member who does not hold the turn is not alarmed about it.
    html = _client(crew[1]).get(f"/o/{world.org.slug}/").content.decode()
    assert "needs cover" not in html


def test_the_calendar_says_the_turn_needs_cover(world, weekly, crew):
    from icalendar import Calendar

    turn = _away_holder(world, weekly)
    _, token = services.feed_create(actor=crew[2], kind="personal")
    feed = _client(crew[2]).get(f"/o/{world.org.slug}/rotations/feed/{token}.ics")
    events = {
        e.decoded("dtstart").date(): e for e in Calendar.from_ical(feed.content).walk("VEVENT")
    }
    alarmed = events[turn.start]
    assert str(alarmed["summary"]).startswith("NEEDS COVER: Coordinator")
    assert str(alarmed["url"]).endswith(f"/rotations/{weekly.pk}/#turn-{turn.pk}")
    assert not any(
        str(e["summary"]).startswith("NEEDS") for d, e in events.items() if d != turn.start
    )


def test_an_open_confirmed_turn_needs_cover(world, weekly, crew):
    turn = turn_on(weekly, date(2026, 12, 21))
    Turn.objects.filter(pk=turn.pk).update(holder=None)  # as a plan with nobody available leaves it
    turn.refresh_from_db()
    from orgkit.rotations.explanations import cover_alarm

    assert turn.needs_cover
    assert (
        cover_alarm(turn) == "21 December: confirmed, but nobody holds this turn — it needs cover"
    )


def test_the_demo_shows_a_skip_a_cover_and_an_alarm():
    from django.core.management import call_command

    from orgkit.rotations.models import Skip
    from orgkit.rotations.planning import PASSED_OVER_NOTE
    from orgkit.rotations.selectors import turns_needing_cover

    call_command("load_demo", verbosity=0)
    assert Skip.objects.exclude(note=PASSED_OVER_NOTE).exists()
    covered = Turn.objects.get(status=Turn.Status.COVERED)
    assert (covered.holder.display_name, covered.covered_for.display_name) == (
        "Lena Brandt",
        "Idris Haddad",
    )
    alarms = turns_needing_cover(organization=covered.organization, since=date(1900, 1, 1))
    assert [t.holder.display_name for t in alarms] == ["Tomás Ruiz"]
    # The two-turn secretary shows a one-turn swap: exactly two turns, one each way.
    swapped = list(Turn.objects.filter(status=Turn.Status.SWAPPED).order_by("start"))
    assert len(swapped) == 2
    assert swapped[0].holder_id == swapped[1].covered_for_id
    assert swapped[1].holder_id == swapped[0].covered_for_id


def test_a_swap_request_whose_turn_was_given_away_closes_itself_with_a_notice(
    world, weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    from orgkit.core.audit import describe_event
    from orgkit.core.models import AuditEvent
    from orgkit.rotations.models import Swap

    ana, bo = crew[1], crew[2]
    offered, wanted = turn_on(weekly, date(2026, 12, 14)), turn_on(weekly, date(2026, 12, 21))
    swap = services.swap_request(actor=ana, offered_turn=offered, wanted_turn=wanted)
    services.turn_accept(actor=bo, turn=wanted)  # nothing changes hands: still requested
    swap.refresh_from_db()
    assert swap.status == Swap.Status.REQUESTED
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.turn_skip(actor=ana, turn=offered)  # Ana gives the offered turn away
    swap.refresh_from_db()
    assert swap.status == Swap.Status.LAPSED
    closed = [m for m in mailoutbox if "swap request was closed" in m.subject]
    assert sorted(m.to[0] for m in closed) == ["ana@example.org", "bo@example.org"]
    assert "can no longer be honoured" in closed[0].body
    event = AuditEvent.objects.get(verb="rotations.swap.lapsed")
    assert event.actor is None and event.data["why"] == "skipped"
    # Its own words in the log: nobody "withdrew" it.
    assert "closed on its own" in describe_event(event)
    assert "withdrew" not in describe_event(event)
    assert not AuditEvent.objects.filter(verb="rotations.swap.cancelled").exists()

"""The decisions API and pages: the report beside the decision, clear refusals, and query
counts that do not grow with the rows (N vs N+20)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from orgkit.decisions import services
from tests.integration.decisions.conftest import decided_9_6
from tests.support import assert_queries_constant, queries_of


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_files_cosigns_and_shows_reports_beside_the_decision(council, world):
    m = council.members
    motion = decided_9_6(council, at=timezone.now())
    base = f"/api/v1/orgs/{world.org.slug}/decisions/"
    filed = api_for(m[9].user).post(
        f"{base}motions/{motion.pk}/reports/",
        {"title": "Against", "text": "Wages **freeze**."},
        format="json",
    )
    assert filed.status_code == 201, filed.content
    report_id = filed.json()["id"]
    signed = api_for(m[10].user).post(f"{base}reports/{report_id}/cosign/")
    assert signed.status_code == 201 and signed.json()["signatories"] == ["Member 09"]
    twice = api_for(m[10].user).post(f"{base}reports/{report_id}/cosign/")
    assert twice.status_code == 400 and "already" in twice.json()["detail"]
    majority = api_for(m[1].user).post(
        f"{base}motions/{motion.pk}/reports/", {"title": "x", "text": "y"}, format="json"
    )
    assert majority.status_code == 400 and "minority" in majority.json()["detail"]
    detail = api_for(m[0].user).get(f"{base}motions/{motion.pk}/").json()
    assert detail["outcome"] == "carried" and detail["votes_for"] == 9
    assert detail["minority_reports"][0]["html"] == "<p>Wages <strong>freeze</strong>.</p>\n"
    outsider = api_for(world.outsider_user).get(f"{base}motions/{motion.pk}/")
    assert outsider.status_code == 404


def test_api_meeting_inside_notice_is_a_clear_400(council, world):
    base = f"/api/v1/orgs/{world.org.slug}/decisions/meetings/"
    response = api_for(world.organizer.user).post(
        base,
        {
            "body": council.council.pk,
            "title": "Rushed",
            "starts_at": (timezone.now() + timedelta(days=2)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "notice" in response.json()["starts_at"][0]


def test_decision_page_shows_each_report_beside_the_decision(council, world):
    m = council.members
    motion = decided_9_6(council, at=timezone.now())
    services.report_file(actor=m[9], motion=motion, title="Our view", text="Wages <script>x")
    html = page_for(m[9].user).get(f"/o/{world.org.slug}/decisions/motions/{motion.pk}/")
    text = html.content.decode()
    assert html.status_code == 200
    record = text[text.index('class="columns record"') :]
    assert record.index('class="decision"') < record.index('class="minority-report"')
    assert "Minority report: Our view" in text and "<script>x" not in text
    assert "File a minority report" in text  # m[9] is in the minority
    majority = page_for(m[0].user).get(f"/o/{world.org.slug}/decisions/motions/{motion.pk}/")
    assert "File a minority report" not in majority.content.decode()


def test_a_refused_page_action_says_why(council, world):
    m = council.members
    motion = decided_9_6(council, at=timezone.now())
    client = page_for(m[0].user)
    response = client.post(
        f"/o/{world.org.slug}/decisions/motions/{motion.pk}/reports/",
        {"title": "x", "text": "y"},
        follow=True,
    )
    assert "filed by members of the minority" in response.content.decode()
    assert not motion.reports.exists()


@pytest.fixture
def many(council, world):
    """Motions with reports, signatures and votes; ``grow()`` adds 20 more of each."""
    m = council.members
    state = {"n": 0}

    def add(count):
        for _ in range(count):
            state["n"] += 1
            motion = decided_9_6(council, at=timezone.now())
            report = services.report_file(
                actor=m[9], motion=motion, title=f"R{state['n']}", text="t"
            )
            services.report_cosign(actor=m[10], report=report)
            services.appeal_file(actor=m[11], motion=motion, grounds="g")
        return motion

    return add


def test_list_pages_and_endpoints_keep_their_query_count(council, world, many):
    many(2)
    client = page_for(world.member.user)
    api = api_for(world.member.user)
    slug = world.org.slug

    def measure():
        return (
            queries_of(client, f"/o/{slug}/decisions/"),
            queries_of(api, f"/api/v1/orgs/{slug}/decisions/motions/"),
            queries_of(api, f"/api/v1/orgs/{slug}/decisions/appeals/"),
            queries_of(api, f"/api/v1/orgs/{slug}/decisions/meetings/"),
        )

    assert_queries_constant(measure, lambda: many(20), at_most=20)


def test_decision_page_and_endpoint_keep_their_query_count_as_reports_grow(council, world):
    m = council.members
    motion = decided_9_6(council, at=timezone.now())
    client = page_for(m[9].user)
    api = api_for(m[9].user)
    slug = world.org.slug

    def add(count, start):
        for i in range(start, start + count):
            report = services.report_file(
                actor=m[9 + i % 6], motion=motion, title=f"R{i}", text="t"
            )
            services.report_cosign(actor=m[9 + (i + 1) % 6], report=report)

    add(2, 0)

    def measure():
        return (
            queries_of(client, f"/o/{slug}/decisions/motions/{motion.pk}/"),
            queries_of(api, f"/api/v1/orgs/{slug}/decisions/motions/{motion.pk}/"),
            queries_of(api, f"/api/v1/orgs/{slug}/decisions/motions/{motion.pk}/reports/"),
        )

    assert_queries_constant(measure, lambda: add(20, 2), at_most=30)


def test_dashboard_shows_open_windows_and_emergency_meetings(council, world):
    motion = decided_9_6(council, at=timezone.now())
    services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Snap meeting",
        starts_at=timezone.now() + timedelta(days=1),
        emergency_reasons="Lock-out.",
    )
    page = page_for(world.member.user).get(f"/o/{world.org.slug}/").content.decode()
    assert motion.title in page and "then it publishes" in page
    assert "Snap meeting" in page and "emergency decision" in page


def test_meeting_pages_refuse_bad_input_with_a_message(council, world):
    client = page_for(world.organizer.user)
    url = f"/o/{world.org.slug}/decisions/meetings/new/"
    far = client.post(
        url, {"body": council.council.pk, "title": "Far", "starts_at": "9999-01-01T10:00"}
    )
    assert far.status_code == 400 and "1900" in far.content.decode()
    soon = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    rushed = client.post(url, {"body": council.council.pk, "title": "Rushed", "starts_at": soon})
    assert rushed.status_code == 400 and "notice" in rushed.content.decode()
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Later",
        starts_at=timezone.now() + timedelta(days=20),
    )
    earlier = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    moved = client.post(
        f"/o/{world.org.slug}/decisions/meetings/{meeting.pk}/move/", {"starts_at": earlier}
    )
    assert moved.status_code == 400
    assert "cannot be moved earlier without an emergency decision" in moved.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at > timezone.now() + timedelta(days=19)


def test_online_vote_through_the_pages_shows_each_reason_beside_the_vote(council, world):
    m = council.members
    motion = services.motion_propose(
        actor=m[0], body=council.council, title="Dues", text="Raise dues.", seconder=m[1]
    )
    slug = world.org.slug
    closes = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    opened = page_for(world.organizer.user).post(
        f"/o/{slug}/decisions/motions/{motion.pk}/open-voting/", {"closes_at": closes}, follow=True
    )
    assert "Online voting is open." in opened.content.decode()
    voter = page_for(m[5].user)
    voted = voter.post(
        f"/o/{slug}/decisions/motions/{motion.pk}/vote/",
        {"choice": "against", "reason": "Members are on strike pay."},
        follow=True,
    ).content.decode()
    assert "Your vote is cast." in voted and "You voted against." in voted
    assert "Members are on strike pay." in voted
    again = voter.post(
        f"/o/{slug}/decisions/motions/{motion.pk}/vote/", {"choice": "for"}, follow=True
    )
    assert "voted on this motion already" in again.content.decode()

"""Skills pages and API: the main flow through forms, CSV exports, and query counts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.skills import services
from orgkit.skills.models import Level, MemberSkillLevel, SignOff
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def _client(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def url(name, world, **kwargs):
    return reverse(name, kwargs={"org_slug": world.org.slug, **kwargs})


def test_log_sign_off_and_see_the_matrix_change(world, crew, skills):
    chair, _ = skills
    ana, bo = crew[1], crew[2]
    organizer = _client(world.organizer)
    response = organizer.post(
        url("skills:session-new", world),
        {
            "skill": chair.pk,
            "teachers": [world.organizer.pk],
            "learners": [ana.pk, bo.pk],
            "held_on": "2026-03-02",
            "minutes": "90",
            "level_offered": str(Level.CAN_DO),
            "notes": "Ran the March meeting together.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    signoff = SignOff.objects.get(learner=ana)
    # Signing off for someone else is refused; the learner's own answer counts.
    assert (
        _client(bo)
        .post(url("skills:signoff", world, signoff_id=signoff.pk), {"answer": "confirm"})
        .status_code
        == 403
    )
    response = _client(ana).post(
        url("skills:signoff", world, signoff_id=signoff.pk), {"answer": "confirm", "level": "3"}
    )
    assert response.status_code == 302
    assert MemberSkillLevel.objects.get(member=ana, skill=chair).level == Level.CAN_DO
    page = organizer.get(url("skills:matrix", world)).content.decode()
    assert 'id="matrix"' in page and "Ana Alder" in page
    # A dispute without a reason is sent back with the reason asked for.
    bo_off = SignOff.objects.get(learner=bo)
    response = _client(bo).post(
        url("skills:signoff", world, signoff_id=bo_off.pk), {"answer": "dispute"}
    )
    assert response.status_code == 400 and "Say what is wrong" in response.content.decode()


def test_a_session_with_no_learners_is_refused_on_the_page(world, crew, skills):
    chair, _ = skills
    response = _client(world.member).post(
        url("skills:session-new", world),
        {
            "skill": chair.pk,
            "teachers": [world.member.pk],
            "held_on": "2026-03-02",
            "minutes": "30",
            "level_offered": "2",
        },
    )
    assert response.status_code == 400
    assert "Name at least one learner." in response.content.decode()


def test_retiring_a_needed_skill_is_refused_with_its_role_named(world, skills):
    chair, _ = skills
    services.requirement_set(actor=world.organizer, role=world.role, skill=chair, level=3)
    response = _client(world.organizer).post(
        url("skills:skill-retire", world, skill_id=chair.pk), follow=True
    )
    assert "still needed by Coordinator" in response.content.decode()


def test_csv_exports_are_safe_for_spreadsheets(world, crew, skills):
    chair, _ = skills
    evil = org_services.member_add(
        actor=world.organizer, email="e@example.org", full_name="=HYPERLINK(1)"
    )
    services.level_set(actor=evil, skill=chair, level=2)
    services.session_log(
        actor=world.organizer,
        skill=chair,
        teachers=[world.organizer],
        learners=[evil],
        held_on=date(2026, 2, 1),
        minutes=30,
    )
    client = _client(world.member)
    rows = list(
        csv.reader(io.StringIO(client.get(url("skills:matrix-csv", world)).content.decode()))
    )
    assert rows[0][1:] == ["Chairing", "Minutes"]
    assert ["'=HYPERLINK(1)", "2", ""] in rows
    log = list(csv.reader(io.StringIO(client.get(url("skills:log-csv", world)).content.decode())))
    assert log[1][:5] == ["2026-02-01", "Chairing", "30", "Olga Organizer", "'=HYPERLINK(1)"]


def test_api_flow(world, crew, skills):
    chair, _ = skills
    ana = crew[1]
    organizer = _client(world.organizer)
    base = f"/api/v1/orgs/{world.org.slug}/skills/"
    response = organizer.post(
        base + "sessions/",
        {
            "skill": chair.pk,
            "teachers": [world.organizer.pk],
            "learners": [ana.pk],
            "held_on": "2026-03-01",
            "minutes": 45,
            "level_offered": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    signoff_id = response.json()["signoffs"][0]["id"]
    assert (
        organizer.post(
            f"{base}signoffs/{signoff_id}/", {"confirm": True}, content_type="application/json"
        ).status_code
        == 403
    )
    response = _client(ana).post(
        f"{base}signoffs/{signoff_id}/", {"confirm": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    matrix = organizer.get(base + "matrix/").json()
    assert {"member": ana.pk, "name": "Ana Alder", "levels": {str(chair.pk): 3}} in matrix["rows"]
    empty = organizer.post(
        base + "sessions/",
        {
            "skill": chair.pk,
            "teachers": [world.organizer.pk],
            "learners": [],
            "held_on": "2026-03-01",
            "minutes": 45,
        },
        content_type="application/json",
    )
    assert empty.status_code == 400
    response = organizer.post(
        base + "requirements/",
        {"role": world.role.pk, "skill": chair.pk, "level": 3},
        content_type="application/json",
    )
    assert response.status_code == 201
    retire = organizer.patch(
        f"{base}{chair.pk}/", {"retired": True}, content_type="application/json"
    )
    assert retire.status_code == 400 and "Coordinator" in str(retire.json())
    (row,) = [r for r in organizer.get(base + "coverage/").json() if r["role"] == world.role.pk]
    assert row["bus_factor"] == 1 and row["able"] == [ana.pk]


def _grow(world, n_start: int):
    """Twenty more members and twenty more skills, each member with levels and a session."""
    members = [
        org_services.member_add(
            actor=world.organizer, email=f"grow{n_start + i}@example.org", full_name=f"Grow {i}"
        )
        for i in range(20)
    ]
    new_skills = [
        services.skill_add(
            actor=world.organizer, organization=world.org, name=f"Skill {n_start + i}"
        )
        for i in range(20)
    ]
    for member, skill in zip(members, new_skills, strict=True):
        services.level_set(actor=member, skill=skill, level=3)
        services.requirement_set(actor=world.organizer, role=world.role, skill=skill, level=1)
        session = services.session_log(
            actor=world.organizer,
            skill=skill,
            teachers=[world.organizer],
            learners=[member],
            held_on=date(2026, 1, 10),
            minutes=30,
        )
        services.signoff_answer(actor=member, signoff=session.signoffs.get(), confirm=True)


LIST_ROUTES = [
    ("skills:matrix", 'id="matrix"'),
    ("skills:catalogue", "Skill"),
    ("skills:roles", "bus factor"),
    ("skills:log", "Teaching log"),
    ("skills:mine", "My levels"),
    ("skills:alerts", "Succession alerts"),
    ("api:skill-matrix", ""),
    ("api:skill-coverage", ""),
    ("api:skill-session-list", ""),
    ("api:skill-list", ""),
    ("api:skill-alerts", ""),
    ("api:skill-requirements", ""),
    ("api:skill-rotation-rules", ""),
]


def test_list_pages_keep_their_query_count_as_members_and_skills_grow(world, skills):
    """Every list page and endpoint, measured together (one growth for all of them)."""
    client = _client(world.organizer)
    _grow(world, 0)
    counts = assert_queries_constant(
        lambda: tuple(
            queries_of(client, url(name, world), contains=contains)
            for name, contains in LIST_ROUTES
        ),
        lambda: _grow(world, 100),
        at_most=16,
    )
    assert len(counts) == len(LIST_ROUTES)


def test_role_page_keeps_its_query_count_as_needs_and_members_grow(world, skills):
    client = _client(world.organizer)
    _grow(world, 0)
    assert_queries_constant(
        lambda: queries_of(
            client, url("skills:role", world, role_id=world.role.pk), contains="bus-factor"
        ),
        lambda: _grow(world, 100),
        at_most=16,
    )


def test_skill_page_keeps_its_query_count_as_holders_and_sessions_grow(world, skills):
    chair, _ = skills
    client = _client(world.organizer)

    def grow(start):
        for i in range(20):
            member = org_services.member_add(
                actor=world.organizer, email=f"h{start + i}@example.org", full_name=f"Holder {i}"
            )
            services.level_set(actor=member, skill=chair, level=2)
            services.session_log(
                actor=world.organizer,
                skill=chair,
                teachers=[world.organizer],
                learners=[member],
                held_on=date(2026, 1, 10),
                minutes=30,
            )

    grow(0)
    assert_queries_constant(
        lambda: queries_of(
            client, url("skills:skill", world, skill_id=chair.pk), contains="Holder"
        ),
        lambda: grow(100),
        at_most=12,
    )


@pytest.mark.parametrize(
    "hostile",
    [
        {"held_on": "9999-12-25"},
        {"held_on": "1899-12-31"},
        {"skill": "²"},
        {"skill": "99999999999999999999999999"},
        {"learners": ["1e5"]},
        {"learners": ["-1"]},
        {"minutes": "100000"},
        {"level_offered": "7"},
    ],
)
def test_hostile_session_forms_are_refused_and_save_nothing(world, crew, skills, hostile):
    chair, _ = skills
    data = {
        "skill": chair.pk,
        "teachers": [world.member.pk],
        "learners": [crew[1].pk],
        "held_on": "2026-03-02",
        "minutes": "30",
        "level_offered": "2",
        **hostile,
    }
    client = Client(raise_request_exception=False)
    client.force_login(world.member.user)
    response = client.post(url("skills:session-new", world), data)
    assert response.status_code == 400
    from orgkit.skills.models import TeachingSession

    assert not TeachingSession.objects.exists()


def test_a_future_session_and_a_level_from_another_org_are_refused(world, crew, skills):
    chair, _ = skills
    other_skill = services.skill_add(
        actor=Member.objects.get(organization=world.other_org),
        organization=world.other_org,
        name="Elsewhere",
    )
    client = _client(world.member)
    response = client.post(url("skills:mine", world), {"skill": other_skill.pk, "level": "3"})
    assert response.status_code == 400
    assert not MemberSkillLevel.objects.exists()
    response = client.post(
        url("skills:session-new", world),
        {
            "skill": chair.pk,
            "teachers": [world.member.pk],
            "learners": [crew[1].pk],
            "held_on": "2100-01-01",
            "minutes": "30",
            "level_offered": "2",
        },
    )
    assert response.status_code == 400
    assert "once it has happened" in response.content.decode()

"""Skills services: the catalogue, levels with history, the teaching log and sign-offs."""

from __future__ import annotations

from datetime import date

import pytest

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.models import AuditEvent
from orgkit.skills import selectors, services
from orgkit.skills.models import (
    Level,
    LevelChange,
    MemberSkillLevel,
    SignOff,
    Skill,
    TeachingSession,
)

pytestmark = pytest.mark.django_db


def _log(world, crew, skill, learners, **kw):
    return services.session_log(
        actor=world.organizer,
        skill=skill,
        teachers=[world.organizer],
        learners=learners,
        held_on=kw.pop("held_on", date(2026, 3, 1)),
        minutes=kw.pop("minutes", 90),
        **kw,
    )


def test_catalogue_basics_once_and_unique_names(world):
    added = services.catalogue_add_basics(actor=world.organizer, organization=world.org)
    assert len(added) == len(services.BASICS)
    assert services.catalogue_add_basics(actor=world.organizer, organization=world.org) == []
    with pytest.raises(ServiceError) as exc:
        services.skill_add(actor=world.organizer, organization=world.org, name="taking MINUTES")
    assert exc.value.field == "name"
    with pytest.raises(NotAllowed):
        services.skill_add(actor=world.member, organization=world.org, name="Cooking")


def test_a_skill_a_role_needs_cannot_be_retired_and_retiring_keeps_history(world, crew, skills):
    chair, minutes = skills
    services.requirement_set(actor=world.organizer, role=world.role, skill=chair, level=3)
    with pytest.raises(ServiceError, match="Coordinator"):
        services.skill_retire(actor=world.organizer, skill=chair)
    _log(world, crew, minutes, [crew[1]])
    minutes = services.skill_retire(actor=world.organizer, skill=minutes)
    assert Skill.objects.get(pk=minutes.pk).retired_at is not None
    assert TeachingSession.objects.filter(skill=minutes).count() == 1
    with pytest.raises(ServiceError, match="retired"):
        _log(world, crew, minutes, [crew[1]])
    services.skill_restore(actor=world.organizer, skill=minutes)
    assert list(selectors.skill_choices(organization=world.org)) == [chair, minutes]


def test_session_needs_learners_and_teachers_and_members_of_this_org(world, crew, skills):
    chair, _ = skills
    with pytest.raises(ServiceError) as exc:
        _log(world, crew, chair, [])
    assert exc.value.field == "learners"
    with pytest.raises(ServiceError):
        _log(world, crew, chair, [world.organizer])  # teacher and learner at once
    from orgkit.organizations.models import Member

    stranger = Member.objects.get(organization=world.other_org)
    with pytest.raises(ServiceError):
        _log(world, crew, chair, [stranger])
    with pytest.raises(ServiceError) as exc:
        _log(world, crew, chair, [crew[1]], minutes=0)
    assert exc.value.field == "minutes"
    with pytest.raises(ServiceError):
        _log(world, crew, chair, [crew[1]], held_on=date(1800, 1, 1))
    assert TeachingSession.objects.count() == 0


def test_sign_off_raises_the_level_once_and_only_by_the_learner(world, crew, skills):
    chair, _ = skills
    ana, bo = crew[1], crew[2]
    session = _log(world, crew, chair, [ana, bo], level_offered=Level.CAN_DO)
    ana_off = session.signoffs.get(learner=ana)
    with pytest.raises(NotAllowed):
        services.signoff_answer(actor=bo, signoff=ana_off, confirm=True)
    with pytest.raises(NotAllowed):
        services.signoff_answer(actor=world.organizer, signoff=ana_off, confirm=True)
    with pytest.raises(ServiceError) as exc:
        services.signoff_answer(actor=ana, signoff=ana_off, confirm=True, level=Level.CAN_TEACH)
    assert exc.value.field == "level"
    services.signoff_answer(actor=ana, signoff=ana_off, confirm=True)
    level = MemberSkillLevel.objects.get(member=ana, skill=chair)
    assert (level.level, level.confirmed_level) == (Level.CAN_DO, Level.CAN_DO)
    with pytest.raises(ServiceError, match="already"):
        services.signoff_answer(actor=ana, signoff=ana_off, confirm=False, comment="no")
    # A dispute needs a reason, and changes no level.
    bo_off = session.signoffs.get(learner=bo)
    with pytest.raises(ServiceError) as exc:
        services.signoff_answer(actor=bo, signoff=bo_off, confirm=False)
    assert exc.value.field == "comment"
    services.signoff_answer(actor=bo, signoff=bo_off, confirm=False, comment="I was not there")
    assert SignOff.objects.get(pk=bo_off.pk).status == SignOff.Status.DISPUTED
    assert not MemberSkillLevel.objects.filter(member=bo).exists()
    verbs = set(
        AuditEvent.objects.filter(verb__startswith="skills.").values_list("verb", flat=True)
    )
    assert {
        "skills.session.logged",
        "skills.session.signed_off",
        "skills.session.disputed",
    } <= verbs


def test_self_assessment_and_the_session_rule(world, crew, skills):
    chair, _ = skills
    ana = crew[1]
    services.level_set(actor=ana, skill=chair, level=Level.CAN_TEACH)  # no rule: allowed
    services.level_set(actor=ana, skill=chair, level=Level.LEARNING)  # lowering: allowed
    services.settings_update(actor=world.organizer, organization=world.org, require_sessions=True)
    with pytest.raises(ServiceError) as exc:
        services.level_set(actor=ana, skill=chair, level=Level.CAN_DO)
    assert exc.value.field == "level"
    with pytest.raises(ServiceError):
        services.level_set(actor=ana, skill=chair, level=Level.WITH_SUPPORT)  # nothing confirmed
    session = _log(world, crew, chair, [ana], level_offered=Level.WITH_SUPPORT)
    services.signoff_answer(actor=ana, signoff=session.signoffs.get(), confirm=True)
    services.level_set(actor=ana, skill=chair, level=Level.CAN_DO)  # confirmed + 1
    with pytest.raises(ServiceError):
        services.level_set(actor=ana, skill=chair, level="9")
    history = list(
        LevelChange.objects.filter(member=ana, skill=chair)
        .order_by("changed_at", "id")
        .values_list("old_level", "new_level", "source")
    )
    assert history == [(0, 4, "self"), (4, 1, "self"), (1, 2, "session"), (2, 3, "self")]


def test_coverage_and_bus_factor_follow_sign_offs(world, crew, skills):
    chair, minutes = skills
    services.requirement_set(actor=world.organizer, role=world.role, skill=chair, level=3)
    services.level_set(actor=world.organizer, skill=chair, level=Level.CAN_TEACH)
    (row,) = selectors.role_coverage_list(organization=world.org)
    assert row.bus_factor == 1 and row.able == [world.organizer]
    session = _log(world, crew, chair, crew[1:3], level_offered=Level.CAN_DO)
    for signoff in session.signoffs.all():
        services.signoff_answer(actor=signoff.learner, signoff=signoff, confirm=True)
    (row,) = selectors.role_coverage_list(organization=world.org)
    assert row.bus_factor == 3
    tally = selectors.teaching_tally(organization=world.org)
    assert tally.ranking[0] == (world.organizer, 2, 1)
    assert crew[1] not in tally.never_taught_by_anyone
    matrix = selectors.coverage_matrix(organization=world.org)
    by_member = {m.pk: levels for m, levels in matrix.rows}
    assert by_member[crew[1].pk] == [Level.CAN_DO, 0]

"""The teaching log: sessions, each learner's sign-off or dispute, shadow turns as sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.queueing import enqueue_after_commit
from orgkit.organizations.models import Member
from orgkit.skills.events import SkillEvent
from orgkit.skills.models import Level, SessionTeacher, SignOff, Skill, TeachingSession
from orgkit.skills.services._common import audit_actor, check_level, check_skill, require_member
from orgkit.skills.services.levels import level_confirm

MAX_NOTES = 10_000
MAX_MINUTES = 24 * 60
MAX_PEOPLE = 200
REPLAN_TASK = "orgkit.skills.tasks.replan_rotations_needing"


def _people(members: Sequence[Member], organization, *, field: str) -> list[Member]:
    unique = list({m.pk: m for m in members}.values())
    if len(unique) > MAX_PEOPLE:
        raise ServiceError(_("Too many people for one session."), field=field)
    for member in unique:
        if member.organization_id != organization.pk or member.status != Member.Status.ACTIVE:
            raise ServiceError(_("Everyone must be an active member here."), field=field)
    return unique


def session_log(
    *,
    actor: Member | None,
    skill: Skill,
    teachers: Sequence[Member],
    learners: Sequence[Member],
    held_on: date,
    minutes: int,
    notes: str = "",
    level_offered: int = Level.WITH_SUPPORT,
    source: str = TeachingSession.Source.LOGGED,
    turn_id: int | None = None,
    at: datetime | None = None,
) -> TeachingSession:
    """Log a teaching session (any member). Each learner gets a sign-off to answer; nothing
    about their level changes until they sign off."""
    organization = skill.organization
    require_member(actor, organization)
    check_skill(skill, organization)
    teachers = _people(teachers, organization, field="teachers")
    learners = _people(learners, organization, field="learners")
    if not teachers:
        raise ServiceError(_("Name who taught."), field="teachers")
    if not learners:
        raise ServiceError(_("Name at least one learner."), field="learners")
    both = {m.pk for m in teachers} & {m.pk for m in learners}
    if both:
        raise ServiceError(_("Nobody can be both teacher and learner."), field="learners")
    require_plausible_date(held_on, field="held_on")
    at = at or timezone.now()
    if held_on > timezone.localdate(at) and source == TeachingSession.Source.LOGGED:
        raise ServiceError(_("Log a session once it has happened."), field="held_on")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise ServiceError(_("Give the duration in minutes (1 to 1440)."), field="minutes")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ServiceError(
            _("Keep the notes under %(most)s characters.") % {"most": MAX_NOTES}, field="notes"
        )
    level_offered = check_level(level_offered, field="level_offered")
    with transaction.atomic():
        session = TeachingSession.objects.create(
            organization=organization,
            skill=skill,
            held_on=held_on,
            minutes=minutes,
            notes=notes,
            level_offered=level_offered,
            logged_by=actor,
            source=source,
            turn_id=turn_id,
            created_at=at,
        )
        SessionTeacher.objects.bulk_create(
            SessionTeacher(organization=organization, session=session, teacher=m) for m in teachers
        )
        SignOff.objects.bulk_create(
            SignOff(organization=organization, session=session, learner=m) for m in learners
        )
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SESSION_LOGGED,
            target=session,
            data={"learners": len(learners)},
            at=at,
        )
    return session


def signoff_answer(
    *,
    actor: Member,
    signoff: SignOff,
    confirm: bool,
    level: int | None = None,
    comment: str = "",
    at: datetime | None = None,
) -> SignOff:
    """The learner signs off a session (their level rises to what it confirms, if higher) or
    disputes it (nothing changes but the record). Only the learner may answer, once."""
    organization = signoff.organization
    require_member(actor, organization)
    if actor.pk != signoff.learner_id:
        raise NotAllowed(_("Only the learner can sign off or dispute their own session."))
    comment = (comment or "").strip()
    if len(comment) > MAX_NOTES:
        raise ServiceError(_("Keep the comment shorter."), field="comment")
    if not confirm and not comment:
        raise ServiceError(_("Say what is wrong with this record."), field="comment")
    at = at or timezone.now()
    with transaction.atomic():
        signoff = (
            SignOff.objects.select_for_update(of=("self",))
            .select_related("session__skill", "session__organization")
            .get(pk=signoff.pk)
        )
        if signoff.status != SignOff.Status.PENDING:
            raise ServiceError(_("You have answered for this session already."))
        session = signoff.session
        if confirm:
            chosen = session.level_offered if level in (None, "") else check_level(level)
            if chosen > session.level_offered:
                raise ServiceError(
                    _("This session confirms at most “%(level)s”.")
                    % {"level": Level(session.level_offered).label},
                    field="level",
                )
            check_skill(session.skill, organization)
            level_confirm(learner=actor, session=session, level=chosen, at=at)
            signoff.level = chosen
            signoff.status = SignOff.Status.CONFIRMED
        else:
            signoff.status = SignOff.Status.DISPUTED
        signoff.comment, signoff.answered_at = comment, at
        signoff.save(update_fields=["status", "level", "comment", "answered_at"])
        audit_record(
            organization=organization,
            actor=actor.user,
            verb=SkillEvent.SIGNED_OFF if confirm else SkillEvent.DISPUTED,
            target=session,
            at=at,
        )
        if confirm:
            # A new level may make the learner eligible for a rotation that needs this skill.
            enqueue_after_commit(REPLAN_TASK, organization.pk, session.skill_id)
    return signoff


def shadow_session_log(
    *,
    turn_id: int,
    skill: Skill,
    holder: Member,
    shadow: Member,
    held_on: date,
    minutes: int,
    at: datetime | None = None,
) -> TeachingSession | None:
    """A shadow turn done: the holder taught the shadow. Logged once per turn by the system;
    the shadow still signs off. ``None`` if the turn was logged already."""
    if TeachingSession.objects.filter(
        organization_id=skill.organization_id, turn_id=turn_id, skill=skill
    ).exists():
        return None
    try:
        with transaction.atomic():
            return session_log(
                actor=None,
                skill=skill,
                teachers=[holder],
                learners=[shadow],
                held_on=held_on,
                minutes=minutes,
                notes="",
                level_offered=Level.WITH_SUPPORT,
                source=TeachingSession.Source.SHADOW,
                turn_id=turn_id,
                at=at,
            )
    except IntegrityError:  # logged by a concurrent run
        return None

"""Offices: removing an elected holder or expelling a member only by a recorded decision.

Anyone may resign at any time (``organizations.services.role_assignment_end`` by the holder:
no approval). An organizer cannot end an elected term or someone else's membership on their
own: the guard registered here (``organizations.removals``) refuses, unless the decisions app
is carrying out a removal or expulsion motion that carried — at a meeting called with full
notice, after the member concerned was told, voted in the room. An expulsion can be appealed
to the parent body like any decision.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from orgkit.core.emails import email_enqueue_template
from orgkit.core.errors import ServiceError
from orgkit.core.links import absolute_url
from orgkit.decisions.models import Meeting, Motion
from orgkit.decisions.services._common import org_time_text, policy_for
from orgkit.organizations import removals
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member, Role, RoleAssignment
from orgkit.organizations.tenancy import member_language

# (kind, member id) of the decision being carried out in this context, if any.
_carrying_out: ContextVar[tuple[str, int] | None] = ContextVar("decision_in_force", default=None)


@contextmanager
def _decision_in_force(kind: str, member: Member):
    token = _carrying_out.set((kind, member.pk))
    try:
        yield
    finally:
        _carrying_out.reset(token)


def removal_guard(*, actor, member: Member, kind: str, role: Role | None = None) -> None:
    """Registered with organizations: refuse a removal or expulsion that no carried decision
    is carrying out, and say how to do it properly."""
    if _carrying_out.get() == (kind, member.pk):
        return
    if kind == removals.ELECTED_ROLE:
        raise ServiceError(
            _(
                "%(name)s was elected as %(role)s: only a recorded decision of %(body)s, taken "
                "at a meeting called with notice, can remove them. Propose a removal motion "
                "under Decisions; %(name)s may also resign at any time."
            )
            % {
                "name": member.display_name,
                "role": role.name if role else "",
                "body": role.body.name if role else "",
            },
            code="decision_required",
        )
    raise ServiceError(
        _(
            "Recording that %(name)s left, against their will, is an expulsion: it needs a "
            "recorded decision of a body, taken at a meeting called with notice, and it can be "
            "appealed. Propose an expulsion motion under Decisions; members leave themselves."
        )
        % {"name": member.display_name},
        code="decision_required",
    )


def check_action(
    *, body, action: str, subject: Member | None, role: Role | None, at: datetime
) -> RoleAssignment | None:
    """Validate a removal or expulsion motion's subject; return the term a removal ends."""
    if action == Motion.Action.NONE:
        return None
    if subject is None or subject.organization_id != body.organization_id:
        raise ServiceError(_("Name the member this motion concerns."), field="subject")
    if subject.status != Member.Status.ACTIVE:
        raise ServiceError(_("That member has left already."), field="subject")
    if action == Motion.Action.EXPEL:
        return None
    if action != Motion.Action.REMOVE:
        raise ServiceError(_("Choose what the motion decides."), field="action")
    if role is None or role.body_id != body.pk:
        raise ServiceError(
            _("A removal is decided by the body the role belongs to."), field="subject_role"
        )
    term = RoleAssignment.objects.filter(role=role, member=subject, end__isnull=True).first()
    if term is None:
        raise ServiceError(
            _("%(name)s does not hold %(role)s.") % {"name": subject.display_name, "role": role},
            field="subject_role",
        )
    return term


def notify_subject(motion: Motion) -> None:
    """Tell the member a removal or expulsion motion concerns, when it is proposed."""
    if motion.subject is None:
        return
    email_enqueue_template(
        organization=motion.organization,
        to=motion.subject.user.email,
        kind="decisions.removal_notice",
        context={
            "motion": motion,
            "link": absolute_url(
                "decisions:motion", org_slug=motion.organization.slug, motion_id=motion.pk
            ),
        },
        language=member_language(motion.subject),
    )


def require_due_process(motion: Motion, at: datetime) -> None:
    """A removal or expulsion is voted in the room, at a meeting of the body called with full
    notice (no emergency), at least the notice period after the member was told."""
    if not motion.action:
        return
    meeting: Meeting | None = motion.meeting
    notice = timedelta(days=policy_for(motion.body).notice_days)
    if (
        meeting is None
        or meeting.emergency_reasons
        or meeting.created_at + notice > meeting.starts_at
    ):
        raise ServiceError(
            _(
                "A removal or expulsion is decided at a meeting of %(body)s called with full "
                "notice, never at an emergency meeting."
            )
            % {"body": motion.body.name},
            code="notice",
        )
    if at < meeting.starts_at or at < motion.created_at + notice:
        raise ServiceError(
            _("The member concerned must have notice: vote on this after %(when)s.")
            % {
                "when": org_time_text(
                    max(meeting.starts_at, motion.created_at + notice), motion.organization
                )
            },
            code="notice",
        )


def carry_out(motion: Motion, actor: Member, at: datetime) -> None:
    """The motion carried: end the elected term, or the membership, as the decision says."""
    subject = motion.subject
    day = at.date()
    if motion.action == Motion.Action.REMOVE:
        term = RoleAssignment.objects.filter(
            role=motion.subject_role, member=subject, end__isnull=True
        ).first()
        if term is not None:
            with _decision_in_force(removals.ELECTED_ROLE, subject):
                org_services.role_assignment_end(
                    actor=actor, assignment=term, on=day, reason=f"decision {motion.pk}", at=at
                )
    elif motion.action == Motion.Action.EXPEL and subject.status == Member.Status.ACTIVE:
        with _decision_in_force(removals.MEMBERSHIP, subject):
            org_services.member_leave(actor=actor, member=subject, on=day)

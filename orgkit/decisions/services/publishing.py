"""Publishing a decision record: at the window's deadline (the beat task, catching up on
anything overdue), or earlier. Exactly once: the motion row is locked and its state checked."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.emails import email_enqueue_template
from orgkit.core.errors import ServiceError
from orgkit.core.links import absolute_url
from orgkit.core.periodic import run_isolated
from orgkit.decisions.lifecycle import transition
from orgkit.decisions.models import MinorityReport, Motion
from orgkit.decisions.services._common import NotEntitled
from orgkit.decisions.services.record import record_append
from orgkit.organizations.models import Member
from orgkit.organizations.selectors import body_current_members
from orgkit.organizations.tenancy import in_organization_time, member_language


def motion_publish(
    *,
    motion_id: int,
    actor: Member | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> Motion | None:
    """Publish a decided motion's record with every minority report filed so far; None if it
    is published already (so the beat and an early publication can race safely). ``notify``
    is off only for demo data recorded in the past."""
    at = at or timezone.now()
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update()
            .select_related("organization", "body")
            .filter(pk=motion_id)
            .first()
        )
        if motion is None or motion.state == Motion.State.PUBLISHED:
            return None
        motion.published_at = at
        motion.save(update_fields=["published_at"])
        transition(obj=motion, to_state=Motion.State.PUBLISHED, actor=actor, at=at)
        MinorityReport.objects.filter(motion=motion, published_at__isnull=True).update(
            published_at=at
        )
        record_append(motion=motion, reason="published", at=at)
        if notify:
            _notify(motion)
    return motion


def motion_publish_early(*, actor: Member, motion: Motion, at: datetime | None = None) -> Motion:
    """Publish before the window ends (organizers, or a member of the minority). Reports filed
    later, while the window is still open, attach to the record as they come."""
    from orgkit.decisions.services.motions import is_minority

    if actor.organization_id != motion.organization_id or actor.status != Member.Status.ACTIVE:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    if not (actor.is_organizer or is_minority(actor, motion)):
        raise NotEntitled(_("Organizers or the minority can publish the record early."))
    if motion.state != Motion.State.DECIDED:
        raise ServiceError(_("Only a decided motion's record can be published."))
    published = motion_publish(motion_id=motion.pk, actor=actor, at=at)
    if published is None:
        raise ServiceError(_("This record is published already."))
    return published


def motions_publish_due(*, at: datetime | None = None) -> int:
    """Periodic: publish every record whose minority window has ended — including any a
    missed run left overdue. Each is published once (``motion_publish`` is idempotent)."""
    at = at or timezone.now()
    due = Motion.objects.filter(state=Motion.State.DECIDED, window_closes_at__lte=at)
    return run_isolated(
        list(due.values_list("pk", flat=True)),
        lambda pk: motion_publish(motion_id=pk, at=at),
        job="decisions: publish records",
        label=lambda pk: f"motion {pk}",
    )


def _notify(motion: Motion) -> None:
    """Email every member of the body the record — decision and minority reports together."""
    reports = list(
        MinorityReport.objects.filter(motion=motion)
        .select_related("author__user")
        .prefetch_related("signatures__member__user")
    )
    link = absolute_url("decisions:motion", org_slug=motion.organization.slug, motion_id=motion.pk)
    members = body_current_members(
        organization=motion.organization, body=motion.body, on=motion.published_at.date()
    )
    for member in members:
        email_enqueue_template(
            organization=motion.organization,
            to=member.user.email,
            kind="decisions.record_published",
            context={
                "motion": motion,
                "reports": reports,
                "link": link,
                "decided_on": in_organization_time(motion.decided_at, motion.organization).date(),
            },
            language=member_language(member),
        )

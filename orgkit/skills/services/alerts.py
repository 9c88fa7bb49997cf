"""Succession alerts: the weekly check of one organization (fetch → pure rules → store), and
the email to its organizers about what is new."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.core.emails import email_enqueue_template
from orgkit.core.links import absolute_url
from orgkit.organizations.models import Member, Organization
from orgkit.organizations.tenancy import member_language, organization_zone
from orgkit.skills import coverage, selectors
from orgkit.skills.events import SkillEvent
from orgkit.skills.models import RoleSkillRequirement, RotationSkillRequirement, SuccessionAlert

EMAIL_KIND = "skills.succession_alerts"


def _facts(organization: Organization, today):
    """What the rules need, read in a fixed number of queries."""
    terms = selectors.current_terms(organization=organization, today=today)
    rotation_ids = [rotation.pk for rotation, *_rest in terms]
    pools = selectors.rotation_pools(organization=organization)
    needs: dict[int, list[coverage.Requirement]] = {}
    for role_id, skill_id, level in RoleSkillRequirement.objects.filter(
        organization=organization
    ).values_list("role_id", "skill_id", "level"):
        needs.setdefault(role_id, []).append(coverage.Requirement(skill_id, level))
    rules: dict[int, list[coverage.Requirement]] = {}
    for rotation_id, skill_id, level in RotationSkillRequirement.objects.filter(
        rotation_id__in=rotation_ids, required=True
    ).values_list("rotation_id", "skill_id", "level"):
        rules.setdefault(rotation_id, []).append(coverage.Requirement(skill_id, level))
    facts = [
        coverage.TermFact(
            role=rotation.role_id,
            holder=holder,
            start=start,
            end=end,
            requirements=tuple(needs.get(rotation.role_id, []) + rules.get(rotation.pk, [])),
            pool=tuple(pools.get(rotation.role_id, [])),
        )
        for rotation, holder, start, end in terms
    ]
    return facts


def alerts_check(
    *, organization: Organization, at: datetime | None = None, notify: bool = True
) -> list:
    """Run the succession rules for one organization: store new alerts, close those no longer
    found, and email the organizers about the new ones. Returns the new alerts. Running it
    twice in a week changes nothing the second time."""
    at = at or timezone.now()
    today = timezone.localtime(at, organization_zone(organization)).date()
    members = list(
        Member.objects.active().filter(organization=organization).values_list("pk", flat=True)
    )
    found = coverage.succession_alerts(
        today=today,
        terms=_facts(organization, today),
        skills=list(
            selectors.skill_choices(organization=organization).values_list("pk", flat=True)
        ),
        members=members,
        levels=selectors.level_map(organization=organization),
        sessions=selectors.session_facts(
            organization=organization, since=today - timedelta(days=800)
        ),
    )
    with transaction.atomic():
        # One check per organization at a time: a second waits here, then finds the first's
        # alerts already open.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        open_alerts = {
            a.key: a
            for a in SuccessionAlert.objects.select_for_update().filter(
                organization=organization, resolved_at__isnull=True
            )
        }
        keys = {alert.key for alert in found}
        SuccessionAlert.objects.filter(
            pk__in=[a.pk for key, a in open_alerts.items() if key not in keys]
        ).update(resolved_at=at)
        new = []
        for alert in found:
            if alert.key in open_alerts:
                continue
            row = SuccessionAlert.objects.create(
                organization=organization,
                kind=str(alert.kind),
                key=alert.key[:200],
                role_id=alert.role,
                skill_id=alert.skill,
                member_id=alert.member,
                on=alert.on,
                raised_at=at,
            )
            audit_record(
                organization=organization,
                actor=None,
                verb=SkillEvent.ALERT_RAISED,
                target=row,
                data={"kind": row.kind},
                at=at,
            )
            new.append(row)
        if new and notify:
            _email_organizers(organization, new)
    return new


def _email_organizers(organization: Organization, new: list[SuccessionAlert]) -> None:
    """One email per organizer listing the new alerts, in their language."""
    rows = list(
        SuccessionAlert.objects.filter(pk__in=[a.pk for a in new]).select_related(
            "role", "skill", "member__user"
        )
    )
    link = absolute_url("skills:alerts", org_slug=organization.slug)
    for organizer in (
        Member.objects.organizers()
        .filter(organization=organization)
        .select_related("user", "organization")
    ):
        email_enqueue_template(
            organization=organization,
            to=organizer.user.email,
            kind=EMAIL_KIND,
            context={"organization": organization, "alerts": rows, "link": link},
            language=member_language(organizer),
        )

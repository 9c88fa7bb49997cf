"""The skills app's background work. Each task is idempotent."""

from celery import shared_task


@shared_task
def replan_rotations_needing(organization_id: int, skill_id: int) -> int:
    """Replan the rotations whose skill rule names ``skill_id`` (a level changed). The
    rotations' own 6-hourly replan is the sweep if this is lost."""
    from orgkit.skills.services.rotation_link import replan_rotations_needing as replan

    return replan(organization_id=organization_id, skill_id=skill_id)


@shared_task
def check_succession() -> int:
    """Weekly: each organization's succession alerts, checked on its own (one that fails is
    logged and skipped; the job then raises PeriodicJobFailures naming it)."""
    from orgkit.core.periodic import run_isolated
    from orgkit.organizations.models import Organization
    from orgkit.skills.services import alerts_check

    return run_isolated(
        list(Organization.objects.order_by("pk")),
        lambda organization: alerts_check(organization=organization),
        job="skills-succession-alerts",
        label=lambda organization: f"organization {organization.slug}",
    )

"""Periodic rotation jobs. Each is idempotent: running it twice changes nothing more."""

from celery import shared_task

from orgkit.core.periodic import run_isolated
from orgkit.rotations.models import Rotation
from orgkit.rotations.planning import rotation_replan
from orgkit.rotations.services import turn_reminders_send, turns_hand_over


@shared_task
def hand_over_turns() -> int:
    """Record handovers for turns that have started (RoleAssignment history, checklists)."""
    return turns_hand_over()


@shared_task
def send_turn_reminders() -> int:
    return turn_reminders_send()


@shared_task
def replan_rotations() -> int:
    """Keep every rotation planned the configured number of turns ahead as time passes.

    Each rotation is replanned on its own: one whose data makes planning fail is logged and
    skipped, and every other rotation (in every organization) is still replanned; the job then
    raises PeriodicJobFailures naming the ones that failed.
    """
    rotations = Rotation.objects.filter(is_active=True).select_related("organization")
    return run_isolated(
        list(rotations.order_by("pk")),
        lambda rotation: rotation_replan(rotation=rotation),
        job="rotations-replan",
        label=lambda rotation: f"rotation {rotation.pk} ({rotation.organization.slug})",
    )

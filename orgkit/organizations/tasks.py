from celery import shared_task

from orgkit.organizations.services import invitations_expire


@shared_task
def expire_invitations() -> int:
    """Periodic: mark invitations past their date expired (idempotent)."""
    return invitations_expire()

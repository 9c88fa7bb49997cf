"""``manage.py verify_decision_record [--org SLUG]``: check every organization's (or one's)
chain of decision-record versions and name the first broken link. Exits 1 when one is broken."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from orgkit.decisions import selectors, services
from orgkit.organizations.models import Organization


class Command(BaseCommand):
    help = "Verify the SHA-256 chain of published decision records; name the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="the organization's web address (slug); default: all")

    def handle(self, *args, org=None, **options):
        organizations = Organization.objects.order_by("slug")
        if org:
            organizations = organizations.filter(slug=org)
            if not organizations.exists():
                raise CommandError(f"No organization at “{org}”.")
        broken_any = False
        for organization in organizations:
            broken = services.record_verify(organization=organization)
            count = selectors.version_count(organization=organization)
            if broken is None:
                self.stdout.write(f"{organization.slug}: chain holds ({count} versions)")
                continue
            broken_any = True
            link = selectors.version_at(organization=organization, seq=broken.seq)
            where = f" — version {link.number} of “{link.motion.title}”" if link else ""
            self.stdout.write(
                f"{organization.slug}: BROKEN at link {broken.seq} ({broken.reason}){where}"
            )
        if broken_any:
            raise CommandError("The decision record has been changed behind orgkit's back.")

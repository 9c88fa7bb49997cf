"""``manage.py health_report <slug>``: the democratic-health checks of one organization as
text (or ``--format json``) — for a cron job, or a meeting's agenda."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from orgkit.health.board import build_panels, status_counts
from orgkit.organizations.tenancy import organization_language, organization_zone


class Command(BaseCommand):
    help = "Print an organization's democratic-health checks (status and figure of each)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the organization's web address")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, slug, format, **options):
        from orgkit.organizations.models import Organization

        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise CommandError(f"No organization at {slug!r}.")
        with translation.override(organization_language(organization)):
            today = timezone.localtime(timezone.now(), organization_zone(organization)).date()
            panels = build_panels(organization=organization, today=today)
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        {
                            "counts": status_counts(panels),
                            "panels": [
                                {"key": p.key, "status": str(p.status), "figure": p.figure}
                                for p in panels
                            ],
                        },
                        indent=2,
                        ensure_ascii=False,
                    )
                )
                return
            for p in panels:
                self.stdout.write(f"{p.status.upper():8} {p.key:8} {p.title}: {p.figure}")

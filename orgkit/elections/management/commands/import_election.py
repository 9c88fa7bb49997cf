"""Import an election held elsewhere from a .blt or CSV file, as an organizer would on the
Import page: ``manage.py import_election <org slug> <file> --body <slug> --by <email>``.

The same service as the page and the API (services/imports.py): the same checks, the same
audit event, and nothing saved when the file is refused.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgkit.core.errors import ServiceError
from orgkit.elections import services
from orgkit.elections.counting.stv import RULES
from orgkit.elections.import_files import MAX_FILE_BYTES
from orgkit.organizations.models import Body, Member


class Command(BaseCommand):
    help = "Import an election held elsewhere (.blt or CSV ballots), counted under a preset."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")
        parser.add_argument("path", type=Path)
        parser.add_argument("--body", required=True, help="slug of the body whose election it was")
        parser.add_argument("--by", required=True, help="email of the organizer importing it")
        parser.add_argument("--rule", choices=RULES, default="scottish")
        parser.add_argument("--seats", type=int)
        parser.add_argument("--title", default="")
        parser.add_argument("--preview", action="store_true", help="check the file; save nothing")

    def handle(self, *args, org_slug, path, body, by, rule, seats, title, preview, **options):
        actor = (
            Member.objects.filter(organization__slug=org_slug, user__email__iexact=by)
            .select_related("organization", "user")
            .first()
        )
        if actor is None:
            raise CommandError(f"{by} is not a member of {org_slug}.")
        electorate = Body.objects.filter(organization=actor.organization, slug=body).first()
        if electorate is None:
            raise CommandError(f"{org_slug} has no body {body!r}.")
        try:
            with path.open("rb") as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        settings = {"rule": rule, "seats": seats, "title": title}
        try:
            if preview:
                shown = services.election_import_preview(
                    actor=actor, content=content, filename=path.name, **settings
                ).as_dict()
                self.stdout.write(
                    f"{shown['title']}: {shown['seats']} seats, {shown['ballots']} ballots, "
                    f"candidates: {', '.join(shown['candidates'])}; nothing saved."
                )
                return
            election = services.election_import(
                actor=actor, body=electorate, content=content, filename=path.name, **settings
            )
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from None
        result = election.results.get()
        self.stdout.write(
            f"Imported election {election.pk} ({election.title}); elected: "
            f"{', '.join(result.data['elected'])}."
        )

"""``manage.py load_case_studies``: store (or refresh) the case studies from seeds/case_studies/."""

from django.core.management.base import BaseCommand, CommandError

from orgkit.casestudies.services import case_studies_load
from orgkit.core.errors import ServiceError


class Command(BaseCommand):
    help = "Load the case studies from seeds/case_studies/ into the database (idempotent)."

    def handle(self, *args, **options):
        try:
            count = case_studies_load()
        except ServiceError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{count} case studies loaded.")

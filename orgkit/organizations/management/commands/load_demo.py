from django.core.management.base import BaseCommand
from django.db import transaction

from orgkit.organizations.models import Organization
from orgkit.organizations.seeding import DEMO_SLUG, demo_logins, demo_seeders, load_demo


class Command(BaseCommand):
    help = "Load the demo organization from seeds/ (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        org = load_demo()
        if org is None:
            self.stdout.write("The demo organization is already loaded.")
            org = Organization.objects.get(slug=DEMO_SLUG)
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo organization “{org.name}”."))
        # Each capability registers its own seeder (organizations.seeding.register_demo_seeder).
        for name, seed in demo_seeders():
            with transaction.atomic():
                if seed(organization=org):
                    self.stdout.write(f"Added demo data for {name}.")
        self.stdout.write("Demo logins:")
        for login in demo_logins():
            role = "organizer" if login.organizer else "member"
            self.stdout.write(
                f"  {login.email}  password: {login.password}  ({login.name}, {role})"
            )

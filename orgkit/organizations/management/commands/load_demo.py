from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from orgkit.organizations.models import Organization
from orgkit.organizations.seeding import DEMO_SLUG, demo_logins, load_demo

# Apps that add to the demo organization, in order. Each has `seeding.seed_demo(organization=)`
# that is idempotent on its own and returns whether it added anything.
DEMO_APPS = ["orgkit.rotations", "orgkit.elections"]


class Command(BaseCommand):
    help = "Load the demo organization from seeds/ (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        org = load_demo()
        if org is None:
            self.stdout.write("The demo organization is already loaded.")
            org = Organization.objects.get(slug=DEMO_SLUG)
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo organization “{org.name}”."))
        for app in DEMO_APPS:
            try:
                seeding = import_module(f"{app}.seeding")
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                if seeding.seed_demo(organization=org):
                    self.stdout.write(f"Added demo data for {app.rsplit('.', 1)[-1]}.")
        self.stdout.write("Demo logins:")
        for login in demo_logins():
            role = "organizer" if login.organizer else "member"
            self.stdout.write(f"  {login.email}  password: {login.password}  ({login.name}, {role})")

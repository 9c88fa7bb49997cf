from django.core.management.base import BaseCommand

from orgkit.organizations.seeding import demo_logins, load_demo


class Command(BaseCommand):
    help = "Load the demo organization from seeds/ (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        org = load_demo()
        if org is None:
            self.stdout.write("The demo organization is already loaded; nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo organization “{org.name}”."))
        self.stdout.write("Demo logins:")
        for login in demo_logins():
            role = "organizer" if login.organizer else "member"
            self.stdout.write(f"  {login.email}  password: {login.password}  ({login.name}, {role})")

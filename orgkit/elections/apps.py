from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "orgkit.elections"
    label = "elections"

    def ready(self) -> None:
        from orgkit.core.audit import register_events
        from orgkit.elections.events import PHRASES, ElectionEvent

        register_events(ElectionEvent, PHRASES)

        from orgkit.elections.dashboard import PANEL
        from orgkit.organizations.dashboard import register_panel

        register_panel(PANEL)

        from orgkit.elections.seeding import seed_demo
        from orgkit.organizations.seeding import register_demo_seeder

        register_demo_seeder("elections", seed_demo, order=20)

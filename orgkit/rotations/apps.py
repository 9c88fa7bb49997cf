from django.apps import AppConfig


class RotationsConfig(AppConfig):
    name = "orgkit.rotations"
    label = "rotations"

    def ready(self) -> None:
        from orgkit.core.audit import register_events
        from orgkit.rotations.events import PHRASES, RotationEvent

        register_events(RotationEvent, PHRASES)

        from orgkit.organizations.dashboard import register_panel
        from orgkit.rotations.dashboard import PANEL

        register_panel(PANEL)

        from orgkit.organizations.seeding import register_demo_seeder
        from orgkit.rotations.seeding import seed_demo

        register_demo_seeder("rotations", seed_demo, order=10)

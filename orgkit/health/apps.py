from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "orgkit.health"
    label = "health"
    verbose_name = "democratic health"

    def ready(self) -> None:
        from orgkit.casestudies.replays import register_replay
        from orgkit.health.replays import REPLAYS

        for replay in REPLAYS:
            register_replay(replay)

        from orgkit.health.dashboard import PANEL
        from orgkit.organizations.dashboard import register_panel

        register_panel(PANEL)

        from orgkit.health.seeding import seed_demo
        from orgkit.organizations.seeding import register_demo_seeder

        # Last: it adds to what the other apps' demos recorded.
        register_demo_seeder("health", seed_demo, order=90)

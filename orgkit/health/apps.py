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

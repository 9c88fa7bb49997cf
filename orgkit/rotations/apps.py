from django.apps import AppConfig


class RotationsConfig(AppConfig):
    name = "orgkit.rotations"
    label = "rotations"

    def ready(self) -> None:
        from orgkit.organizations.dashboard import register_panel
        from orgkit.rotations.dashboard import PANEL

        register_panel(PANEL)

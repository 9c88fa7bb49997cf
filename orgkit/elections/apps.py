from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "orgkit.elections"
    label = "elections"

    def ready(self) -> None:
        from orgkit.core.audit import register_event_phrases
        from orgkit.elections.lifecycle import EVENT_PHRASES

        register_event_phrases(EVENT_PHRASES)

        from orgkit.elections.dashboard import PANEL
        from orgkit.organizations.dashboard import register_panel

        register_panel(PANEL)

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "orgkit.decisions"
    label = "decisions"

    def ready(self) -> None:
        from orgkit.core.audit import register_event_values, register_events
        from orgkit.decisions.event_values import VALUES
        from orgkit.decisions.events import PHRASES, DecisionEvent

        register_events(DecisionEvent, PHRASES)
        register_event_values(VALUES)

        from orgkit.decisions.dashboard import PANEL
        from orgkit.organizations.dashboard import register_panel

        register_panel(PANEL)

        from orgkit.decisions.seeding import seed_demo
        from orgkit.organizations.seeding import register_demo_seeder

        register_demo_seeder("decisions", seed_demo, order=30)

        from orgkit.decisions.services.offices import removal_guard
        from orgkit.organizations.removals import register_removal_guard

        register_removal_guard(removal_guard)

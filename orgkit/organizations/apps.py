from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "orgkit.organizations"
    label = "organizations"

    def ready(self) -> None:
        from orgkit.core.audit import register_event_values, register_events
        from orgkit.organizations.event_values import VALUES
        from orgkit.organizations.events import PHRASES, OrganizationEvent

        register_events(OrganizationEvent, PHRASES)
        register_event_values(VALUES)

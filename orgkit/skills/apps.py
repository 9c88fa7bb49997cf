from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "orgkit.skills"
    label = "skills"

    def ready(self) -> None:
        from orgkit.core.audit import register_events
        from orgkit.skills.events import PHRASES, SkillEvent

        register_events(SkillEvent, PHRASES)

        from orgkit.rotations.hooks import register_planning_provider, register_shadow_listener
        from orgkit.skills import rotation_link

        register_planning_provider("skills", rotation_link.planning_advice)
        register_shadow_listener("skills", rotation_link.shadow_turn_done)

        from orgkit.organizations.dashboard import register_panel
        from orgkit.skills.dashboard import PANEL

        register_panel(PANEL)

        from orgkit.organizations.seeding import register_demo_seeder
        from orgkit.skills.seeding import seed_demo

        register_demo_seeder("skills", seed_demo, order=30)

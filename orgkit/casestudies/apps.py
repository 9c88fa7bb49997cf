from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "orgkit.casestudies"
    label = "casestudies"
    verbose_name = "case studies"

    def ready(self) -> None:
        from orgkit.casestudies.seeding import seed_demo
        from orgkit.organizations.seeding import register_demo_seeder

        # Early: the case studies are there before any other app's demo links to them.
        register_demo_seeder("casestudies", seed_demo, order=5)

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "orgkit.organizations"
    label = "organizations"

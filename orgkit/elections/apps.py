from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "orgkit.elections"
    label = "elections"

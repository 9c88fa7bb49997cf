from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "orgkit.core"
    label = "core"
    verbose_name = "orgkit core"

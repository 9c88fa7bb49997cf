from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "orgkit.core"
    label = "core"
    verbose_name = "orgkit core"

    def ready(self) -> None:
        from django.urls import register_converter

        from orgkit.core.converters import RowIdConverter

        # Registered before any URLconf is loaded; every route uses <id:…> for row ids.
        register_converter(RowIdConverter, "id")

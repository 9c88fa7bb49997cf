from django.apps import AppConfig


class RotationsConfig(AppConfig):
    name = "orgkit.rotations"
    label = "rotations"

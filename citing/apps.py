from django.apps import AppConfig


class CitingConfig(AppConfig):
    name = "citing"
    verbose_name = "Citing"

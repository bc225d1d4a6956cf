from django.apps import AppConfig


class PointOfCareConfig(AppConfig):
    name = "pointofcare"
    verbose_name = "Point of care"

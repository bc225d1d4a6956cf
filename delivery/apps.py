from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Page delivery"

    def ready(self):
        from delivery import receivers

        receivers.connect()

from django.apps import AppConfig


class VersionsConfig(AppConfig):
    name = "versions"
    verbose_name = "Versions"

    def ready(self):
        from wagtail.signals import page_published

        from articles.models import ArticlePage
        from versions.services import record_version

        page_published.connect(record_version, sender=ArticlePage)

from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "translation"
    verbose_name = "Translation"

    def ready(self):
        from wagtail.signals import page_published

        from articles.models import ArticlePage
        from translation.services import record_editor_changes

        page_published.connect(record_editor_changes, sender=ArticlePage)

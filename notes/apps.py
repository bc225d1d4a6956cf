from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"
    verbose_name = "Notes and recently read"

    def ready(self):
        from wagtail.signals import page_published

        from articles.models import ArticlePage
        from articles.serving import article_served
        from notes import reading, services

        page_published.connect(services.compare_sections, sender=ArticlePage, dispatch_uid="notes-compare-sections")
        article_served.connect(reading.article_served, dispatch_uid="notes-recently-read")

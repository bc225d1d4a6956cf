from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from wagtail.signals import page_published

        from articles.models import ArticlePage
        from articles.signals import stamp_content_change

        page_published.connect(stamp_content_change, sender=ArticlePage)

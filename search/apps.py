from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "medlex_search"  # "search" would clash with wagtail.search
    verbose_name = "Search"

    def ready(self):
        from search import signals

        signals.connect()

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "medlex_search"  # unmistakable tables (medlex_search_*) next to Wagtail's own search apps
    verbose_name = "Search"

    def ready(self):
        from search import signals

        signals.connect()

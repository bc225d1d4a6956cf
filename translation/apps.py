from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "translation"
    verbose_name = "Translation"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from articles.caching import invalidate_all
        from articles.models import ArticlePage
        from articles.purging import purge_translated_page
        from translation.models import SectionTranslation
        from translation.services import record_editor_changes

        page_published.connect(record_editor_changes, sender=ArticlePage)
        # A review or a new translation record changes a section's label without a new
        # revision of the page, so cached articles must be rebuilt.
        post_save.connect(invalidate_all, sender=SectionTranslation, dispatch_uid="translation-cache-save")
        post_delete.connect(invalidate_all, sender=SectionTranslation, dispatch_uid="translation-cache-delete")
        post_save.connect(purge_translated_page, sender=SectionTranslation, dispatch_uid="translation-purge-save")
        post_delete.connect(purge_translated_page, sender=SectionTranslation, dispatch_uid="translation-purge-delete")

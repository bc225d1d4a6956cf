"""Keep the search index in step with publishing (publish, unpublish and delete act at once); count searches after each answer."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from articles.models import ArticlePage
from search import log
from search.indexing import index_page, remove_page


def _published(sender, instance, **kwargs):
    index_page(instance)


def _gone(sender, instance, **kwargs):
    remove_page(instance.pk)


def connect():
    page_published.connect(_published, sender=ArticlePage, dispatch_uid="search-published")
    page_unpublished.connect(_gone, sender=ArticlePage, dispatch_uid="search-unpublished")
    post_delete.connect(_gone, sender=ArticlePage, dispatch_uid="search-deleted")
    log.connect()

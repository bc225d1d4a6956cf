from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

        from articles import purging
        from articles.caching import invalidate_all, invalidate_restrictions, invalidate_sites, prerender_on_commit
        from articles.models import ArticlePage
        from articles.signals import stamp_content_change

        page_published.connect(stamp_content_change, sender=ArticlePage)
        # A page's own revision is part of its cache key; these change what other
        # articles show (translation links, related articles).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_all, dispatch_uid=f"articles-cache-{signal!r}")
        post_delete.connect(invalidate_all, sender=Page, dispatch_uid="articles-cache-delete")
        # Whether an article is restricted is kept across article publishes (articles.routing).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_restrictions, dispatch_uid=f"articles-restrictions-{signal!r}")
        post_delete.connect(invalidate_restrictions, sender=Page, dispatch_uid="articles-restrictions-delete")
        # Connected after invalidate_all, and run after the commit: rendered into the new generation.
        page_published.connect(prerender_on_commit, sender=ArticlePage, dispatch_uid="articles-prerender")
        # A site's host names and root pages decide which page a URL names (articles.routing).
        post_save.connect(invalidate_sites, sender=Site, dispatch_uid="articles-site-save")
        post_delete.connect(invalidate_sites, sender=Site, dispatch_uid="articles-site-delete")
        # Page shells skip Wagtail's view-restriction check; they are stored only for
        # unrestricted pages, so any new or changed restriction must retire them.
        post_save.connect(invalidate_all, sender=PageViewRestriction, dispatch_uid="articles-restriction-save")
        post_delete.connect(invalidate_all, sender=PageViewRestriction, dispatch_uid="articles-restriction-delete")
        m2m_changed.connect(
            invalidate_all, sender=PageViewRestriction.groups.through, dispatch_uid="articles-restriction-groups"
        )
        post_save.connect(
            invalidate_restrictions, sender=PageViewRestriction, dispatch_uid="articles-restrictions-save"
        )
        post_delete.connect(
            invalidate_restrictions, sender=PageViewRestriction, dispatch_uid="articles-restrictions-remove"
        )
        m2m_changed.connect(
            invalidate_restrictions,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="articles-restrictions-groups",
        )
        # nginx's copies of public pages are purged after each such change (articles.purging).
        for signal in (page_published, page_unpublished):
            signal.connect(purging.purge_page, dispatch_uid=f"articles-purge-{signal!r}")
        pre_delete.connect(purging.purge_page, sender=Page, dispatch_uid="articles-purge-delete")
        pre_page_move.connect(purging.purge_moving_page, dispatch_uid="articles-purge-move")
        page_slug_changed.connect(purging.purge_old_address, dispatch_uid="articles-purge-slug")
        post_save.connect(
            purging.purge_restricted_page, sender=PageViewRestriction, dispatch_uid="articles-purge-restriction-save"
        )
        post_delete.connect(
            purging.purge_restricted_page, sender=PageViewRestriction, dispatch_uid="articles-purge-restriction-delete"
        )

"""Every receiver that retires cached delivery, in one place (the rule: delivery.generations).

Pages: a publish, unpublish, move, slug change or delete of an article, a
change of a section's translation record, of a literature record it cites, of a person it names or of a specialty it is filed under, retire the pages that show it and
purge nginx's copies of them; the same for any other page retires every page
(it may be above articles, or list them). Sites and view restrictions retire
everything of their kind. Readers: every path that changes a tier is covered
(group membership from either side, permissions of a user or a group, the user
row, the profile), so a revocation takes effect on the reader's next request,
and deactivation, a new password or a deleted account end sessions at once.
A reader's bookmark, follow, note or recently-read switch retires that reader's facts (delivery.reader_facts).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from accounts.models import Profile
from articles.models import ArticlePage
from bookmarks.models import Bookmark
from delivery import generations, purging, shells
from delivery.tiers import forget_all_tiers, forget_reader
from following.models import Follow
from notes.models import Note, ReadingSettings
from people.models import Person
from references.models import Reference
from specialties.models import Specialty
from translation.models import SectionTranslation


def retire_showing(page, also=()):
    """Retire and purge the pages that show ``page``; any other kind of page retires every page."""
    showing = purging.pages_showing(page)
    if issubclass(page.specific_class, ArticlePage):
        generations.retire_pages(showing)
    else:
        generations.retire_everything()
    purging.purge_after_commit([*showing, *also])


def page_changed(sender=None, instance=None, **kwargs):
    """Published, unpublished or about to be deleted."""
    retire_showing(instance)


def page_moving(sender=None, instance=None, **kwargs):
    """About to move: the old addresses of the page and the pages below it go."""
    retire_showing(instance, also=instance.get_descendants())


def page_moved(sender=None, instance=None, **kwargs):
    """Moved: the pages linking it show its new address."""
    retire_showing(instance)


def page_saving(sender=None, instance=None, update_fields=None, **kwargs):
    """About to change a page's slug: its old address goes now (Wagtail's page_slug_changed comes after the commit)."""
    if not isinstance(instance, Page) or instance.pk is None or (update_fields and "slug" not in update_fields):
        return
    before = Page.objects.filter(pk=instance.pk).first()
    if before is not None and before.slug != instance.slug:
        retire_showing(before, also=before.get_descendants())


def section_translation_changed(sender=None, instance=None, **kwargs):
    page = ArticlePage.objects.filter(pk=instance.page_id).first()
    if page is not None:
        retire_showing(page)


def reference_changed(sender=None, instance=None, **kwargs):
    """A literature record is shown by every article citing it, in each edition (a cited record cannot be deleted)."""
    for page in ArticlePage.objects.filter(references__reference=instance).distinct():
        retire_showing(page)


def person_changed(sender=None, instance=None, **kwargs):
    """A person's name and degree are shown by every article naming them as author or reviewer, in each edition,
    and their name by every article with a section they translated, checked or asked a machine to translate."""
    for page in ArticlePage.objects.filter(
        models.Q(authors__person=instance)
        | models.Q(reviewers__person=instance)
        | models.Q(section_translations__translated_by=instance)
        | models.Q(section_translations__reviewed_by__person=instance)
        | models.Q(section_translations__requested_by__person=instance)
    ).distinct():
        retire_showing(page)


# What of an account a translated section may show: the checker's name (when they have no
# byline person) and whether whoever asked for a machine translation is one of the editors.
ACCOUNT_FIELDS_SHOWN = {"first_name", "last_name", "username", "is_staff"}


def account_shown_changed(sender=None, instance=None, update_fields=None, **kwargs):
    """An account named on translated sections changed its name: those articles show the new one.

    A save of other fields (the last login) retires nothing.
    """
    if update_fields is not None and not ACCOUNT_FIELDS_SHOWN & set(update_fields):
        return
    for page in ArticlePage.objects.filter(
        models.Q(section_translations__reviewed_by=instance) | models.Q(section_translations__requested_by=instance)
    ).distinct():
        retire_showing(page)


def specialty_changed(sender=None, instance=None, **kwargs):
    """A specialty's name and address are shown by every article filed under it, in each edition.

    Saved, or about to be deleted (afterwards its articles are no longer linked to it).
    """
    for page in ArticlePage.objects.filter(specialties=instance).distinct():
        retire_showing(page)


def restriction_changed(sender=None, instance=None, **kwargs):
    """Shells skip Wagtail's view-restriction check and are kept only for unrestricted pages."""
    generations.retire_everything()
    page = Page.objects.filter(pk=getattr(instance, "page_id", None)).first()
    if page is not None:
        purging.purge_after_commit([page, *page.get_descendants()])


def site_changed(**kwargs):
    generations.start_new(generations.SITES)
    generations.start_new(generations.PAGES)


def published(sender=None, instance=None, **kwargs):
    """Render the article for every tier once the publish has committed, so its first reader finds it ready."""
    transaction.on_commit(lambda: shells.prerender(instance.pk))


def user_changed(sender, instance, **kwargs):
    forget_reader(instance.pk)


def profile_changed(sender, instance, **kwargs):
    forget_reader(instance.user_id)


def reader_fact_changed(sender, instance, **kwargs):
    """A bookmark, follow or note saved or deleted: the reader's facts (delivery.reader_facts) are read anew.

    So is switching recently-read on or off: the next view is told again (delivery.shells.tell_served).
    """
    forget_reader(instance.reader_id if sender is Bookmark else instance.user_id)


def memberships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # from the group's side: group.user_set.add(...), .clear()
        forget_all_tiers()
    else:
        forget_reader(instance.pk)


def permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        forget_all_tiers()


def group_deleted(**kwargs):
    forget_all_tiers()


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"delivery-{signal!r}")
    pre_delete.connect(page_changed, sender=Page, dispatch_uid="delivery-page-delete")
    pre_page_move.connect(page_moving, dispatch_uid="delivery-page-moving")
    post_page_move.connect(page_moved, dispatch_uid="delivery-page-moved")
    pre_save.connect(page_saving, dispatch_uid="delivery-page-saving")
    # Connected after page_changed, and run after the commit: rendered into the new generation.
    page_published.connect(published, sender=ArticlePage, dispatch_uid="delivery-prerender")
    for signal in (post_save, post_delete):
        signal.connect(section_translation_changed, sender=SectionTranslation, dispatch_uid=f"delivery-st-{signal!r}")
        signal.connect(reference_changed, sender=Reference, dispatch_uid=f"delivery-reference-{signal!r}")
        signal.connect(person_changed, sender=Person, dispatch_uid=f"delivery-person-{signal!r}")
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=f"delivery-vr-{signal!r}")
        signal.connect(site_changed, sender=Site, dispatch_uid=f"delivery-site-{signal!r}")
        signal.connect(user_changed, sender=get_user_model(), dispatch_uid=f"delivery-user-{signal!r}")
        signal.connect(profile_changed, sender=Profile, dispatch_uid=f"delivery-profile-{signal!r}")
        for model in (Bookmark, Follow, Note, ReadingSettings):
            signal.connect(reader_fact_changed, sender=model, dispatch_uid=f"delivery-{model.__name__}-{signal!r}")
    post_save.connect(account_shown_changed, sender=get_user_model(), dispatch_uid="delivery-account-shown")
    # A deleted person's sections lose their translator (SET_NULL, without signals): retire before.
    pre_delete.connect(person_changed, sender=Person, dispatch_uid="delivery-person-pre-delete")
    post_save.connect(specialty_changed, sender=Specialty, dispatch_uid="delivery-specialty-save")
    pre_delete.connect(specialty_changed, sender=Specialty, dispatch_uid="delivery-specialty-delete")
    m2m_changed.connect(
        restriction_changed, sender=PageViewRestriction.groups.through, dispatch_uid="delivery-vr-groups"
    )
    post_delete.connect(group_deleted, sender=Group, dispatch_uid="delivery-group-delete")
    m2m_changed.connect(memberships_changed, sender=get_user_model().groups.through, dispatch_uid="delivery-groups")
    m2m_changed.connect(
        permissions_changed, sender=get_user_model().user_permissions.through, dispatch_uid="delivery-user-perms"
    )
    m2m_changed.connect(permissions_changed, sender=Group.permissions.through, dispatch_uid="delivery-group-perms")

"""The demo site: one home page per language and the demo articles below them (``manage.py load_demo``).

Idempotent, as ``articles.demo`` is: pages are found again by their translation key.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from articles import demo as articles_demo
from articles.demo import LANGUAGES, translation_key
from home.models import HomePage
from legal import demo as legal_demo
from people.demo import TRANSLATOR
from people.models import Person
from translation.models import SectionTranslation
from translation.services import record_translation, same_text
from versions import demo as versions_demo

HOME_TITLES = {"de": "medlex", "en": "medlex"}


def ensure_home_pages():
    """One home page per language under the root; the German one is the site root."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    homes = {}
    for code in LANGUAGES:
        home = HomePage.objects.filter(translation_key=translation_key("home"), locale=locales[code]).first()
        if home is None:
            home = HomePage(
                title=HOME_TITLES[code],
                slug=f"home-{code}",
                locale=locales[code],
                translation_key=translation_key("home"),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        homes[code] = home
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=homes["de"], is_default_site=True, site_name="medlex"
        )
    elif site.root_page_id != homes["de"].id:
        old_root = site.root_page
        site.root_page = homes["de"]
        site.site_name = "medlex"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's initial "Welcome" page
    return homes


def record_human_translation(english, german, translator, translated_at):
    """The English demo sections were written by the demo translator from the German ones: state ``human``.

    ``translated_at`` is the content's own date, so the page says the same whenever the demo was loaded.
    """
    existing = {r.block_id: r for r in english.section_translations.all()}
    german_sections = {block.id: block.value for block in german.body}
    for block in english.body:
        record = existing.get(block.id)
        source = german_sections[block.id]
        if (
            record is None
            or record.method != SectionTranslation.Method.HUMAN
            or record.translated_by_id != translator.pk
            or record.translated_at != translated_at
            or not same_text(source, record.source_fingerprint)
        ):
            record = record_translation(
                english, block.id, german, source, SectionTranslation.Method.HUMAN, translated_by=translator
            )
            record.translated_at = translated_at
            record.save(update_fields=["translated_at"])


@transaction.atomic
def load(stdout=None):
    """Create or update the home pages and the demo articles; returns the number of pages published."""
    homes = ensure_home_pages()
    published, pages = articles_demo.load(homes)
    published += legal_demo.load(homes, translation_key)
    versions_demo.load(pages, articles_demo.read_articles())
    keys = list(dict.fromkeys(key for key, _lang in pages))
    translator = Person.objects.get(slug=TRANSLATOR)
    last_updated = {article["key"]: article["editorial"]["last_updated"] for article in articles_demo.read_articles()}
    for key in keys:
        record_human_translation(
            pages[(key, "en")], pages[(key, "de")], translator, articles_demo.editorial_time(last_updated[key])
        )
    if stdout:
        stdout.write(f"Demo content: {len(keys)} articles in {len(LANGUAGES)} languages, {published} pages published.")
    return published

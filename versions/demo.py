"""The demo articles' version histories, as their content files tell them (``"versions"``).

The last version is the text of the file, which the articles loader has
published; each earlier one is that text with the sections the version lists in
their earlier wording, kept with the version as a published version keeps its
text, so its permalink and the changes in the history read as for any other. Dates are the
content's own. Idempotent: a history that already matches is left alone; one
that does not (a fresh install, or content published again) is written anew.
"""

from articles.demo import LANGUAGES, editorial_time
from articles.models import ArticlePage
from versions.models import ArticleVersion


def wanted_history(article, lang):
    return [(v["kind"], v["summary"][lang], editorial_time(v["date"])) for v in article["versions"]]


def stored_history(page):
    return [(v.kind, v.summary, v.published_at) for v in page.versions.order_by("number")]


def earlier_content(page, version, lang):
    """``page``'s current content with the version's own sections, as a version keeps it."""
    overrides = version.get("sections", {}).get(lang, {})
    earlier = ArticlePage.objects.get(pk=page.pk)
    body = earlier.body.raw_data
    for block in body:
        if block["value"]["kind"] in overrides:
            block["value"]["text"] = overrides[block["value"]["kind"]]
    earlier.body = body
    published = editorial_time(version["date"]).date()
    if earlier.medically_reviewed_on and earlier.medically_reviewed_on > published:
        # The content names only today's review; a version older than it shows none rather than a later one.
        earlier.medically_reviewed_on = earlier.next_review_due = None
    if earlier.literature_reviewed_through and earlier.literature_reviewed_through > published:
        earlier.literature_reviewed_through = None
    earlier.change_kind, earlier.change_summary = version["kind"], version["summary"][lang]
    return earlier.serializable_data()


def write_history(page, article, lang):
    page.versions.all().delete()
    # Only the last version was published as a revision; the earlier ones are kept as the content tells them.
    revisions = [None] * (len(article["versions"]) - 1) + [page.live_revision]
    for number, (version, revision) in enumerate(zip(article["versions"], revisions, strict=True), start=1):
        ArticleVersion.objects.create(
            page=page,
            revision=revision,
            content=revision.content if revision else earlier_content(page, version, lang),
            number=number,
            kind=version["kind"],
            summary=version["summary"][lang],
            published_at=editorial_time(version["date"]),
        )


def load(pages, articles):
    """Give each demo article (``pages`` by (key, language)) the history its content file tells."""
    for article in articles:
        for lang in LANGUAGES:
            page = ArticlePage.objects.get(pk=pages[(article["key"], lang)].pk)
            last = page.versions.order_by("-number").first()
            if (
                stored_history(page) != wanted_history(article, lang)
                or last is None
                or last.revision_id != page.live_revision_id
            ):
                write_history(page, article, lang)

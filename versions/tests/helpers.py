"""Publishing new versions of an article the way the admin's publish does."""

from articles.models import ArticlePage


def publish_change(page, kind, summary, edit=None):
    """Publish a new revision of ``page`` with ``edit(body)`` applied to its raw sections; the page as published."""
    page = ArticlePage.objects.get(pk=page.pk)
    if edit is not None:
        body = page.body.raw_data
        edit(body)
        page.body = body
    page.change_kind, page.change_summary = kind, summary
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def replace_in_section(index, old, new):
    """An ``edit`` for publish_change: ``old`` becomes ``new`` in the text of section ``index``."""

    def edit(body):
        text = body[index]["value"]["text"]
        assert old in text, f"{old!r} is not in section {index}"
        body[index]["value"]["text"] = text.replace(old, new, 1)

    return edit

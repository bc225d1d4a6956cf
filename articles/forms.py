"""Admin form of an article: checks that need the sections and the literature list together."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from articles import citations
from articles.sections import SectionKind

# The edit form's buttons that make a revision public, now or after a review.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and page.live and not page.has_unpublished_changes:
            # The kind and summary on the page belong to the publish that made it live;
            # the next publish gets its own. A saved draft keeps what was entered.
            self.initial["change_kind"] = ""
            self.initial["change_summary"] = ""

    def clean(self):
        cleaned = super().clean()
        self._check_change_notes(cleaned)
        self._check_specialties(cleaned)
        body = cleaned.get("body")
        references = self.formsets.get("references")
        if body is None or references is None or not references.is_valid():
            return cleaned
        reference_count = sum(
            1 for form in references.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        self._check_sections(body, reference_count)
        return cleaned

    def _check_change_notes(self, cleaned):
        """Every publish after the first says what kind of change it is and what changed."""
        publishing = any(self.data.get(action) for action in PUBLISHING_ACTIONS)
        if not publishing or not self.instance.first_published_at:
            return
        if "change_kind" in self.fields and not cleaned.get("change_kind"):
            self.add_error(
                "change_kind",
                _("Choose the kind of change you are publishing. Readers see it in the version history."),
            )
        if "change_summary" in self.fields and not cleaned.get("change_summary", "").strip():
            self.add_error(
                "change_summary",
                _(
                    "Say in a sentence what changed, for readers of the version history, for example “Therapy: second-line options corrected.”"
                ),
            )

    def _check_specialties(self, cleaned):
        """A published article is filed under at least one specialty; a draft may wait."""
        publishing = any(self.data.get(action) for action in PUBLISHING_ACTIONS)
        if publishing and "specialties" in self.fields and not cleaned.get("specialties"):
            self.add_error(
                "specialties",
                _("Choose at least one specialty. Readers find the article on the page of each specialty you choose."),
            )

    def _check_sections(self, body, reference_count):
        seen = set()
        for block in body:
            if block.block_type != "section":
                continue
            kind = block.value["kind"]
            label = SectionKind(kind).label
            if kind in seen:
                self.add_error(
                    "body", _("The section “%(kind)s” appears twice. Merge the two into one.") % {"kind": label}
                )
            seen.add(kind)
            too_high = sorted(
                n for n in citations.cited_numbers(block.value["text"].source) if n > reference_count or n < 1
            )
            if too_high:
                self.add_error(
                    "body",
                    _(
                        "The section “%(kind)s” cites %(numbers)s, but the literature list has %(count)d entries. Add the references or correct the numbers."
                    )
                    % {"kind": label, "numbers": ", ".join(f"[{n}]" for n in too_high), "count": reference_count},
                )

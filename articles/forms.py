"""Admin form of an article: checks that need the sections and the literature list together."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from articles import citations
from articles.sections import SectionKind


class ArticlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        references = self.formsets.get("references")
        if body is None or references is None or not references.is_valid():
            return cleaned
        reference_count = sum(
            1 for form in references.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        self._check_sections(body, reference_count)
        return cleaned

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

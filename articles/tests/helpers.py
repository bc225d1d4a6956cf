"""Building articles for tests, the way an editor's publish would."""

import io
import re

from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model

from articles.models import ArticleAuthor, ArticleIcd10Code, ArticlePage, ArticleReference, RelatedArticle
from articles.sections import SectionKind
from home.models import HomePage
from people.models import Person
from references.models import record_for
from specialties.models import Specialty


def filing_specialty():
    """The specialty test articles are filed under (every published article has one)."""
    return Specialty.objects.get_or_create(
        slug_en="test-specialty",
        defaults={"name_de": "Testfachgebiet", "name_en": "Test specialty", "slug_de": "testfachgebiet"},
    )[0]


def make_image(title="test figure", colour="navy"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), colour).save(buffer, "PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name=f"{title.replace(' ', '-')}.png")
    image.save()
    return image


def author_person():
    return Person.objects.get_or_create(
        slug="test-author", defaults={"name": "Test Author", "disclosure_de": "Keine", "disclosure_en": "None declared"}
    )[0]


def make_article(title, n=3, lang="de", slug=None, access="professional", with_figures=True, text="Text"):
    """An article with n sections (each citing [k] and with a figure), n references and n related links."""
    home = HomePage.objects.get(locale__language_code=lang)
    kinds = list(SectionKind.values)
    image = make_image(f"{title} figure") if with_figures else None
    body = []
    for k in range(n):
        body.append(
            {
                "type": "section",
                "value": {
                    "kind": kinds[k % len(kinds)],
                    "access": "public" if k == 0 else access,
                    "text": f"<p>{text} {k} [{k + 1}]</p>",
                    "figures": (
                        [
                            {
                                "image": image.pk,
                                "caption": f"Figure {k}",
                                "alt_text": f"Alt {k}",
                                "credit": "medlex",
                                "licence": "CC BY 4.0",
                            }
                        ]
                        if image
                        else []
                    ),
                },
            }
        )
    page = ArticlePage(title=title, slug=slug or title.lower().replace(" ", "-"), body=body)
    page.icd10_codes = [ArticleIcd10Code(code="M86.9")]
    page.authors = [ArticleAuthor(person=author_person())]
    page.specialties = [filing_specialty()]
    page.references = [
        ArticleReference(
            sort_order=k,  # as the editor's form numbers them; the literature list's order is its numbering
            reference=record_for(
                authors="Doe J\nRoe R",
                year=2020,
                title=f"Reference {k}",
                container="J Test",
                volume="1",
                issue="2",
                pages=f"{k}-{k + 9}",
                doi=f"10.1000/test.{k}",
                pmid=str(1000 + k),
            ),
        )
        for k in range(n)
    ]
    targets = list(ArticlePage.objects.live().filter(locale=home.locale)[:n])
    page.related_articles = [RelatedArticle(target=target) for target in targets]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def cno(lang="en"):
    """The demo content's CNO syndrome article (ICD-10 M86.9-) in ``lang``."""
    return ArticlePage.objects.get(locale__language_code=lang, icd10_codes__code="M86.9-")


def therapy_is_open(html):
    """Whether the page shows the therapy section's text, not the gate in its place."""
    section = re.search(r'<section class="article-section section-therapy[^"]*"', html).group(0)
    return "locked" not in section


def logged_in(user):
    """A new browser session for ``user``, logged in with the backends configured now (a session names its backend)."""
    client = Client()
    client.force_login(user)
    return client

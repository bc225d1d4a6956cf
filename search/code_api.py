"""ICD-10 codes in the JSON API: description, place in the hierarchy and the articles coded beneath."""

from typing import Literal

from django.utils import translation
from ninja import Field, Router, Schema

from access.policy import hidden_page_ids
from core.api_errors import ApiError, answers
from icd10 import catalogue
from icd10.codes import Icd10Error
from icd10.titles import in_language
from search.by_code import articles_for

router = Router(tags=["icd10"])


class NodeOut(Schema):
    code: str
    kind: str
    description: str = Field(
        description="The code's title in the requested language; the English WHO title where no German one exists."
    )
    description_lang: Literal["de", "en"] = Field(description="The language of the description.")


class CodeArticle(Schema):
    id: int
    title: str
    url: str
    lang: str
    icd10: list[str]


class CodeOut(NodeOut):
    parent: str | None
    ancestors: list[NodeOut]
    children: list[NodeOut]
    articles: list[CodeArticle]


def _node(entry, lang):
    title, title_lang = in_language(entry.code, entry.description, lang)
    return {"code": entry.code, "kind": entry.kind, "description": title, "description_lang": title_lang}


@router.get(
    "/{code}",
    response=answers(CodeOut, 400, 404),
    summary="One ICD-10 code (any common spelling) with its hierarchy and articles",
)
def get_code(request, code: str, lang: Literal["de", "en"] = "de"):
    if len(code) > 20:
        raise ApiError("The code is too long.")
    try:
        entry = catalogue.entry(code)
    except Icd10Error as error:
        with translation.override(lang):
            raise ApiError(str(error), status=404) from error
    return {
        **_node(entry, lang),
        "parent": entry.parent,
        "ancestors": [_node(a, lang) for a in catalogue.ancestors(entry.code)],
        "children": [_node(c, lang) for c in catalogue.children(entry.code)],
        "articles": [
            {"id": d.page_id, "title": d.title, "url": d.url, "lang": d.lang, "icd10": d.code_list()}
            for d in articles_for(entry.code, lang, hidden_page_ids(request))
        ],
    }

"""The reader's followed articles in the JSON API: ``/api/v1/me/following``.

Session-authenticated like the site: 401 without login, 403 for readers who may
not use the reader tools (``access.policy.may_use_reader_tools``), and writes
need the CSRF token in the X-CSRFToken header. Articles the reader may not view
(unknown, unpublished, behind a view restriction) answer 404 and change nothing.
"""

from datetime import datetime
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema

from access.api import reader_tools_caller
from access.policy import may_view_page
from articles.models import ArticlePage
from core.api_errors import ApiError, answers
from following import services
from following.models import Frequency

router = Router(tags=["me"])

MAX_ID = 2**31 - 1
FrequencyName = Literal["immediate", "daily", "weekly", "off"]


class FollowedArticle(Schema):
    id: int
    title: str
    url: str
    lang: str
    since: datetime


class Following(Schema):
    frequency: FrequencyName = Field(
        description="How often changes are e-mailed: at once, daily or weekly digest, or never."
    )
    language: str = Field(description="The language of the e-mails.")
    count: int
    results: list[FollowedArticle]


class FollowIn(Schema):
    article: int = Field(ge=1, le=MAX_ID, description="The id of the article (one language edition) to follow.")


class FrequencyIn(Schema):
    frequency: FrequencyName


def reader(request, write=False):
    return reader_tools_caller(request, "follow articles", write)


def article(request, article_id):
    page = ArticlePage.objects.live().select_related("locale").filter(pk=article_id).first()
    if page is None or not may_view_page(request, page):
        raise ApiError("Unknown article.", status=404)
    return page


def listing(request):
    user = request.user
    choice = services.settings_for(user)
    results = [
        {
            "id": f.page_id,
            "title": f.page.title,
            "url": f.page.get_url(request),
            "lang": f.page.locale.language_code,
            "since": f.created_at,
        }
        for f in services.followed(user)
    ]
    return {"frequency": choice.frequency, "language": choice.language, "count": len(results), "results": results}


@router.get(
    "/following", response=answers(Following, 401, 403), summary="The articles you follow and how often you get e-mail"
)
def list_following(request, response: HttpResponse):
    reader(request)
    response["Cache-Control"] = "private, no-store"
    return listing(request)


@router.post(
    "/following",
    response=answers(Following, 400, 401, 403, 404),
    summary="Follow an article (e-mail alerts when its content changes)",
    description="Following an article you already follow changes nothing. The e-mails are in the language of the "
    "article you follow until you choose otherwise on the site.",
)
def follow(request, body: FollowIn):
    user = reader(request, write=True)
    page = article(request, body.article)
    services.follow(user, page, page.locale.language_code)
    return listing(request)


@router.delete(
    "/following/{int:article_id}",
    response=answers(Following, 400, 401, 403, 404),
    summary="Stop following an article",
)
def unfollow(request, article_id: int):
    user = reader(request, write=True)
    if not 1 <= article_id <= MAX_ID or not services.follows(user, article_id):
        raise ApiError("You do not follow this article.", status=404)
    services.unfollow(user, article_id)
    return listing(request)


@router.put(
    "/following/frequency",
    response=answers(Following, 400, 401, 403),
    summary="Choose how often changes are e-mailed",
    description="`immediate` (one mail per publish, gathered over a minute), `daily` or `weekly` digest, or `off`.",
)
def set_frequency(request, body: FrequencyIn):
    user = reader(request, write=True)
    services.set_frequency(user, Frequency(body.frequency))
    return listing(request)

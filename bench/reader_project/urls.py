"""The baseline view: the verified reader's page bytes, for a logged-in reader with a CSRF token."""

import os

from django.http import HttpResponse, HttpResponseForbidden
from django.middleware.csrf import get_token
from django.urls import path

BODY = open(os.environ["MEDLEX_BENCH_READER_BODY"], "rb").read()


def reader(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()  # wrk stops at an error answer: the session must be valid
    get_token(request)  # as a page with forms asks for one
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare", reader)]

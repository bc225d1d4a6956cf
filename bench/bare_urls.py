"""The baseline: a bare Django view that returns fixed bytes, behind the same middleware."""

import os

from django.http import HttpResponse
from django.urls import path

BODY = open(os.environ["MEDLEX_BENCH_BODY"], "rb").read()


def bare(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare", bare)]

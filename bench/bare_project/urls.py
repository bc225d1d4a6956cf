"""The baseline view: fixed bytes (the anonymous article page, written by the benchmark)."""

import os

from django.http import HttpResponse
from django.urls import path

BODY = open(os.environ["MEDLEX_BENCH_BODY"], "rb").read()


def bare(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare", bare)]

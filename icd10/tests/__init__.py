"""Tests for the pure-Python ICD-10 core; they use no database.

Run them with pytest-django (which only configures the settings here):

    .venv/bin/python -m pytest icd10 -q

or without Django's test plugin.  The project's top-level conftest.py imports
Django models and so needs that plugin; skip it with --noconftest:

    .venv/bin/python -m pytest icd10 -q -p no:django --noconftest
"""

from django.conf import settings

if not settings.configured:  # only without pytest-django: messages then stay English
    settings.configure(USE_I18N=False)

from django.apps import AppConfig
from django.core import checks


class Icd10Config(AppConfig):
    name = "icd10"
    verbose_name = "ICD-10"

    def ready(self):
        from icd10.titles import check_german_titles

        checks.register(check_german_titles)

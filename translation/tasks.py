from django_tasks import task

from translation.models import TranslationJob
from translation.services import run_job


@task(backend="translation")
def translate_article_task(job_id):
    run_job(TranslationJob.objects.get(pk=job_id))

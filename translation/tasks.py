from django_tasks import task

from translation.models import TranslationJob


@task(backend="translation")
def translate_article_task(job_id):
    from translation.services import run_job

    run_job(TranslationJob.objects.get(pk=job_id))

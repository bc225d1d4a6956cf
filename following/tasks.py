"""The background sending of alerts, on the ``mail`` database queue (``manage.py db_worker --backend mail``)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from following import services
from following.models import Frequency


@task(backend="mail")
def send_changes_task(frequency, user_ids=None):
    """One mail per reader with all their pending changes (readers of ``frequency``, or ``user_ids``)."""
    return services.deliver(frequency, user_ids)


def queue_immediate_sending():
    """After the commit: a task sends the pending changes of "at once" readers, a little later.

    The delay (``MEDLEX_FOLLOWING_GATHER_SECONDS``) gathers what one batch of
    publishes changed into one mail per reader: the first task to run sends
    everything pending, the others of the batch find nothing left.
    """
    delay = settings.MEDLEX_FOLLOWING_GATHER_SECONDS
    task = send_changes_task.using(run_after=timezone.now() + timedelta(seconds=delay)) if delay else send_changes_task
    task.enqueue(Frequency.IMMEDIATE)


def queue_digests(frequency):
    """One task per batch of readers of ``frequency`` with changes waiting; returns the number of readers."""
    readers = services.readers_due(frequency)
    for chunk in services.batches(readers):
        send_changes_task.enqueue(frequency, chunk)
    return len(readers)

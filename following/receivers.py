"""What following does when something happens elsewhere: a new version of an article is recorded."""

from django.db import transaction

from following import services, tasks


def version_recorded(sender, instance, created, raw=False, **kwargs):
    """``post_save`` of ``ArticleVersion``: the change is pending for followers, in the publish's transaction.

    "At once" readers are sent theirs by a task queued after the commit, so a
    publish that rolls back sends nothing.
    """
    if raw or not created:
        return
    if services.record_change(instance):
        transaction.on_commit(tasks.queue_immediate_sending)

"""Receivers that keep files in step with the database.

Cached user rows (delivery.backends) are retired with the reader's tier by
delivery/receivers.py: deactivation, a new password or a deleted account end
sessions on the next request.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from accounts.models import ProofDocument


@receiver(post_delete, sender=ProofDocument)
def remove_proof_file(sender, instance, **kwargs):
    instance.path.unlink(missing_ok=True)

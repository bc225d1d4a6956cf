"""Proof files go when their row goes, whatever deleted it (account deletion, retention, admin)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from accounts.models import ProofDocument


@receiver(post_delete, sender=ProofDocument)
def remove_proof_file(sender, instance, **kwargs):
    instance.path.unlink(missing_ok=True)

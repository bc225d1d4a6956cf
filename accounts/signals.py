"""Receivers that keep files and cached rows in step with the database."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.backends import forget_user
from accounts.models import ProofDocument


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def user_row_changed(sender, instance, **kwargs):
    """Deactivation, a new password or a deleted account must end sessions on the next request."""
    forget_user(instance.pk)


@receiver(post_delete, sender=ProofDocument)
def remove_proof_file(sender, instance, **kwargs):
    instance.path.unlink(missing_ok=True)

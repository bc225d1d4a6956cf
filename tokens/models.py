"""Personal API tokens: a reader's key for the JSON API and the MCP server.

Only a SHA-256 digest of the secret is stored; the token itself is shown once. A
token has no "valid" flag of its own: whether it is honoured is decided on every
request from its expiry, its revocation and its owner's current access
(``tokens.services.authenticate``, ``access.policy.may_use_api_tokens``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read")
    READ_RUN = "read+run", _("Read and run functions")


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The token's public part, by which it is looked up; the secret is compared by its digest.
    public_id = models.CharField(max_length=16, unique=True, editable=False)
    secret_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.public_id})"

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    def may_run_functions(self):
        return self.scope == Scope.READ_RUN

"""Registration data, proof of profession and the audit trail of decisions.

The reader's state is derived from these rows by ``accounts.states``; nothing
here decides access.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profession(models.TextChoices):
    PHYSICIAN = "physician", _("Physician")
    DENTIST = "dentist", _("Dentist")
    PHARMACIST = "pharmacist", _("Pharmacist")
    NURSE = "nurse", _("Nurse")
    MIDWIFE = "midwife", _("Midwife")
    PSYCHOTHERAPIST = "psychotherapist", _("Psychotherapist")
    PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist")
    MEDICAL_STUDENT = "medical_student", _("Medical student")
    OTHER = "other", _("Other health professional")


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    full_name = models.CharField(_("full name"), max_length=200)
    profession = models.CharField(_("profession"), max_length=32, choices=Profession.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 country code"))
    specialty = models.CharField(_("specialty"), max_length=200, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("professional profile")
        permissions = [("verify_professionals", "Verify professionals")]

    def __str__(self):
        return self.full_name


class VerificationRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Under review")
        MORE_INFO = "more_info", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")

    class IdentifierKind(models.TextChoices):
        NONE = "", _("None")
        EFN = "efn", _("German EFN")
        NPI = "npi", _("US NPI")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verification_requests")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    identifier_kind = models.CharField(max_length=8, choices=IdentifierKind.choices, blank=True)
    identifier = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("note for the reviewer"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("verification request")


def _private_name():
    return uuid.uuid4().hex


class ProofDocument(models.Model):
    """A checked, cleaned upload, stored under MEDLEX_PRIVATE_ROOT by a random name."""

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="documents")
    stored_name = models.CharField(max_length=64, default=_private_name, unique=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    @property
    def path(self):
        return settings.MEDLEX_PRIVATE_ROOT / "proof" / self.stored_name


# A reason medlex writes itself is shown in the reader's language; the row keeps the text
# as written, so rows recorded before a translation existed read the same.
OPERATOR_CREATED_REASON = "created verified by an operator (createprofessional)"
SYSTEM_REASONS = {OPERATOR_CREATED_REASON: _("Created as a verified professional by an operator.")}


class AuditEvent(models.Model):
    """Append-only: who did what to whose verification, when and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Proof submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        MORE_INFO = "more_info", _("More information requested")
        REVOKED = "revoked", _("Revoked")
        DOCUMENTS_DELETED = "documents_deleted", _("Documents deleted")
        DOCUMENT_VIEWED = "document_viewed", _("Document viewed")

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    subject_email = models.CharField(max_length=254)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    @property
    def reason_for_reader(self):
        """The reason in the reader's language where medlex wrote it, else as the reviewer wrote it."""
        return SYSTEM_REASONS.get(self.reason, self.reason)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted.")

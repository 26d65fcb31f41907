"""Certificates, the keys that sign them, and their place in the revocation list.

A certificate is a snapshot: what it says is copied when it is issued and
never recomputed. One valid certificate per enrolment (a partial unique
constraint), whatever retries or concurrent workers do; correcting a name
supersedes it with a new one; a revoked one stays, publicly marked revoked.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment


class SigningKey(models.Model):
    """A P-256 key pair: the public key here (published forever), the private
    key outside the database (CERTIFICATE_KEYS_DIR/<kid>.pem)."""

    kid = models.CharField(_("key id"), max_length=32, unique=True)
    public_key_pem = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid


class RevocationReason(models.TextChoices):
    """Coarse on purpose: the public page shows it."""

    ISSUED_IN_ERROR = "error", _("Issued in error")
    REQUIREMENTS_NOT_MET = "requirements", _("Requirements not met")
    MISCONDUCT = "misconduct", _("Academic misconduct")
    OTHER = "other", _("Other")


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    serial = models.UUIDField(unique=True, editable=False)
    short_code = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.VALID)
    # The snapshot, as printed and signed.
    name_printed = models.CharField(_("name as printed"), max_length=200)
    course_code = models.CharField(max_length=32)
    course_title = models.CharField(max_length=200)
    programme_name = models.CharField(max_length=200)
    issuer = models.CharField(max_length=200)
    hours = models.PositiveIntegerField()
    final_grade = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    completed_on = models.DateField()
    issued_at = models.DateTimeField(default=timezone.now)
    # Bitstring Status List position, drawn at random so neighbours say nothing.
    status_index = models.PositiveIntegerField(unique=True)
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    signed_payload = models.BinaryField()
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(
        max_length=16, choices=RevocationReason.choices, blank=True
    )
    revocation_note = models.TextField(blank=True)  # internal; never shown publicly
    revoked_by = models.ForeignKey(
        "programs.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status="valid"),
                name="certificate_one_valid_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(status="revoked", revoked_at__isnull=False) & ~Q(revocation_reason="")
                | ~Q(status="revoked"),
                name="certificate_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_code} · {self.name_printed}"

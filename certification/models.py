"""Certificates, the keys that sign them, and their place in the revocation list.

A certificate is a snapshot: what it says is copied when it is issued and
never recomputed. One valid certificate per enrolment (a partial unique
constraint), whatever retries or concurrent workers do; correcting a name
supersedes it with a new one; a revoked one stays, publicly marked revoked.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from programs.jobs import BackgroundJob


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
    # The enrolment's run, kept on the certificate (an enrolment never changes run):
    # the lists of a programme's certificates filter and count without joining every
    # enrolment (the API's list at 50,000 officials: 16 ms of its 29 ms was that join).
    course_run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.PROTECT, related_name="certificates", editable=False
    )
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
    # The PDF as issued (rendered once, in the official's language) and its
    # SHA-256, which the public page compares a dropped file against.
    pdf = models.FileField(upload_to="certificates/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
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
        indexes = [
            # Lists in this order (the API's pages) read 50 rows instead of
            # sorting every certificate: 90 ms → 6 ms at 17,832 certificates.
            models.Index(fields=["-issued_at", "-id"], name="certificate_newest_first"),
            # The few revoked or superseded: the programme overview's cache stamp
            # reads them without scanning every certificate (reporting.selectors).
            models.Index(
                fields=["enrolment"], condition=~Q(status="valid"), name="certificate_not_valid_idx"
            ),
        ]
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


class TutorSignOff(models.Model):
    """A tutor's confirmation that an official may be certified, for courses that ask for it."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="signoff")
    signed_by = models.ForeignKey("programs.User", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("tutor sign-off")
        verbose_name_plural = _("tutor sign-offs")

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.signed_by_id}"


# --- Batches of work over a run's certificates ---


def _batch_archive_path(batch: "CertificateBatch", filename: str) -> str:
    # A random folder: the ZIP holds personal data and its name must not be guessable.
    return f"certificate-batches/{secrets.token_hex(16)}/{filename}"


class CertificateBatch(BackgroundJob):
    """Background work over a course run's certificates, with progress pages can read.

    `issue` issues to everyone eligible; `zip` builds one ZIP of the valid
    certificates' PDFs (kept in `archive`, downloaded by managers only). At most
    one queued or running batch of a kind per run (a partial unique constraint):
    a second click gets the batch already under way.
    """

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue to everyone eligible")
        ZIP = "zip", _("ZIP of the certificates")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    course_run = models.ForeignKey(
        "courses.CourseRun", on_delete=models.CASCADE, related_name="certificate_batches"
    )
    requested_by = models.ForeignKey(
        "programs.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued = models.PositiveIntegerField(default=0)
    # The last enrolment (issue) handled, so that a re-run continues where it stopped.
    cursor = models.PositiveIntegerField(default=0)
    archive = models.FileField(upload_to=_batch_archive_path, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            models.UniqueConstraint(
                fields=["course_run", "kind"],
                condition=Q(status__in=["queued", "running"]),
                name="certificate_batch_one_open_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.course_run_id} · {self.get_status_display()}"


class CertificateSignatory(models.Model):
    """A person whose signature a programme's certificates carry (up to three, in order).

    Issued PDFs are kept as issued: changing a signatory affects certificates
    issued afterwards only.
    """

    programme = models.ForeignKey(
        "programs.Programme", on_delete=models.CASCADE, related_name="certificate_signatories"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title or office"), max_length=160, blank=True)
    signature = models.ImageField(
        _("signature (PNG or JPEG, transparent background preferred)"),
        upload_to="certificate-signatures/",
        blank=True,
    )

    class Meta:
        verbose_name = _("certificate signatory")
        verbose_name_plural = _("certificate signatories")
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} · {self.title}" if self.title else self.name

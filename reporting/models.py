"""What reporting stores: the log of notifications sent, so none goes out twice, and the
files of the programme's figures made in the background (exports)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.jobs import BackgroundJob


class Notification(models.Model):
    """One e-mail sent to one person for one reason and period.

    The unique (kind, recipient, key) row is the lock that makes sending
    idempotent: it is inserted in the same transaction as the message is
    handed to the mail server (reporting.reminders.notification_send), so a
    retried task or a second worker racing the first finds the row and sends
    nothing. `key` names the period or the event, e.g. "run:7:2026-W48" for a
    weekly reminder or "municipality:42:2026-05-04" for an H2 announcement.
    """

    class Kind(models.TextChoices):
        OFFICIAL_BEHIND = "official_behind", _("Reminder to an official who is behind")
        H2_REACHED = "h2_reached", _("A municipality reached H2")
        MUNICIPALITIES_BEHIND = "municipalities_behind", _("Municipalities falling behind")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    key = models.CharField(_("period or event"), max_length=120)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "key"], name="notification_once_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.recipient_id} · {self.key}"


def _export_path(instance: "ReportExport", filename: str) -> str:
    # A random folder: no URL serves the storage, and the name must not be guessable either.
    return f"report-exports/{secrets.token_hex(16)}/{filename}"


class ReportExport(BackgroundJob):
    """A file of a programme's figures made by a Celery task, with its progress.

    The municipality table as CSV or XLSX (with the filters and order of the
    page, in `parameters`) or the PDF programme report, in the language of the
    person who asked. Downloaded by the programme's managers only, through a
    view that checks it (reporting.export_jobs); the newest files of each kind
    are kept, older ones deleted. Its progress: rows written (tables) or pages
    laid out (the report), `done` of about `total`.
    """

    class Kind(models.TextChoices):
        TABLE_CSV = "table_csv", _("Municipality table (CSV)")
        TABLE_XLSX = "table_xlsx", _("Municipality table (XLSX)")
        REPORT_PDF = "report_pdf", _("Programme report (PDF)")

    programme = models.ForeignKey(
        "programs.Programme", on_delete=models.CASCADE, related_name="report_exports"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # The table's filters and order, and the day the figures are for.
    parameters = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="es")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(upload_to=_export_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["programme", "-created_at"], name="report_export_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.programme_id} · {self.get_status_display()}"

"""What reporting stores: the log of notifications sent, so none goes out twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

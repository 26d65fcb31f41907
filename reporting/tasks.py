"""Background work of reporting: reminders and notices (thin: the rules are in reminders),
and the exports of a programme's figures (thin: the work is in export_jobs).

Each task is idempotent: the Notification log's unique key makes a retry, a
second run the same week or a second worker send nothing more. A mail server
error (OSError, smtplib's errors included) rolls back that one message's log
row and retries the task, which then sends only what is still owed. An export
that has finished does nothing when its task runs again.
"""

from celery import shared_task
from django.utils import timezone

from reporting import export_jobs, reminders

_RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(name="reporting.send_official_reminders", **_RETRY)
def send_official_reminders() -> dict[str, int]:
    """Weekly: remind officials who are behind in an open course run."""
    return reminders.official_reminders_send(today=timezone.localdate()).as_dict()


@shared_task(name="reporting.send_h2_notices", **_RETRY)
def send_h2_notices() -> dict[str, int]:
    """Often: tell managers about municipalities that reached H2 and were not yet announced."""
    return reminders.h2_notices_send().as_dict()


@shared_task(name="reporting.send_municipalities_behind_notices", **_RETRY)
def send_municipalities_behind_notices() -> dict[str, int]:
    """Weekly: tell managers which of their municipalities are behind."""
    return reminders.municipalities_behind_notices_send(today=timezone.localdate()).as_dict()


@shared_task(name="reporting.report_export_run")
def report_export_run(export_id: int) -> str | None:
    """Make an export's file (a table or the programme report); idempotent, safe to retry.

    Returns the export's final status, or None when it had nothing left to do.
    """
    export = export_jobs.report_export_run(export_id=export_id)
    return export.status if export else None

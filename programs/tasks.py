from celery import shared_task

from programs import import_jobs, services


@shared_task(
    name="programs.send_activation_emails",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_activation_emails(user_ids: list[int]) -> int:
    """Send activation links; idempotent, so a retry never e-mails anyone twice."""
    return sum(services.activation_email_send(user_id=user_id) for user_id in user_ids)


@shared_task(name="programs.municipality_import_run")
def municipality_import_run(import_id: int) -> str | None:
    """Check and import a spreadsheet of municipalities; idempotent, safe to retry.

    Returns the job's final status, or None when it had nothing left to do.
    """
    job = import_jobs.municipality_import_run(import_id=import_id)
    return job.status if job else None

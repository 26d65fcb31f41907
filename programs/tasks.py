from celery import shared_task

from programs import services


@shared_task(
    name="programs.send_activation_emails",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_activation_emails(user_ids: list[int]) -> int:
    """Send activation links; idempotent, so a retry never e-mails anyone twice."""
    return sum(services.activation_email_send(user_id=user_id) for user_id in user_ids)

"""Background work of certification (thin: the rules are in services)."""

import logging

from celery import shared_task
from django.core.exceptions import ValidationError

from certification import selectors, services

logger = logging.getLogger(__name__)


@shared_task(name="certification.certificate_issue_if_eligible")
def certificate_issue_if_eligible(enrolment_id: int) -> str | None:
    """Issue the enrolment's certificate if it is due; idempotent, safe to retry.

    Returns the certificate's short code, or None when nothing is due.
    """
    if not selectors.has_required_hours(enrolment_id):
        return None  # the common case, answered in one query
    try:
        certificate = services.certificate_issue(enrolment_id=enrolment_id)
    except ValidationError as error:  # no signing key yet: say so, do not fail the caller
        logger.warning("Certificate for enrolment %s not issued: %s", enrolment_id, error)
        return None
    return certificate.short_code if certificate else None


@shared_task(name="certification.certificate_batch_run")
def certificate_batch_run(batch_id: int) -> str | None:
    """Run a certificate batch (bulk issuance or the run's ZIP); idempotent, safe to retry.

    Returns the batch's final status, or None when it had nothing left to do.
    """
    from certification import batches  # batches queue this task: import here to avoid the cycle

    batch = batches.certificate_batch_run(batch_id=batch_id)
    return batch.status if batch else None

"""Celery tasks of the assessments app: thin, idempotent wrappers of services."""

from celery import shared_task

from assessments.services import quizzes

# Run by Celery beat every minute (CELERY_BEAT_SCHEDULE in lms/settings.py):
# {"task": "assessments.close_overdue_attempts", "schedule": 60}


@shared_task(name="assessments.close_overdue_attempts")
def close_overdue_attempts() -> int:
    """Submit quiz attempts whose deadline has passed, a batch at a time.

    Idempotent: an attempt already submitted is skipped under its row lock.
    A full batch re-queues the task for the rest. Pages enforce the deadline
    on their own too (they submit an overdue attempt before reading it), so
    this only tidies up attempts nobody looks at.
    """
    closed = quizzes.attempts_close_overdue(limit=quizzes.CLOSE_OVERDUE_BATCH)
    if closed >= quizzes.CLOSE_OVERDUE_BATCH:
        close_overdue_attempts.delay()
    return closed

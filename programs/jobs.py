"""What every background job shares: its states, its counters and its progress.

Imports of municipalities (programs), exports of the programme's reports
(reporting) and batches over a run's certificates (certification) run in a
Celery worker; each keeps a row that its progress page reads and polls, so a
manager can leave the page and find the work again.

Tasks are delivered at least once: `job_claim` lets one worker at a time run
a job, and a job whose worker died (no progress for STALE_AFTER) is taken
over by the next delivery.
"""

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STALE_AFTER = datetime.timedelta(minutes=15)


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("background job", "Queued")
    RUNNING = "running", pgettext_lazy("background job", "Running")
    DONE = "done", pgettext_lazy("background job", "Done")
    FAILED = "failed", pgettext_lazy("background job", "Failed")


class BackgroundJob(models.Model):
    """The columns a progress page reads: the status, `done` of about `total` steps,
    when the work was asked for and finished, and why it stopped if it failed."""

    Status = JobStatus
    OPEN = (JobStatus.QUEUED, JobStatus.RUNNING)

    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # Why the job itself stopped (an unreadable file, a crash), for the page to say.
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


@dataclass(frozen=True)
class JobProgress:
    """What a progress page and its JSON endpoint show."""

    status: str
    done: int
    total: int
    finished: bool
    percent: int


def job_progress(job: BackgroundJob) -> JobProgress:
    percent = 100 if job.status == JobStatus.DONE else 0
    if job.total and job.status != JobStatus.DONE:
        percent = min(100, job.done * 100 // job.total)
    return JobProgress(
        status=job.status,
        done=job.done,
        total=job.total,
        finished=not job.is_open,
        percent=percent,
    )


def job_is_stale(job: BackgroundJob, now: datetime.datetime) -> bool:
    """An open job without progress for STALE_AFTER: presumed lost with its worker."""
    return job.is_open and job.updated_at < now - STALE_AFTER


def job_claim[J: BackgroundJob](jobs: QuerySet[J], job_id: int, **fields) -> J | None:
    """Lock the job and mark it running (with `fields`) → the job, or None when
    there is nothing to do: it is gone, finished, or a live worker is on it."""
    with transaction.atomic():
        job = jobs.select_for_update(of=("self",)).filter(pk=job_id).first()
        if job is None or not job.is_open:
            return None
        if job.status == JobStatus.RUNNING and not job_is_stale(job, timezone.now()):
            return None  # a duplicate delivery, or a retry, while its worker runs
        job_save(job, status=JobStatus.RUNNING, **fields)
        return job


def job_save(job: BackgroundJob, **fields) -> None:
    """Write fields of the job and its `updated_at` (the sign that it is alive) in one
    UPDATE: outside a transaction, pages see it at once."""
    fields["updated_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    type(job).objects.filter(pk=job.pk).update(**fields)

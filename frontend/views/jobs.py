"""What the progress pages of background jobs (imports, exports, certificate batches) share."""

from django.http import JsonResponse

from programs.jobs import BackgroundJob, job_progress


def job_progress_response(job: BackgroundJob, *, text: str, **extra) -> JsonResponse:
    """The job's progress as JSON, polled by progress.js; never cached."""
    progress = job_progress(job)
    response = JsonResponse(
        {
            "status": progress.status,
            "status_label": job.get_status_display(),
            "done": progress.done,
            "total": progress.total,
            "percent": progress.percent,
            "finished": progress.finished,
            "text": text,
            **extra,
        }
    )
    response["Cache-Control"] = "no-store"
    return response

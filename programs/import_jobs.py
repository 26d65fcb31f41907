"""Imports of municipalities and teams as background jobs: request, run, progress, reads.

A manager uploads a spreadsheet; the file is stored (the default storage, in
an unguessable folder that no URL serves), a `MunicipalityImport` row is
created and, once that commits, a thin Celery task runs the job: it reads and
checks the file, then imports it with `services.municipalities_import_parsed`,
all or nothing. A dry run ("check without importing") is the same job without
the writes; a successful check keeps its file so that it can be imported
without uploading it again.

Progress. The job row is what the pages read. Reading and checking the file
happen outside any transaction, so their progress commits as it is written.
The import's writes happen in one transaction, and progress written inside it
would stay invisible until it commits: on PostgreSQL the progress goes through
a second connection of its own, in autocommit, while the rows wait in the
import's transaction (`_ProgressWriter`). On SQLite (one writer at a time,
where a second connection would only wait for the first) it is written on the
job's own connection; there the embedded default runs the job inside the
request, where nobody polls it.

Idempotence. The report and the status `done` are written in the import's own
transaction: the rows and the record that they were written commit together or
not at all. A retried or duplicated task finds the job finished and does
nothing; a job left `running` by a worker that died (its transaction rolled
back) is taken over after `STALE_AFTER` without progress.

See docs/decisions/0008-background-jobs.md.
"""

import logging
import time

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import QuerySet
from django.db.models.sql import UpdateQuery
from django.db.models.sql.constants import NO_RESULTS
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from programs import importing, selectors, services, uploads
from programs.importing import ImportReport, RowError
from programs.jobs import job_claim, job_save
from programs.models import MunicipalityImport, Programme, User

# Imports listed on the import page.
RECENT_IMPORTS = 10
# Successful checks whose file is kept, per programme, to be imported without a new upload.
KEEP_CHECKED_FILES = 3
# At most one progress write in this many seconds (and always at a change of phase).
PROGRESS_INTERVAL = 0.5

logger = logging.getLogger(__name__)

Phase = MunicipalityImport.Phase
Status = MunicipalityImport.Status


# --- Reads ------------------------------------------------------------------------


def import_get_for_manager(user: User, import_id: int) -> MunicipalityImport | None:
    """The import if the person manages its programme (administrators: any), else None."""
    managed = selectors.programmes_managed_by(user).values("pk")
    return (
        MunicipalityImport.objects.select_related("programme", "requested_by")
        .filter(pk=import_id, programme__in=managed)
        .first()
    )


def imports_recent(
    programme: Programme, *, limit: int = RECENT_IMPORTS
) -> QuerySet[MunicipalityImport]:
    """The programme's latest imports and checks, newest first, without their error lists."""
    return (
        MunicipalityImport.objects.filter(programme=programme)
        .select_related("requested_by")
        .defer("errors")
        .order_by("-created_at", "-pk")[:limit]
    )


def report_of(job: MunicipalityImport) -> ImportReport | None:
    """The finished job's report, as the import returned it (None while it runs, or
    when the job stopped before it could check the file)."""
    if job.is_open or job.phase != Phase.FINISHED:
        return None
    counts = job.counts
    return ImportReport(
        errors=[RowError(line, column, message) for line, column, message in job.errors],
        rows_read=counts.get("rows_read", 0),
        municipalities_created=counts.get("municipalities_created", 0),
        municipalities_updated=counts.get("municipalities_updated", 0),
        municipalities_unchanged=counts.get("municipalities_unchanged", 0),
        people_created=counts.get("people_created", 0),
        people_updated=counts.get("people_updated", 0),
        people_unchanged=counts.get("people_unchanged", 0),
        memberships_created=counts.get("memberships_created", 0),
        dry_run=job.dry_run,
        ignored_columns=tuple(job.ignored_columns),
    )


def can_be_imported(job: MunicipalityImport) -> bool:
    """A successful check whose file is still kept: it can be imported as it is."""
    return job.dry_run and job.status == Status.DONE and bool(job.file)


# --- Services ---------------------------------------------------------------------


def _enqueue(job: MunicipalityImport) -> None:
    from programs import tasks  # tasks import this module: import here to avoid the cycle

    transaction.on_commit(lambda: tasks.municipality_import_run.delay(job.pk))


def municipality_import_request(
    *, programme: Programme, upload: File, dry_run: bool, by: User | None, language: str
) -> MunicipalityImport:
    """Store the file and queue its check (`dry_run`) or import → the job.

    The task runs once the surrounding transaction commits (at once, inside
    this call, when Celery runs tasks eagerly). The report is written in
    `language`.
    """
    name = uploads.stored_name(upload, default="municipios.csv")
    job = MunicipalityImport(
        programme=programme, requested_by=by, language=language, dry_run=dry_run, file_name=name
    )
    job.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            job.save()
            _enqueue(job)
    except BaseException:
        job.file.delete(save=False)
        raise
    return job


def municipality_import_from_check(
    *, checked: MunicipalityImport, by: User | None, language: str
) -> MunicipalityImport:
    """Import the file of a successful check, without uploading it again → the new job.

    The check hands its file over to the import: a second click finds no file
    and is refused, so the file is imported once.
    """
    with transaction.atomic():
        locked = MunicipalityImport.objects.select_for_update().filter(pk=checked.pk).first()
        if locked is None or not can_be_imported(locked):
            raise ValidationError(
                _(
                    "The file of this check is no longer kept (it was imported, or it is "
                    "older than the last checks): upload it again."
                )
            )
        job = MunicipalityImport.objects.create(
            programme_id=locked.programme_id,
            requested_by=by,
            language=language,
            dry_run=False,
            file=locked.file.name,
            file_name=locked.file_name,
        )
        MunicipalityImport.objects.filter(pk=locked.pk).update(file="")
        _enqueue(job)
    return job


def municipality_import_run(*, import_id: int) -> MunicipalityImport | None:
    """Check and (unless a dry run) import the job's file; idempotent.

    Returns the job, or None when there was nothing to do (finished already, or
    being run by a live worker). Bad input is not an exception here: it ends
    the job `failed` with its report, and nothing is imported.
    """
    job = _start(import_id)
    if job is None:
        return None
    try:
        with translation.override(job.language), _ProgressWriter(job) as progress:
            _check_and_import(job, progress)
    except Exception as error:  # recorded for the page; the traceback goes to the log
        logger.exception("Import of municipalities %s failed", job.pk)
        job_save(
            job, status=Status.FAILED, error=str(error) or repr(error), finished_at=timezone.now()
        )
    _upload_release(job)
    return job


def _start(import_id: int) -> MunicipalityImport | None:
    """Mark the job running; None when there is nothing to do."""
    jobs = MunicipalityImport.objects.select_related("programme")
    return job_claim(jobs, import_id, phase=Phase.READING)


def _check_and_import(job: MunicipalityImport, progress: "_ProgressWriter") -> ImportReport:
    try:
        parsed = importing.parse_import(
            _upload_read(job),
            job.file_name,
            progress=lambda done, total: progress.write(Phase.CHECKING, done, total),
        )
    except ValidationError as error:  # the file cannot be read at all: one error, no rows
        report = ImportReport(
            errors=[RowError(None, "", " ".join(error.messages))], dry_run=job.dry_run
        )
        _record(job, report)
        return report
    with transaction.atomic():
        report = services.municipalities_import_parsed(
            programme=job.programme,
            parsed=parsed,
            dry_run=job.dry_run,
            progress=progress.write,
        )
        # In the import's transaction: the rows and this record commit together.
        _record(job, report)
    return report


def _upload_read(job: MunicipalityImport) -> bytes:
    if not job.file:
        raise ValidationError(_("The uploaded file is no longer kept: upload it again."))
    try:
        with job.file.open("rb") as stored:
            return stored.read(importing.MAX_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(_("The uploaded file is no longer kept: upload it again.")) from None


def _record(job: MunicipalityImport, report: ImportReport) -> None:
    counts = {
        "rows_read": report.rows_read,
        "municipalities_created": report.municipalities_created,
        "municipalities_updated": report.municipalities_updated,
        "municipalities_unchanged": report.municipalities_unchanged,
        "people_created": report.people_created,
        "people_updated": report.people_updated,
        "people_unchanged": report.people_unchanged,
        "memberships_created": report.memberships_created,
        "errors": len(report.errors),
    }
    job_save(
        job,
        status=Status.DONE if report.ok else Status.FAILED,
        phase=Phase.FINISHED,
        counts=counts,
        errors=[[error.line, error.column, error.message] for error in report.errors],
        ignored_columns=list(report.ignored_columns),
        finished_at=timezone.now(),
    )


class _ProgressWriter:
    """Writes a running job's phase and counts where pages can read them at once.

    On PostgreSQL through a second connection in autocommit, so that progress
    made inside the import's transaction is visible before it commits (the
    job's row is never locked by that transaction until its very end, when the
    report is recorded). Elsewhere through the job's own connection.
    """

    def __init__(self, job: MunicipalityImport):
        self.job = job
        self.own = None
        self.last_phase = ""
        self.last_at = 0.0

    def __enter__(self) -> "_ProgressWriter":
        if connection.vendor == "postgresql":
            self.own = connections.create_connection(DEFAULT_DB_ALIAS)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.own is not None:
            self.own.close()

    def write(self, phase: str, done: int, total: int) -> None:
        """Also the services' progress callback: their phases are the job's."""
        now = time.monotonic()
        if phase == self.last_phase and done < total and now - self.last_at < PROGRESS_INTERVAL:
            return
        self.last_phase, self.last_at = phase, now
        fields = {"phase": phase, "done": done, "total": total, "updated_at": timezone.now()}
        for name, value in fields.items():
            setattr(self.job, name, value)
        if self.own is None:
            MunicipalityImport.objects.filter(pk=self.job.pk).update(**fields)
            return
        query = UpdateQuery(MunicipalityImport)
        query.add_update_values(fields)
        query.add_filter("pk", self.job.pk)
        query.get_compiler(connection=self.own).execute_sql(NO_RESULTS)


def _upload_release(job: MunicipalityImport) -> None:
    """The uploaded file goes once the job is over, except a successful check's (the
    last `KEEP_CHECKED_FILES` of the programme), which can still be imported."""
    if job.file and not can_be_imported(job):
        job.file.delete(save=False)
        job_save(job, file="")
    kept = (
        MunicipalityImport.objects.filter(
            programme_id=job.programme_id, dry_run=True, status=Status.DONE
        )
        .exclude(file="")
        .order_by("-created_at", "-pk")
    )
    for old in kept[KEEP_CHECKED_FILES:]:
        old.file.delete(save=False)
        job_save(old, file="")

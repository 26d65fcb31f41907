"""Exports of a programme's figures as background jobs: request, run, progress, reads.

The municipality table (CSV or XLSX, with the page's filters and order) and
the PDF programme report take seconds for thousands of municipalities (10 s
for the report of 5,000): a manager asks, a `ReportExport` row is created and
a thin Celery task makes the file, writing its progress on the row as it goes
(plain committed updates: an export only reads, so there is no transaction to
see through). The file goes to the default storage in an unguessable folder
that no URL serves; the programme's managers download it through a view that
checks who they are. The newest `KEEP_FILES` of each kind are kept per
programme; older files are deleted (their rows stay, to show who exported what).

Small programmes stay snappy: up to `INLINE_MAX_MUNICIPALITIES` the file is
made inside the request even when a worker is running (a queue round trip
and a progress page would cost more than the file), and so is every export
when Celery runs tasks eagerly (the embedded default).

Asking again for the same export while it is queued or running returns that
one (sent to the queue again if it is presumed lost with its worker). Running
is idempotent: a finished export does nothing; one interrupted is made again.

The team export (one municipality, ten-odd rows, one query) is not here: it
stays a plain download (frontend/views/reporting_exports.py).
"""

import datetime
import logging
import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from programs import selectors as programs_selectors
from programs.jobs import job_claim, job_is_stale, job_save
from programs.models import Municipality, Programme, User
from reporting import exports, report_pdf, selectors
from reporting.models import ReportExport

Kind = ReportExport.Kind
Status = ReportExport.Status

TABLE_KINDS = (Kind.TABLE_CSV, Kind.TABLE_XLSX)
# Up to this many municipalities an export is made inside the request (measured on
# PostgreSQL, 2 cores: about 0.3 s for a table of 1,000 and for the report of 150).
INLINE_MAX_MUNICIPALITIES = {Kind.TABLE_CSV: 1000, Kind.TABLE_XLSX: 1000, Kind.REPORT_PDF: 150}
# Finished files kept per programme and kind; older ones are deleted.
KEEP_FILES = 5
RECENT_EXPORTS = 8
PROGRESS_INTERVAL = 0.5
CONTENT_TYPES = {
    Kind.TABLE_CSV: "text/csv; charset=utf-8",
    Kind.TABLE_XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.REPORT_PDF: "application/pdf",
}

logger = logging.getLogger(__name__)


# --- Reads ------------------------------------------------------------------------


def export_get_for_manager(user: User, export_id: int) -> ReportExport | None:
    """The export if the person manages its programme (administrators: any), else None."""
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return (
        ReportExport.objects.select_related("programme", "requested_by")
        .filter(pk=export_id, programme__in=managed)
        .first()
    )


def exports_recent(programme: Programme, *, limit: int = RECENT_EXPORTS) -> QuerySet[ReportExport]:
    return (
        ReportExport.objects.filter(programme=programme)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def is_downloadable(export: ReportExport) -> bool:
    return export.status == Status.DONE and bool(export.file)


# --- Services ---------------------------------------------------------------------


def table_parameters(
    *, search: str = "", status: str = "", only_at_risk: bool = False, order: str = "name", h2=""
) -> dict[str, object]:
    """The municipality table's filters and order as an export keeps them (checked and
    normalised, so that the same table asked twice is recognised as the same export)."""
    if order.lstrip("-") not in selectors.MUNICIPALITY_ORDERS:
        order = "name"
    return {
        "search": search.strip()[:100],
        "status": status if status in Municipality.Status.values else "",
        "only_at_risk": bool(only_at_risk),
        "order": order,
        "h2": h2 if h2 in ("yes", "no") else "",
    }


def _runs_inline(programme: Programme, kind: str) -> bool:
    from celery import current_app

    if current_app.conf.task_always_eager:
        return True
    municipalities = Municipality.objects.filter(programme=programme).count()
    return municipalities <= INLINE_MAX_MUNICIPALITIES[kind]


def _enqueue(export: ReportExport) -> None:
    from reporting import tasks  # tasks import this module: import here to avoid the cycle

    transaction.on_commit(lambda: tasks.report_export_run.delay(export.pk))


def report_export_request(
    *,
    programme: Programme,
    kind: str,
    by: User | None,
    language: str,
    parameters: dict[str, object] | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> tuple[ReportExport, bool]:
    """Ask for an export of `kind` → (export, created).

    `parameters`: the table's filters and order (`table_parameters`), for the
    table kinds. The figures are those of `today` (the programme's today by
    default), in `language`. The file is made by a worker once the surrounding
    transaction commits, or at once, inside this call, for a small programme
    or when Celery runs tasks eagerly (no worker).
    """
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of export."))
    now = now or timezone.now()
    today = today or programs_selectors.programme_today(programme)
    kept = (parameters or {}) if kind in TABLE_KINDS else {}
    parameters = {**kept, "today": today.isoformat()}
    with transaction.atomic():
        running = (
            ReportExport.objects.filter(
                programme=programme, kind=kind, status__in=ReportExport.OPEN, language=language
            )
            .filter(parameters=parameters)
            .first()
        )
        if running is not None:
            if job_is_stale(running, now):
                _enqueue(running)  # its worker died: _start lets the task take over
            return running, False
        export = ReportExport.objects.create(
            programme=programme,
            kind=kind,
            parameters=parameters,
            language=language,
            requested_by=by,
            created_at=now,
        )
        inline = _runs_inline(programme, kind)
        if not inline:
            _enqueue(export)
    if inline:
        export = report_export_run(export_id=export.pk) or export
    return export, True


def report_export_run(*, export_id: int) -> ReportExport | None:
    """Make the export's file; idempotent (a finished export does nothing).

    A failure marks the export failed with its message and is not raised again:
    the page says what went wrong, and the manager may ask again.
    """
    export = _start(export_id)
    if export is None:
        return None
    try:
        with translation.override(export.language):
            content, file_name = _produce(export)
        export.file.save(file_name, ContentFile(content), save=False)
    except Exception as error:  # recorded for the page; the traceback goes to the log
        logger.exception("Export %s failed", export.pk)
        job_save(
            export,
            status=Status.FAILED,
            error=str(error) or repr(error),
            finished_at=timezone.now(),
        )
        return export
    done = max(export.done, export.total)
    job_save(
        export,
        status=Status.DONE,
        file=export.file.name,
        file_name=file_name,
        done=done,
        total=done,
        finished_at=timezone.now(),
    )
    _older_files_drop(export)
    return export


def _start(export_id: int) -> ReportExport | None:
    exports = ReportExport.objects.select_related("programme")
    return job_claim(exports, export_id, done=0, total=0)


class _ProgressWriter:
    """The export's progress, written at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, export: ReportExport):
        self.export = export
        self.last_at = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last_at < PROGRESS_INTERVAL:
            return
        self.last_at = now
        job_save(self.export, done=done, total=total)


def _produce(export: ReportExport) -> tuple[bytes, str]:
    programme = export.programme
    parameters = export.parameters
    today = datetime.date.fromisoformat(parameters["today"])
    progress = _ProgressWriter(export)
    stem = slugify(programme.name) or "programa"
    if export.kind == Kind.REPORT_PDF:
        content = report_pdf.programme_report_pdf(
            programme, today=today, language=export.language, progress=progress
        )
        return content, f"{stem}-report.pdf"
    table = exports.municipality_table(
        programme,
        today=today,
        search=parameters.get("search", ""),
        status=parameters.get("status", ""),
        only_at_risk=parameters.get("only_at_risk", False),
        order=parameters.get("order", "name"),
        h2=parameters.get("h2", ""),
    )
    if export.kind == Kind.TABLE_CSV:
        return exports.csv_bytes(table, progress=progress), f"{stem}-municipalities.csv"
    return exports.xlsx_bytes(table, progress=progress), f"{stem}-municipalities.xlsx"


def _older_files_drop(export: ReportExport) -> None:
    """Keep the newest KEEP_FILES files of the programme and kind; delete the others."""
    kept = (
        ReportExport.objects.filter(programme_id=export.programme_id, kind=export.kind)
        .exclude(file="")
        .order_by("-created_at", "-pk")
    )
    for old in kept[KEEP_FILES:]:
        old.file.delete(save=False)
        job_save(old, file="")

"""Downloads for programme managers: the municipality table as CSV or XLSX and the
programme report as PDF (made in the background), and a team as CSV or XLSX, in the
manager's language.

Managers of the programme only (anyone else gets 404, as on the pages). The
table export takes the table page's own filters and order (posted by the
page's export form), so the file holds what the page shows, on every page of
it. Asking for the table or the report makes an export (`reporting.export_jobs`):
when its file is ready by the end of the request (a small programme, or Celery
running tasks eagerly) the response is the file itself; otherwise the manager
is taken to the export's page, which shows its progress and then the link to
the file, and which the recent exports on the table page and the dashboard
lead back to. Files are only ever served by `export_download`, which checks
who asks.

A team's file stays a plain download: one municipality's ten-odd officials
are read in one query and written in milliseconds, and a job would only add
a queue and a page to wait on.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from frontend.views.jobs import job_progress_response
from programs import selectors as programs_selectors
from programs.jobs import JobProgress, job_progress
from reporting import export_jobs, exports
from reporting.models import ReportExport

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TABLE_KINDS = {"csv": ReportExport.Kind.TABLE_CSV, "xlsx": ReportExport.Kind.TABLE_XLSX}


def _file(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _language(request) -> str:
    return request.user.preferred_language or translation.get_language()


def _export(request, export_id: int) -> ReportExport:
    export = export_jobs.export_get_for_manager(request.user, export_id)
    if export is None:
        raise Http404
    return export


def _download(export: ReportExport) -> FileResponse:
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=export_jobs.CONTENT_TYPES[export.kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _requested(request, export: ReportExport, created: bool):
    """The file when it is ready already; else the export's page, with its progress."""
    if export_jobs.is_downloadable(export):
        return _download(export)
    if not created:
        messages.info(request, _("This export is already under way: here it is."))
    return redirect("manage_report_export", export_id=export.pk)


def _request_export(request, programme, kind: str, parameters=None):
    export, created = export_jobs.report_export_request(
        programme=programme,
        kind=kind,
        by=request.user,
        language=_language(request),
        parameters=parameters,
    )
    return _requested(request, export, created)


@login_required
@require_POST
def municipality_table_export(request, programme_id: int, file_format: str):
    programme = programs_selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None or file_format not in TABLE_KINDS:
        raise Http404
    parameters = export_jobs.table_parameters(
        search=request.POST.get("q", ""),
        status=request.POST.get("status", ""),
        only_at_risk=request.POST.get("at_risk") == "1",
        order=request.POST.get("order", "name"),
        h2=request.POST.get("h2", ""),
    )
    return _request_export(request, programme, TABLE_KINDS[file_format], parameters)


@login_required
@require_POST
def programme_report(request, programme_id: int):
    programme = programs_selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    return _request_export(request, programme, ReportExport.Kind.REPORT_PDF)


def progress_text(export: ReportExport, progress: JobProgress) -> str:
    if not progress.total:
        return _("Reading the figures")
    values = {
        "done": number_format(progress.done, force_grouping=True),
        "total": number_format(progress.total, force_grouping=True),
    }
    if export.kind == ReportExport.Kind.REPORT_PDF:
        return _("Page %(done)s of about %(total)s") % values
    return _("Row %(done)s of %(total)s") % values


@login_required
@require_safe
def export_detail(request, export_id: int):
    export = _export(request, export_id)
    progress = job_progress(export)
    context = {
        "nav": "manage",
        "export": export,
        "programme": export.programme,
        "progress": progress,
        "progress_text": progress_text(export, progress),
        "downloadable": export_jobs.is_downloadable(export),
    }
    return render(request, "frontend/reporting/export.html", context)


@login_required
@require_safe
def export_progress(request, export_id: int):
    """The export's progress as JSON, polled by progress.js."""
    export = _export(request, export_id)
    return job_progress_response(export, text=progress_text(export, job_progress(export)))


@login_required
@require_safe
def export_download(request, export_id: int):
    """The export's file, for the programme's managers only (never from a public URL)."""
    export = _export(request, export_id)
    if not export_jobs.is_downloadable(export):
        raise Http404
    return _download(export)


@login_required
@require_GET
def team_export(request, municipality_id: int, file_format: str):
    municipality = programs_selectors.municipality_get_for_manager(request.user, municipality_id)
    if municipality is None or file_format not in CONTENT_TYPES:
        raise Http404
    with translation.override(_language(request)):
        table = exports.team_table(
            municipality, today=programs_selectors.programme_today(municipality.programme)
        )
        content = exports.csv_bytes(table) if file_format == "csv" else exports.xlsx_bytes(table)
    return _file(
        content,
        content_type=CONTENT_TYPES[file_format],
        filename=f"{slugify(municipality.name)}-team.{file_format}",
    )

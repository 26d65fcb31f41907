"""Downloads for programme managers: the municipality table and a team as CSV or XLSX,
and the programme report as PDF, in the manager's language.

Managers of the programme only (anyone else gets 404, as on the pages). The
table export takes the table page's own filters and order from the query
string, so the file holds what the page shows, on every page of it.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from programs import selectors as programs_selectors
from programs.models import Municipality
from reporting import exports, report_pdf

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _table_file(table: exports.Table, file_format: str, stem: str) -> HttpResponse:
    content = exports.csv_bytes(table) if file_format == "csv" else exports.xlsx_bytes(table)
    return _file(content, content_type=CONTENT_TYPES[file_format], filename=f"{stem}.{file_format}")


def _language(request) -> str:
    return request.user.preferred_language or translation.get_language()


@login_required
@require_GET
def municipality_table_export(request, programme_id: int, file_format: str):
    programme = programs_selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None or file_format not in CONTENT_TYPES:
        raise Http404
    status = request.GET.get("status", "")
    h2 = request.GET.get("h2", "")
    with translation.override(_language(request)):
        table = exports.municipality_table(
            programme,
            today=programs_selectors.programme_today(programme),
            search=request.GET.get("q", "").strip()[:100],
            status=status if status in Municipality.Status.values else "",
            only_at_risk=request.GET.get("at_risk") == "1",
            order=request.GET.get("order", "name"),
            h2=h2 if h2 in ("yes", "no") else "",
        )
        return _table_file(table, file_format, f"{slugify(programme.name)}-municipalities")


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
        return _table_file(table, file_format, f"{slugify(municipality.name)}-team")


@login_required
@require_GET
def programme_report(request, programme_id: int):
    programme = programs_selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    content = report_pdf.programme_report_pdf(
        programme, today=programs_selectors.programme_today(programme), language=_language(request)
    )
    return _file(
        content,
        content_type="application/pdf",
        filename=f"{slugify(programme.name)}-report.pdf",
    )

"""The gradebook's pages: a run's grade table and its exports, one grade, my grades.

Numbers are shown on the programme's scale with one decimal (docs/gradebook.md).
"""

import csv
import io
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from assessments import rules
from assessments.selectors import gradebook as selectors
from assessments.services import gradebook as services
from courses import selectors as courses_selectors
from courses.models import CourseRun
from frontend.views import query_without_page
from programs import selectors as programs_selectors

PAGE_SIZE = 50
SORTABLE = ("name", "municipality", "final")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run_for_staff(request, run_id: int) -> CourseRun:
    run = courses_selectors.course_run_get_for_staff(request.user, run_id)
    if run is None:
        raise Http404
    return run


def _filters(request) -> dict:
    """The table's filters from the query string (bad values are ignored)."""
    municipality = request.GET.get("municipality", "")
    return {
        "municipality": int(municipality) if municipality.isdigit() else None,
        "search": request.GET.get("q", "").strip()[:200],
        "order": request.GET.get("order", selectors.DEFAULT_ORDER),
        "include_withdrawn": request.GET.get("withdrawn") == "1",
    }


def _sort_links(request, order: str) -> dict:
    """For each sortable column: the query that sorts by it and its aria-sort state."""
    links = {}
    for column in SORTABLE:
        query = request.GET.copy()
        query.pop("page", None)
        if order == column:
            state, query["order"] = "ascending", f"-{column}"
        elif order == f"-{column}":
            state, query["order"] = "descending", column
        else:
            # The final grade sorts highest first on the first click.
            state, query["order"] = "none", f"-{column}" if column == "final" else column
        links[column] = {"query": query.urlencode(), "state": state}
    return links


@login_required
def grade_table(request, run_id: int):
    run = _run_for_staff(request, run_id)
    filters = _filters(request)
    table = selectors.grade_table(run, **filters, page=request.GET.get("page"), page_size=PAGE_SIZE)
    context = {
        "nav": "tutor",
        "run": run,
        "table": table,
        "layout": table.layout,
        "page": table.page,
        "filters": filters,
        "municipalities": selectors.municipalities_of_run(run),
        "sort": _sort_links(request, table.order),
        "column_count": len(table.layout.items) + len(table.layout.categories) + 4,
        "query": query_without_page(request),
    }
    return render(request, "frontend/gradebook/table.html", context)


# --- Exports -----------------------------------------------------------------------------


def _header(layout: selectors.GradebookLayout) -> list[str]:
    maximum = layout.scale_maximum
    return [
        _("Name"),
        _("E-mail"),
        _("Municipality"),
        *[item.activity.title for item in layout.items],
        *[category.name for category in layout.categories],
        _("Final grade (0–%(maximum)s)") % {"maximum": maximum},
        _("Result"),
    ]


def _values(row: selectors.GradeRow) -> list:
    """A row's numbers on the scale (released grades only: what counts and what learners see)."""
    cells = [cell.on_scale if cell and cell.released else None for cell in row.cells]
    return [*cells, *row.categories_on_scale, row.final_on_scale]


def _result_labels() -> dict:
    return {True: pgettext("result", "Passed"), False: pgettext("result", "Not passed"), None: ""}


def _file_name(run: CourseRun, extension: str) -> str:
    day = programs_selectors.programme_today(run.programme)
    return f"calificaciones-{slugify(run.title) or run.pk}-{day:%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def _csv_lines(run, layout, filters, header, results, decimal_separator):
    """The CSV file line by line; the rows come from the database in batches."""
    delimiter = ";" if decimal_separator == "," else ","
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header)
    for row in selectors.grade_table_rows(run, layout, **filters):
        numbers = [
            "" if value is None else f"{value:.1f}".replace(".", decimal_separator)
            for value in _values(row)
        ]
        yield writer.writerow(
            [row.name, row.email, row.municipality, *numbers, results[row.passed]]
        )


def _export_csv(run, layout, filters) -> StreamingHttpResponse:
    # Everything that depends on the language is settled before streaming starts.
    lines = _csv_lines(
        run,
        layout,
        filters,
        _header(layout),
        _result_labels(),
        formats.get_format("DECIMAL_SEPARATOR"),
    )
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(run, "csv")}"'
    return response


def _export_xlsx(run, layout, filters) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Grades")[:31])
    bold = Font(bold=True)
    header = []
    for title in _header(layout):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    results = _result_labels()
    for row in selectors.grade_table_rows(run, layout, **filters):
        numbers = []
        for value in _values(row):
            cell = WriteOnlyCell(sheet, value=None if value is None else float(value))
            cell.number_format = "0.0"
            numbers.append(cell)
        sheet.append([row.name, row.email, row.municipality, *numbers, results[row.passed]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(run, "xlsx")}"'
    return response


@login_required
def grade_table_export(request, run_id: int, file_format: str):
    """Every row of the current filter and order, as CSV (streamed) or XLSX."""
    if file_format not in ("csv", "xlsx"):
        raise Http404
    run = _run_for_staff(request, run_id)
    layout = selectors.gradebook_layout(run)
    filters = _filters(request)
    if file_format == "csv":
        return _export_csv(run, layout, filters)
    return _export_xlsx(run, layout, filters)


# --- One grade: its history and the override -----------------------------------------------

CHANGE_LABELS = {
    "graded": gettext_lazy("Graded"),
    "quiz": gettext_lazy("Quiz graded"),
    "assignment": gettext_lazy("Assignment graded"),
    "scored": gettext_lazy("Interactive activity scored"),
    "released": gettext_lazy("Released"),
    "overridden": gettext_lazy("Changed by hand"),
}


class GradeOverrideForm(forms.Form):
    value = forms.DecimalField(
        label=gettext_lazy("New grade"),
        required=False,
        min_value=Decimal("0"),
        decimal_places=2,
        max_digits=5,
        localize=True,
    )
    remove = forms.BooleanField(
        label=gettext_lazy("Remove the change by hand and count the computed grade again"),
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required. The learner's record keeps it with the change."),
    )

    def __init__(self, *args, scale: str, overridden: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale
        maximum = rules.scale_maximum(scale)
        self.fields["value"].validators.append(MaxValueValidator(Decimal(maximum)))
        self.fields["value"].widget.attrs["inputmode"] = "decimal"
        self.fields["value"].help_text = _("On the programme's scale: 0 to %(maximum)s.") % {
            "maximum": maximum
        }
        if not overridden:
            del self.fields["remove"]

    def clean(self):
        data = super().clean()
        if data.get("remove"):
            data["fraction"] = None
        elif data.get("value") is None:
            if "value" not in self.errors:
                self.add_error("value", _("Give the new grade, or remove the change by hand."))
        else:
            data["fraction"] = rules.from_scale(data["value"], self.scale)
        return data


def _history_rows(grade, scale: str) -> list[dict]:
    return [
        {
            "change": change,
            "what": CHANGE_LABELS.get(change.what, change.what),
            "old": rules.on_scale(change.old_fraction, scale),
            "new": rules.on_scale(change.new_fraction, scale),
        }
        for change in selectors.grade_history(grade)
    ]


@login_required
def grade_detail(request, grade_id: int):
    grade = selectors.grade_get_for_staff(request.user, grade_id)
    if grade is None:
        raise Http404
    run = grade.enrolment.course_run
    scale = run.programme.grade_scale
    # Managers follow grades; only the run's tutors (and administrators) change them.
    may_override = courses_selectors.grades_in_run(request.user, run.pk)
    if request.method == "POST" and not may_override:
        raise PermissionDenied
    form = GradeOverrideForm(
        request.POST or None, scale=scale, overridden=grade.override_fraction is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_override(
                grade=grade,
                fraction=form.cleaned_data["fraction"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The grade is changed and the change is recorded."))
            return redirect("grade_detail", grade_id=grade.pk)
    context = {
        "nav": "tutor",
        "grade": grade,
        "run": run,
        "scale_maximum": rules.scale_maximum(scale),
        "computed": rules.on_scale(grade.fraction, scale),
        "override": rules.on_scale(grade.override_fraction, scale),
        "final": rules.on_scale(grade.final_fraction, scale),
        "history": _history_rows(grade, scale),
        "form": form,
        "may_override": may_override,
    }
    return render(request, "frontend/gradebook/grade.html", context)


# --- The learner's own grades --------------------------------------------------------------


@login_required
def my_grades(request, run_id: int):
    enrolment = courses_selectors.enrolment_for_learner(request.user, run_id)
    if enrolment is None:
        raise Http404
    context = {
        "nav": "learn",
        "enrolment": enrolment,
        "grades": selectors.learner_grades(enrolment),
    }
    return render(request, "frontend/gradebook/mine.html", context)

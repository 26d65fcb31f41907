"""The dashboards' tables as files: CSV and XLSX (openpyxl), in the caller's active language.

The rows come from the same selectors as the pages (`municipality_rows`,
`municipality_team_rows`) with the same filters and order, so a file holds
the numbers the page shows: hours as hours with one decimal, progress as a
whole percent, dates as dates. Never a person's gender. The loops here run
over the rows of a table already aggregated by the database (one row per
municipality, or per official of one team), never over a programme's officials.

CSV: UTF-8 with a byte-order mark (spreadsheets then read the accents right),
comma-separated, a header row. XLSX: one sheet, numbers stored as numbers,
dates as dates, the header row frozen.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from courses import rules as course_rules
from programs.models import Municipality, Programme
from reporting import selectors

Value = str | int | float | datetime.date | None
# Told (rows written, rows) as a file is written, every PROGRESS_EVERY rows and at the end.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


def _progress_steps(rows: list, progress: Progress | None):
    """The rows, telling `progress` how far the loop over them has got."""
    total = len(rows)
    if progress is not None:
        progress(0, total)
    for number, row in enumerate(rows, start=1):
        yield row
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == total):
            progress(number, total)


def hours(seconds) -> float | None:
    """Seconds as hours with one decimal, rounded down, exactly as pages show them
    (`courses.rules.hours`: 99.96 h is not yet 100 h)."""
    return None if seconds is None else float(course_rules.hours(int(seconds)))


def percent(value) -> int | None:
    """A whole percent, rounded half up as the pages' `floatformat:0` rounds."""
    if value is None:
        return None
    return int(Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


def _date(value) -> datetime.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass(frozen=True)
class Table:
    """A table ready to be written: a title, headers and rows of plain values."""

    title: str
    headers: list[str]
    rows: list[list[Value]]


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    value: Callable[[object], Value]


def _municipality_columns() -> list[Column]:
    status = dict(Municipality.Status.choices)
    return [
        Column(lambda: _("Code"), lambda m: m.code),
        Column(lambda: _("Municipality"), lambda m: m.name),
        Column(lambda: _("Region"), lambda m: m.region),
        Column(lambda: _("Status"), lambda m: str(status.get(m.status, m.status))),
        Column(lambda: _("Team size"), lambda m: m.team_size),
        Column(lambda: _("Enrolled"), lambda m: m.enrolled),
        Column(lambda: _("Median hours"), lambda m: hours(m.hours_median)),
        Column(lambda: _("Minimum hours"), lambda m: hours(m.hours_min)),
        Column(lambda: _("Progress (%)"), lambda m: percent(m.progress_percent)),
        Column(lambda: _("Active in the last 7 days"), lambda m: m.active_count),
        Column(lambda: _("Certified"), lambda m: m.certified),
        Column(lambda: _("At risk"), lambda m: m.at_risk_count),
        Column(lambda: _("H2 reached"), lambda m: _yes_no(m.h2_reached_on)),
        Column(lambda: _("H2 reached on"), lambda m: m.h2_reached_on),
    ]


def _team_columns() -> list[Column]:
    return [
        Column(lambda: _("Official"), lambda e: e.user.full_name),
        Column(lambda: _("E-mail address"), lambda e: e.user.email),
        Column(lambda: _("Credited hours"), lambda e: hours(e.credited_seconds)),
        Column(lambda: _("Measured study hours"), lambda e: hours(e.active_seconds)),
        Column(lambda: _("Progress (%)"), lambda e: percent(e.progress_percent)),
        Column(lambda: _("Last studied on"), lambda e: _date(e.last_heartbeat_at)),
        Column(lambda: _("Active in the last 7 days"), lambda e: _yes_no(e.active)),
        Column(lambda: _("Behind the calendar"), lambda e: _yes_no(e.behind)),
        Column(lambda: _("Inactive for 14 days"), lambda e: _yes_no(e.inactive)),
        Column(lambda: _("At risk"), lambda e: _yes_no(e.at_risk)),
        Column(lambda: _("Certified"), lambda e: _yes_no(e.certified)),
    ]


def _table(title: str, columns: list[Column], objects: Iterable) -> Table:
    return Table(
        title=title,
        headers=[column.header() for column in columns],
        rows=[[column.value(item) for column in columns] for item in objects],
    )


def municipality_table(
    programme: Programme,
    *,
    today: datetime.date,
    search: str = "",
    status: str = "",
    only_at_risk: bool = False,
    order: str = "name",
    h2: str = "",
) -> Table:
    """The programme's municipality table, filtered and ordered as on the page (one query
    after the calendar's)."""
    rows = selectors.municipality_rows(
        programme,
        today=today,
        search=search,
        status=status,
        only_at_risk=only_at_risk,
        order=order,
        h2=h2,
    )
    return _table(programme.name, _municipality_columns(), rows.iterator(chunk_size=2000))


def team_table(municipality: Municipality, *, today: datetime.date) -> Table:
    """A municipality's team, one row per official (one query after the calendar's)."""
    rows = selectors.municipality_team_rows(municipality, today=today)
    return _table(municipality.name, _team_columns(), rows)


# --- Files -------------------------------------------------------------------------


def _not_a_formula(value: Value) -> Value:
    """Text a spreadsheet would read as a formula (=, +, -, @) is quoted: names and
    municipalities come from imported files, and a cell must never run anything."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(_not_a_formula(value))


def csv_bytes(table: Table, *, progress: Progress | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in _progress_steps(table.rows, progress):
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, *, progress: Progress | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    # Sheet titles: at most 31 characters, none of []:*?/\
    title = "".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Sheet"
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    widths = [max(10, min(40, len(header) + 2)) for header in table.headers]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in table.headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in _progress_steps(table.rows, progress):
        # Plain values: openpyxl gives dates a date format itself; numbers stay numbers.
        sheet.append([_not_a_formula(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""From bytes to rows: the file's format, a CSV's encoding and delimiter, an XLSX's first sheet.

Only what makes a file unreadable is checked here (and raised as a
ValidationError); the values are checked later, line by line.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from programs.importing.values import _INVISIBLE, _cell_text, _text

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
_XLSX = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Table:
    """The cells of the first sheet: a header and numbered data rows (blank rows left out)."""

    header: list[str]
    rows: list[tuple[int, list[object]]]


def read_table(data: bytes, upload_name: str = "") -> Table:
    """The header and the non-blank rows of a CSV or XLSX file.

    Raises ValidationError when the file cannot be read at all (wrong format,
    unknown encoding, too big); problems with the values are not checked here.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(megabytes)d MB).")
            % {"megabytes": MAX_BYTES // (1024 * 1024)},
            code="too_big",
        )
    refuse_unreadable(data[:8], upload_name)
    if data.startswith(_XLSX):
        return _read_xlsx(data)
    return _read_csv(data)


def refuse_unreadable(head: bytes, upload_name: str = "") -> None:
    """Refuse, from its first bytes, a file that is no spreadsheet that can be read
    (empty, an old .xls, a PDF, an .xlsx that is not a workbook); the upload form
    says so at once, before the file is stored."""
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    if head.startswith(_XLSX):
        return
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ValidationError(
            _(
                "This is an old Excel (.xls) file, which cannot be read. "
                "Save it as Excel workbook (.xlsx) or as CSV and upload it again."
            ),
            code="xls",
        )
    if head.startswith(b"%PDF"):
        raise ValidationError(
            _("This is a PDF document, not a spreadsheet. Upload a CSV or XLSX file."),
            code="format",
        )
    if upload_name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("The file is named .xlsx but is not an Excel workbook."), code="format"
        )


def _not_a_spreadsheet() -> ValidationError:
    return ValidationError(
        _("The file is not a spreadsheet that can be read: upload a CSV or XLSX file."),
        code="format",
    )


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(rows)s rows: split it into smaller files.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", ".")},
        code="too_many_rows",
    )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" is UTF-16 with a byte order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        _(
            "The file's character encoding is not recognised. "
            "Save it as CSV UTF-8 and upload it again."
        ),
        code="encoding",
    )


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if "\x00" in text:
        raise _not_a_spreadsheet()
    text = text.lstrip(_INVISIBLE)
    first_line = text.splitlines()[0] if text.strip() else ""
    if re.fullmatch(r"sep=[;,\t]", first_line.strip(), flags=re.IGNORECASE):
        # Excel's own hint line, which it does not show: the header comes next.
        delimiter = first_line.strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        try:
            delimiter = csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
        except csv.Error:
            delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows: list[tuple[int, list[object]]] = []
    try:
        for line, cells in enumerate(reader, start=1):
            if line == 1:
                header = [_text(cell) for cell in cells]
            elif any(_text(cell) for cell in cells):
                if len(rows) >= MAX_ROWS:
                    raise _too_many_rows()
                rows.append((line, list(cells)))
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error},
            code="format",
        ) from None
    return Table(header=header, rows=rows)


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on other zip files
        raise ValidationError(
            _(
                "The file is not an Excel workbook (.xlsx) that can be read. "
                "Save it from your spreadsheet program as .xlsx or CSV."
            ),
            code="format",
        ) from error
    try:
        if not workbook.worksheets:
            raise _not_a_spreadsheet()
        sheet = workbook.worksheets[0]
        # Files written by other programs sometimes carry wrong dimensions.
        sheet.reset_dimensions()
        header: list[str] = []
        rows: list[tuple[int, list[object]]] = []
        for line, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if line == 1:
                header = [_text(_cell_text(cell)) for cell in cells]
            elif any(_text(_cell_text(cell)) for cell in cells):
                if len(rows) >= MAX_ROWS:
                    raise _too_many_rows()
                rows.append((line, list(cells)))
    finally:
        workbook.close()
    return Table(header=header, rows=rows)

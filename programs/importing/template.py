"""The downloadable template: its columns, example rows, column help, and CSV and XLSX files.

The help texts describe each column on the import page and on the XLSX
template's instructions sheet.
"""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from programs.importing.columns import (
    AREA,
    CODE,
    COLUMNS,
    EMAIL,
    FULL_NAME,
    GENDER,
    LANGUAGE,
    NAME,
    POPULATION,
    REGION,
    ROLE,
    STATUS,
)

INSTRUCTIONS_SHEET = "Instrucciones"
DATA_SHEET = "Municipios"

# The template's examples: a selected municipality whose official is also its
# coordinator, and a reserve without a team yet. The codes (00001, 00002) are
# not real ones, so importing the template by mistake cannot touch real data.
EXAMPLE_ROWS = [
    {
        CODE: "00001",
        NAME: "Villa Ejemplo",
        REGION: "Antioquia",
        STATUS: "seleccionado",
        POPULATION: 45210,
        AREA: Decimal("1234.56"),
        EMAIL: "ana.perez@villa-ejemplo.example",
        FULL_NAME: "Ana María Pérez Muñoz",
        ROLE: "funcionario y coordinador",
        GENDER: "femenino",
        LANGUAGE: "es",
    },
    {
        CODE: "00002",
        NAME: "San Muestra de la Peña",
        REGION: "Antioquia",
        STATUS: "reserva",
        POPULATION: 8315,
        AREA: Decimal("312.05"),
    },
]


def column_help() -> list[dict]:
    """What to write in each column, for the page and the template's instructions."""
    required, optional, per_person = _("Yes"), _("No"), _("For each person")
    return [
        {
            "name": CODE,
            "required": required,
            "text": _(
                "The municipality's official code. Keep it as text so that leading zeros "
                "stay (05001, not 5001)."
            ),
        },
        {"name": NAME, "required": required, "text": _("The municipality's name.")},
        {
            "name": REGION,
            "required": optional,
            "text": _("The department, state or province."),
        },
        {
            "name": STATUS,
            "required": optional,
            "text": _(
                "“seleccionado” or “reserva”. Empty: “seleccionado” for a new municipality; "
                "one already in the programme keeps its status."
            ),
        },
        {
            "name": POPULATION,
            "required": optional,
            "text": _("Number of inhabitants, a whole number: 12345, 12.345 or 12 345."),
        },
        {
            "name": AREA,
            "required": optional,
            "text": _("Area in km², with at most two decimals: 1234,56, 1.234,56 or 1234.56."),
        },
        {
            "name": EMAIL,
            "required": per_person,
            "text": _(
                "The person's e-mail: they log in with it and receive their activation link "
                "there. One row per person; the municipality's columns repeat on every row of "
                "its team. For a municipality without a team yet, leave the person's columns "
                "empty."
            ),
        },
        {
            "name": FULL_NAME,
            "required": per_person,
            "text": _(
                "The person's name exactly as it must appear on the certificate, with its "
                "accents and ñ."
            ),
        },
        {
            "name": ROLE,
            "required": optional,
            "text": _(
                "“funcionario”, “coordinador”, or both: “funcionario y coordinador”. "
                "Empty: “funcionario”."
            ),
        },
        {
            "name": GENDER,
            "required": optional,
            "text": _(
                "Self-declared and optional: “femenino”, “masculino”, “otro” or empty. "
                "It is only ever shown in totals."
            ),
        },
        {
            "name": LANGUAGE,
            "required": optional,
            "text": _(
                "The language of the person's e-mails and screens: es, en, pt-br or fr. Empty: es."
            ),
        },
    ]


def _csv_cell(value) -> str:
    """A value as a spreadsheet in a Spanish locale writes it in CSV."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        whole, _point, decimals = f"{value:,.2f}".partition(".")
        return whole.replace(",", ".") + "," + decimals
    return "" if value is None else str(value)


def template_csv() -> bytes:
    """The CSV template: `;`-separated, UTF-8 with a BOM so that Excel shows accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in EXAMPLE_ROWS:
        writer.writerow([_csv_cell(row.get(column)) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(list(COLUMNS))
    for row in EXAMPLE_ROWS:
        values = []
        for column in COLUMNS:
            value = row.get(column)
            values.append(float(value) if isinstance(value, Decimal) else value)
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = bold
    code_column = COLUMNS.index(CODE) + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=code_column, max_col=code_column):
        cell.number_format = "@"  # text, so that Excel keeps the leading zeros
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column) + 4)
    sheet.column_dimensions[sheet.cell(row=1, column=code_column).column_letter].number_format = "@"
    sheet.freeze_panes = "A2"

    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    instructions.append([_("Column"), _("Required"), _("What to write")])
    for cell in instructions[1]:
        cell.font = bold
    for column in column_help():
        instructions.append([column["name"], column["required"], column["text"]])
    instructions.append([])
    instructions.append(
        [
            _(
                "Replace the example rows with your data, keep the first row (the column "
                "names) as it is, and upload the file as XLSX or CSV."
            )
        ]
    )
    instructions.column_dimensions["A"].width = 20
    instructions.column_dimensions["B"].width = 18
    instructions.column_dimensions["C"].width = 90
    for (cell,) in instructions.iter_rows(min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Reading and checking a spreadsheet of municipalities and their teams.

One row per person; the municipality columns repeat on every row of its team,
and a municipality without people is a row whose person columns are empty.
Everything here is pure: it reads bytes, and it compares the file with a
snapshot of the database that the caller passes in, but it never writes.
`programs.services.municipalities_import` loads the snapshot and applies the
plan in one transaction.

Every problem is collected (never only the first one) with the line number as
a spreadsheet program shows it (the header is line 1) and the column as the
file spells it, so a person can fix the whole file in one go.

The steps, one module each:

- `reading`: bytes → a Table of rows (format, encoding, delimiter, XLSX sheet);
- `values`: one cell → a value (numbers, status, role, gender, language, e-mail);
- `checks`: the rows → a ParsedImport (every value, and the lines against each other);
- `plan`: a ParsedImport and the database snapshot → an ImportPlan;
- `report`: RowError and the ImportReport shown to people;
- `template`: the downloadable CSV and XLSX template and the column help.

The limits (`MAX_BYTES`, `MAX_ROWS`) are read where they are defined, in
`reading`: change them there, not through this package.
"""

from programs.importing import template
from programs.importing.checks import (
    MunicipalityEntry,
    ParsedImport,
    PersonEntry,
    parse_import,
    parse_table,
)
from programs.importing.columns import (
    ALIASES,
    AREA,
    CODE,
    COLUMNS,
    EMAIL,
    FULL_NAME,
    GENDER,
    LANGUAGE,
    MUNICIPALITY_COLUMNS,
    NAME,
    PERSON_COLUMNS,
    POPULATION,
    REGION,
    REQUIRED_COLUMNS,
    ROLE,
    STATUS,
)
from programs.importing.plan import ExistingMunicipality, ExistingPerson, ImportPlan, plan_import
from programs.importing.reading import MAX_BYTES, MAX_ROWS, Table, read_table, refuse_unreadable
from programs.importing.report import ImportReport, RowError, errors_report, report_of
from programs.importing.values import (
    _BadValue,
    parse_area,
    parse_email,
    parse_gender,
    parse_language,
    parse_population,
    parse_roles,
    parse_status,
)

__all__ = [
    "ALIASES",
    "AREA",
    "CODE",
    "COLUMNS",
    "EMAIL",
    "FULL_NAME",
    "GENDER",
    "LANGUAGE",
    "MAX_BYTES",
    "MAX_ROWS",
    "MUNICIPALITY_COLUMNS",
    "NAME",
    "PERSON_COLUMNS",
    "POPULATION",
    "REGION",
    "REQUIRED_COLUMNS",
    "ROLE",
    "STATUS",
    "ExistingMunicipality",
    "ExistingPerson",
    "ImportPlan",
    "ImportReport",
    "MunicipalityEntry",
    "ParsedImport",
    "PersonEntry",
    "RowError",
    "Table",
    "_BadValue",
    "errors_report",
    "parse_area",
    "parse_email",
    "parse_gender",
    "parse_import",
    "parse_language",
    "parse_population",
    "parse_roles",
    "parse_status",
    "parse_table",
    "plan_import",
    "read_table",
    "refuse_unreadable",
    "report_of",
    "template",
]

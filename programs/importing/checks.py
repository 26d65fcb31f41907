"""Checking the file on its own: the header, every value, and the lines against each other.

The result, a ParsedImport, holds the municipalities (merged from every line
that names their code) and the people of the file, and every problem found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.importing.columns import (
    _HEADER_LOOKUP,
    ALIASES,
    AREA,
    CODE,
    CODE_MAX_LENGTH,
    EMAIL,
    FULL_NAME,
    GENDER,
    LANGUAGE,
    NAME,
    NAME_MAX_LENGTH,
    PERSON_COLUMNS,
    POPULATION,
    REGION,
    REQUIRED_COLUMNS,
    ROLE,
    STATUS,
)
from programs.importing.reading import Table, read_table
from programs.importing.report import RowError
from programs.importing.values import (
    _BadValue,
    _header_key,
    _single_line,
    _text,
    parse_area,
    parse_email,
    parse_gender,
    parse_language,
    parse_population,
    parse_roles,
    parse_status,
)
from programs.models import Municipality

# Lines checked between two calls of a `progress` callback.
PROGRESS_EVERY = 500


@dataclass
class MunicipalityEntry:
    """One municipality of the file, merged from every line that names its code."""

    code: str
    line: int
    name: str
    region: str = ""
    status: str | None = None
    population: int | None = None
    area_km2: Decimal | None = None


@dataclass(frozen=True)
class PersonEntry:
    line: int
    municipality_code: str
    email: str
    full_name: str
    roles: tuple[str, ...]
    gender: str | None  # None: the file says nothing
    language: str | None  # None: the file says nothing


@dataclass
class ParsedImport:
    rows_read: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # canonical → as written
    ignored_columns: tuple[str, ...] = ()
    municipalities: dict[str, MunicipalityEntry] = field(default_factory=dict)
    people: list[PersonEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def column(self, key: str) -> str:
        return self.columns.get(key, key)


def parse_import(
    data: bytes, upload_name: str = "", *, progress: Callable[[int, int], None] | None = None
) -> ParsedImport:
    """Read the file and check every value and every line against the others.

    `progress(lines checked, lines)` is called every `PROGRESS_EVERY` lines and at the end.
    """
    return parse_table(read_table(data, upload_name), progress=progress)


def parse_table(
    table: Table, *, progress: Callable[[int, int], None] | None = None
) -> ParsedImport:
    parsed = ParsedImport(rows_read=len(table.rows))
    positions: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(table.header):
        if not header:
            continue
        key = _HEADER_LOOKUP.get(_header_key(header))
        if key is None:
            ignored.append(header)
        elif key in positions:
            parsed.errors.append(
                RowError(
                    1,
                    header,
                    _("The column “%(column)s” appears twice (also as “%(other)s”).")
                    % {"column": header, "other": parsed.columns[key]},
                )
            )
        else:
            positions[key] = position
            parsed.columns[key] = header
    parsed.ignored_columns = tuple(ignored)

    required = list(REQUIRED_COLUMNS)
    if EMAIL in positions or FULL_NAME in positions:
        # People need both their e-mail and their name.
        required += [EMAIL, FULL_NAME]
    for key in required:
        if key not in positions:
            parsed.errors.append(
                RowError(
                    1,
                    key,
                    _(
                        "The required column “%(column)s” is missing "
                        "(it may also be called “%(alias)s”)."
                    )
                    % {"column": key, "alias": ALIASES[key][1]},
                )
            )
    if parsed.errors:
        return parsed
    if not table.rows:
        parsed.errors.append(RowError(None, "", _("The file has no rows to import.")))
        return parsed

    email_lines: dict[str, list[int]] = defaultdict(list)
    total = len(table.rows)
    for checked, (line, cells) in enumerate(table.rows, start=1):
        values = {
            key: cells[position] if position < len(cells) else None
            for key, position in positions.items()
        }
        code = _check_municipality(parsed, line, values)
        person = _check_person(parsed, line, values, code)
        if person is not None:
            email_lines[person.email].append(line)
        if progress is not None and (checked % PROGRESS_EVERY == 0 or checked == total):
            progress(checked, total)

    for email, lines in email_lines.items():
        if len(lines) < 2:
            continue
        for line in lines:
            others = ", ".join(str(other) for other in lines if other != line)
            parsed.errors.append(
                RowError(
                    line,
                    parsed.column(EMAIL),
                    ngettext(
                        "The e-mail %(email)s appears more than once: also on line %(lines)s.",
                        "The e-mail %(email)s appears more than once: also on lines %(lines)s.",
                        len(lines) - 1,
                    )
                    % {"email": email, "lines": others},
                )
            )
    parsed.people = [person for person in parsed.people if len(email_lines[person.email]) == 1]
    parsed.errors.sort(key=_error_order(parsed))
    return parsed


def _error_order(parsed: ParsedImport):
    order = {header: index for index, header in enumerate(parsed.columns.values())}

    def key(error: RowError):
        return (error.line or 0, order.get(error.column, len(order)), error.message)

    return key


def _check_municipality(parsed: ParsedImport, line: int, values: dict) -> str | None:
    """Check the municipality columns of a line; its code when it can be used."""
    errors = parsed.errors
    code = _single_line(values.get(CODE))
    name = _single_line(values.get(NAME))
    region = _single_line(values.get(REGION))
    ok = True
    if not code:
        errors.append(RowError(line, parsed.column(CODE), _("The municipality code is missing.")))
        ok = False
    elif len(code) > CODE_MAX_LENGTH:
        errors.append(
            RowError(
                line,
                parsed.column(CODE),
                _("The code is too long: at most %(max)s characters.") % {"max": CODE_MAX_LENGTH},
            )
        )
        ok = False
    if not name:
        errors.append(RowError(line, parsed.column(NAME), _("The municipality's name is missing.")))
        ok = False
    elif len(name) > NAME_MAX_LENGTH:
        errors.append(RowError(line, parsed.column(NAME), _("The name is too long.")))
        ok = False
    if len(region) > NAME_MAX_LENGTH:
        errors.append(RowError(line, parsed.column(REGION), _("The region is too long.")))
        ok = False

    parsed_values = {}
    for key, parser in ((STATUS, parse_status), (POPULATION, parse_population), (AREA, parse_area)):
        raw = values.get(key)
        try:
            parsed_values[key] = parser(raw if key != STATUS else _text(raw))
        except _BadValue as error:
            errors.append(RowError(line, parsed.column(key), str(error)))
            ok = False
    if not ok:
        return code or None

    entry = MunicipalityEntry(
        code=code,
        line=line,
        name=name,
        region=region,
        status=parsed_values[STATUS],
        population=parsed_values[POPULATION],
        area_km2=parsed_values[AREA],
    )
    known = parsed.municipalities.get(code)
    if known is None:
        parsed.municipalities[code] = entry
        return code
    # The same code must describe the same municipality on every line. An empty
    # optional cell says nothing; two different values contradict each other.
    comparisons = (
        (NAME, "name", False),
        (REGION, "region", True),
        (STATUS, "status", True),
        (POPULATION, "population", True),
        (AREA, "area_km2", True),
    )
    for key, attribute, optional in comparisons:
        mine, theirs = getattr(entry, attribute), getattr(known, attribute)
        if optional and mine in (None, ""):
            continue
        if optional and theirs in (None, ""):
            setattr(known, attribute, mine)
            continue
        if mine != theirs:
            errors.append(
                RowError(
                    line,
                    parsed.column(key),
                    _(
                        "Municipality %(code)s has “%(mine)s” on this line but “%(theirs)s” "
                        "on line %(first)s: every line of a municipality must say the same."
                    )
                    % {
                        "code": code,
                        "theirs": _shown(theirs),
                        "first": known.line,
                        "mine": _shown(mine),
                    },
                )
            )
    return code


def _shown(value: object) -> str:
    if value in Municipality.Status.values:
        return str(Municipality.Status(value).label)
    return str(value)


def _check_person(
    parsed: ParsedImport, line: int, values: dict, code: str | None
) -> PersonEntry | None:
    present = [key for key in PERSON_COLUMNS if _text(values.get(key))]
    if not present:
        return None
    errors = parsed.errors
    count = len(errors)
    raw_email = _text(values.get(EMAIL))
    email = ""
    if not raw_email:
        errors.append(
            RowError(
                line,
                parsed.column(EMAIL),
                _("The person's e-mail is missing (leave every person column empty for none)."),
            )
        )
    else:
        try:
            email = parse_email(raw_email)
        except _BadValue as error:
            errors.append(RowError(line, parsed.column(EMAIL), str(error)))
    full_name = _single_line(values.get(FULL_NAME))
    if not full_name:
        errors.append(
            RowError(
                line,
                parsed.column(FULL_NAME),
                _("The person's full name is missing (as it must appear on the certificate)."),
            )
        )
    elif len(full_name) > NAME_MAX_LENGTH:
        errors.append(RowError(line, parsed.column(FULL_NAME), _("The name is too long.")))
    choices = {}
    for key, parser in ((ROLE, parse_roles), (GENDER, parse_gender), (LANGUAGE, parse_language)):
        try:
            choices[key] = parser(_text(values.get(key)))
        except _BadValue as error:
            errors.append(RowError(line, parsed.column(key), str(error)))
    if len(errors) > count and not email:
        return None
    person = PersonEntry(
        line=line,
        municipality_code=code or "",
        email=email,
        full_name=full_name,
        roles=choices.get(ROLE, ()),
        gender=choices.get(GENDER),
        language=choices.get(LANGUAGE),
    )
    if len(errors) == count and code and code in parsed.municipalities:
        parsed.people.append(person)
    return person

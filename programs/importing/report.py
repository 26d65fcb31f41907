"""What an import found and did: its errors, one per problem, and its counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from programs.importing.checks import ParsedImport
    from programs.importing.plan import ImportPlan


@dataclass(frozen=True)
class RowError:
    """One problem in the file: where it is and what is wrong, in the reader's language."""

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        return _("line %(line)s, column %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column or "—",
            "message": self.message,
        }


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, on a dry run or with errors, would have done)."""

    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    municipalities_created: int = 0
    municipalities_updated: int = 0
    municipalities_unchanged: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    memberships_created: int = 0
    dry_run: bool = False
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        """True when the import changed the database."""
        return self.ok and not self.dry_run


def report_of(parsed: ParsedImport, plan: ImportPlan, *, dry_run: bool) -> ImportReport:
    """The report of a plan: its counts, or only its errors when there are any."""
    if plan.errors:
        return ImportReport(
            errors=list(plan.errors),
            rows_read=parsed.rows_read,
            dry_run=dry_run,
            ignored_columns=parsed.ignored_columns,
        )
    return ImportReport(
        errors=[],
        rows_read=parsed.rows_read,
        municipalities_created=len(plan.municipalities_to_create),
        municipalities_updated=len(plan.municipalities_to_update),
        municipalities_unchanged=plan.municipalities_unchanged,
        people_created=len(plan.people_to_create),
        people_updated=len(plan.people_to_update),
        people_unchanged=plan.people_unchanged,
        memberships_created=len(plan.memberships_to_create),
        dry_run=dry_run,
        ignored_columns=parsed.ignored_columns,
    )


def errors_report(parsed: ParsedImport, *, dry_run: bool) -> ImportReport:
    """The report of a file that cannot be compared with the database: only its errors."""
    return ImportReport(
        errors=list(parsed.errors),
        rows_read=parsed.rows_read,
        dry_run=dry_run,
        ignored_columns=parsed.ignored_columns,
    )

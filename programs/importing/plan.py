"""Comparing the checked file with a snapshot of the database: the plan of writes.

The caller (`programs.services.municipalities_import`) loads the snapshot and
applies the plan; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from programs.importing.checks import (
    MunicipalityEntry,
    ParsedImport,
    PersonEntry,
    _error_order,
)
from programs.importing.columns import CODE, EMAIL, STATUS
from programs.importing.report import RowError
from programs.models import Municipality


@dataclass(frozen=True)
class ExistingMunicipality:
    id: int
    code: str
    name: str
    region: str
    status: str
    population: int | None
    area_km2: Decimal | None
    took_the_place_of_another: bool = False


@dataclass(frozen=True)
class ExistingPerson:
    id: int
    email: str
    full_name: str
    preferred_language: str
    gender: str
    # Current official/coordinator roles in this programme: (municipality code, role).
    team_roles: tuple[tuple[str, str], ...] = ()


@dataclass
class ImportPlan:
    """The writes an import makes, worked out before any of them happens."""

    municipalities_to_create: list[MunicipalityEntry] = field(default_factory=list)
    # (municipality id, {field: new value})
    municipalities_to_update: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    municipalities_unchanged: int = 0
    people_to_create: list[PersonEntry] = field(default_factory=list)
    # (user id, {field: new value})
    people_to_update: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    people_unchanged: int = 0
    # (e-mail, municipality code, role)
    memberships_to_create: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def plan_import(
    parsed: ParsedImport,
    municipalities: dict[str, ExistingMunicipality],
    people: dict[str, ExistingPerson],
) -> ImportPlan:
    """What the import would create and change, and what the database forbids.

    `municipalities` holds every municipality of the programme by code;
    `people` the people whose e-mail (lowercase) appears in the file.
    """
    plan = ImportPlan(errors=list(parsed.errors))
    if parsed.errors and not parsed.municipalities:
        return plan
    by_bare_code = {code.lstrip("0"): code for code in municipalities}

    for code, entry in parsed.municipalities.items():
        existing = municipalities.get(code)
        if existing is None:
            similar = by_bare_code.get(code.lstrip("0"))
            if similar is not None and code.isdigit():
                plan.errors.append(
                    RowError(
                        entry.line,
                        parsed.column(CODE),
                        _(
                            "The code %(code)s differs from the code of %(name)s (%(existing)s) "
                            "only in its leading zeros, which spreadsheet programs remove from "
                            "numbers. Use the same code as before, written as text."
                        )
                        % {"code": code, "existing": similar, "name": municipalities[similar].name},
                    )
                )
                continue
            plan.municipalities_to_create.append(entry)
            continue
        _plan_municipality_update(parsed, plan, entry, existing)

    for person in parsed.people:
        _plan_person(parsed, plan, person, people.get(person.email), municipalities)

    plan.errors.sort(key=_error_order(parsed))
    return plan


def _plan_municipality_update(
    parsed: ParsedImport, plan: ImportPlan, entry: MunicipalityEntry, existing: ExistingMunicipality
) -> None:
    if entry.status is not None and entry.status != existing.status:
        locked = existing.status in (Municipality.Status.REPLACED, Municipality.Status.WITHDRAWN)
        if locked or (
            existing.took_the_place_of_another and entry.status == Municipality.Status.RESERVE
        ):
            if locked:
                message = _(
                    "Municipality %(code)s is “%(status)s”: only the replacement workflow "
                    "changes that, not an import. Leave its status empty."
                )
            else:
                message = _(
                    "Municipality %(code)s is “%(status)s” because it took the place of "
                    "another municipality: it cannot go back to reserve through an import."
                )
            plan.errors.append(
                RowError(
                    entry.line,
                    parsed.column(STATUS),
                    message
                    % {
                        "code": entry.code,
                        "status": Municipality.Status(existing.status).label,
                    },
                )
            )
            return
    changes: dict[str, object] = {}
    if entry.name != existing.name:
        changes["name"] = entry.name
    if entry.region and entry.region != existing.region:
        changes["region"] = entry.region
    if entry.status is not None and entry.status != existing.status:
        changes["status"] = entry.status
    if entry.population is not None and entry.population != existing.population:
        changes["population"] = entry.population
    if entry.area_km2 is not None and entry.area_km2 != existing.area_km2:
        changes["area_km2"] = entry.area_km2
    if changes:
        plan.municipalities_to_update.append((existing.id, changes))
    else:
        plan.municipalities_unchanged += 1


def _plan_person(
    parsed: ParsedImport,
    plan: ImportPlan,
    person: PersonEntry,
    existing: ExistingPerson | None,
    municipalities: dict[str, ExistingMunicipality],
) -> None:
    code = person.municipality_code
    held: set[str] = set()
    if existing is not None:
        elsewhere = sorted({other for other, _role in existing.team_roles if other != code})
        if elsewhere:
            other = municipalities.get(elsewhere[0])
            plan.errors.append(
                RowError(
                    person.line,
                    parsed.column(EMAIL),
                    _(
                        "%(email)s already belongs to the team of %(municipality)s (%(code)s) "
                        "in this programme. People change teams only through the replacement "
                        "of officials."
                    )
                    % {
                        "email": person.email,
                        "municipality": other.name if other else elsewhere[0],
                        "code": elsewhere[0],
                    },
                )
            )
            return
        held = {role for other, role in existing.team_roles if other == code}
    new_roles = [role for role in person.roles if role not in held]
    target = municipalities.get(code)
    if (
        new_roles
        and target is not None
        and target.status in (Municipality.Status.REPLACED, Municipality.Status.WITHDRAWN)
    ):
        plan.errors.append(
            RowError(
                person.line,
                parsed.column(EMAIL),
                _(
                    "Municipality %(code)s is “%(status)s”: no one can join its team. "
                    "Remove this line or put the person in another municipality."
                )
                % {"code": code, "status": Municipality.Status(target.status).label},
            )
        )
        return
    plan.memberships_to_create.extend((person.email, code, role) for role in new_roles)
    if existing is None:
        plan.people_to_create.append(person)
        return
    changes: dict[str, object] = {}
    if person.full_name and person.full_name != existing.full_name:
        changes["full_name"] = person.full_name
    if person.language is not None and person.language != existing.preferred_language:
        changes["preferred_language"] = person.language
    if person.gender is not None and person.gender != existing.gender:
        changes["gender"] = person.gender
    if changes:
        plan.people_to_update.append((existing.id, changes))
    else:
        plan.people_unchanged += 1

"""Verbs that change programmes, municipalities, people and memberships."""

import datetime
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from programs import countries, importing
from programs.importing import ImportReport, RowError
from programs.models import (
    TEAM_ROLES,
    Language,
    Membership,
    Municipality,
    MunicipalityImport,
    Programme,
    Role,
    User,
)


def user_get_or_create(
    *,
    email: str,
    full_name: str,
    preferred_language: str = "es",
    gender: str = "",
) -> tuple[User, bool]:
    """Find a person by e-mail (case-insensitive) or create one who must activate."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(
        email=email,
        full_name=full_name.strip(),
        preferred_language=preferred_language,
        gender=gender,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user, True


@transaction.atomic
def membership_add(
    *,
    user: User,
    programme: Programme,
    role: str,
    municipality: Municipality | None = None,
    started_on: datetime.date | None = None,
) -> tuple[Membership, bool]:
    """Give a person a role in a programme; a no-op when they already hold it there."""
    if role in TEAM_ROLES and municipality is None:
        raise ValidationError(_("Officials and coordinators belong to a municipality."))
    if role not in TEAM_ROLES:
        municipality = None
    if municipality is not None and municipality.programme_id != programme.id:
        raise ValidationError(_("The municipality belongs to another programme."))
    current = (
        Membership.objects.current()
        .select_for_update()
        .filter(user=user, programme=programme, role=role)
        .first()
    )
    if current is not None:
        if current.municipality_id != (municipality.id if municipality else None):
            raise ValidationError(
                _("%(person)s is already %(role)s in %(municipality)s.")
                % {
                    "person": user.full_name,
                    "role": current.get_role_display().lower(),
                    "municipality": current.municipality.name,
                }
            )
        return current, False
    membership = Membership.objects.create(
        user=user,
        programme=programme,
        municipality=municipality,
        role=role,
        started_on=started_on or timezone.localdate(),
    )
    return membership, True


@transaction.atomic
def membership_end(
    *, membership: Membership, ended_on: datetime.date | None = None, reason: str
) -> Membership:
    if membership.ended_on is not None:
        raise ValidationError(_("This membership has already ended."))
    if not reason.strip():
        raise ValidationError(_("Say why the person leaves the team."))
    membership.ended_on = ended_on or timezone.localdate()
    membership.end_reason = reason.strip()
    membership.full_clean()
    membership.save(update_fields=["ended_on", "end_reason"])
    return membership


@transaction.atomic
def official_replace(
    *,
    leaving: Membership,
    newcomer: User,
    reason: str,
    on_date: datetime.date | None = None,
) -> Membership:
    """An official leaves the team and a new one takes their place; history stays."""
    if leaving.role != Role.OFFICIAL:
        raise ValidationError(_("Only an official can be replaced in a team."))
    on_date = on_date or timezone.localdate()
    membership_end(membership=leaving, ended_on=on_date, reason=reason)
    replacement, _created = membership_add(
        user=newcomer,
        programme=leaving.programme,
        role=Role.OFFICIAL,
        municipality=leaving.municipality,
        started_on=on_date,
    )
    leaving.replaced_by = replacement
    leaving.save(update_fields=["replaced_by"])
    return replacement


@transaction.atomic
def municipality_replace_with_reserve(
    *,
    selected: Municipality,
    reserve: Municipality,
    reason: str,
    on_date: datetime.date | None = None,
) -> Municipality:
    """A reserve municipality takes the place of a selected one that dropped out."""
    selected = Municipality.objects.select_for_update().get(pk=selected.pk)
    reserve = Municipality.objects.select_for_update().get(pk=reserve.pk)
    if selected.programme_id != reserve.programme_id:
        raise ValidationError(_("Both municipalities must belong to the same programme."))
    if selected.status != Municipality.Status.SELECTED:
        raise ValidationError(
            _("%(name)s is not a selected municipality.") % {"name": selected.name}
        )
    if reserve.status != Municipality.Status.RESERVE:
        raise ValidationError(_("%(name)s is not a reserve.") % {"name": reserve.name})
    if not reason.strip():
        raise ValidationError(_("Say why the municipality is replaced."))
    selected.status = Municipality.Status.REPLACED
    selected.replaced_by = reserve
    selected.replaced_on = on_date or timezone.localdate()
    selected.replacement_reason = reason.strip()
    selected.save(update_fields=["status", "replaced_by", "replaced_on", "replacement_reason"])
    reserve.status = Municipality.Status.SELECTED
    reserve.save(update_fields=["status"])
    return reserve


def activation_path(user: User) -> str:
    """The path of the page where a person chooses a password and activates."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("activate", kwargs={"uidb64": uid, "token": token})


def activation_link(user: User) -> str:
    return settings.SITE_URL + activation_path(user)


def activation_email_send(*, user_id: int) -> bool:
    """Send one person their activation link, once.

    Returns False (and sends nothing) when the person is already active or was
    already sent the link, so a retried task never e-mails twice.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None or user.has_usable_password() or user.activation_sent_at is not None:
            return False
        with translation.override(user.preferred_language):
            context = {
                "user": user,
                "link": activation_link(user),
                "site_url": settings.SITE_URL,
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            }
            subject = render_to_string("programs/email/activation_subject.txt", context).strip()
            body = render_to_string("programs/email/activation_body.txt", context)
        user.activation_sent_at = timezone.now()
        user.save(update_fields=["activation_sent_at"])
        # Sent inside the transaction: if sending fails the mark is rolled back
        # and a retry sends again.
        send_mail(subject, body, None, [user.email])
    return True


def activation_emails_queue(user_ids: list[int]) -> None:
    """Queue activation e-mails once the surrounding transaction has committed."""
    if not user_ids:
        return
    from programs.tasks import send_activation_emails

    ids = list(user_ids)
    transaction.on_commit(lambda: send_activation_emails.delay(ids))


def user_language_set(*, user: User, language: str) -> User:
    """Remember the language a person chose for the interface, e-mails and PDFs."""
    valid = {code for code, _name in settings.LANGUAGES}
    if language not in valid:
        raise ValidationError(_("Unknown language."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


# --- Creating a programme -------------------------------------------------------


def programme_create(
    *,
    name: str,
    country: str,
    languages: list[str],
    time_zone: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    grade_scale: str,
    by: User,
) -> Programme:
    """Create a programme; the person who creates it becomes its first manager.

    One transaction: the programme and the manager's membership, or nothing.
    Every problem is raised at once, by field, as a ValidationError.
    """
    name = " ".join(name.split())
    country = country.strip().upper()
    time_zone = time_zone.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the programme a name.")
    elif Programme.objects.filter(name__iexact=name).exists():
        errors["name"] = _("There is already a programme with this name.")
    if country not in countries.ISO_3166_CODES:
        errors["country"] = _(
            "Write the country's two-letter ISO 3166 code, for example CO for Colombia."
        )
    unknown = set(languages) - set(Language.values)
    chosen = [code for code in Language.values if code in languages]
    if unknown or not chosen:
        errors["languages"] = _("Choose one or more of the platform's languages.")
    if time_zone not in zoneinfo.available_timezones():
        errors["time_zone"] = _(
            "This time zone is not known: write it as in the tz database, "
            "for example America/Bogota."
        )
    if ends_on < starts_on:
        errors["ends_on"] = _("The programme cannot end before it starts.")
    if grade_scale not in Programme.GradeScale.values:
        errors["grade_scale"] = _("Choose one of the grade scales.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        programme = Programme(
            name=name,
            country=country,
            languages=chosen,
            time_zone=time_zone,
            starts_on=starts_on,
            ends_on=ends_on,
            grade_scale=grade_scale,
        )
        programme.full_clean()
        programme.save()
        membership_add(user=by, programme=programme, role=Role.MANAGER)
    return programme


# --- Importing municipalities and their teams from a spreadsheet ---------------
# Checking the file and working out the plan is `programs.importing` (pure);
# loading the database snapshot and making the writes in bulk is here.

_IMPORT_CHUNK = 500
# The phases a `progress` callback hears about, with (done, total) counted in
# lines checked, then in rows written (the phases of a background import).
IMPORT_CHECKING = MunicipalityImport.Phase.CHECKING.value
IMPORT_SAVING = MunicipalityImport.Phase.SAVING.value
ImportProgress = Callable[[str, int, int], None]


def municipalities_import(
    *,
    programme: Programme,
    upload_name: str,
    data: bytes,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Create or update a programme's municipalities and teams from a CSV or XLSX file.

    All or nothing: every line is checked first (against the other lines and
    against the database) and, if anything is wrong, the report lists every
    problem and nothing is written. Municipalities are matched by their code,
    people by their e-mail, so importing the same file again changes nothing.
    People created here must activate their account: they are sent the link
    once the transaction commits. With `dry_run` nothing is written and the
    report says what would have happened.

    The writes are made in bulk (a few queries per `_IMPORT_CHUNK` rows) with
    the rules of `user_get_or_create` and `membership_add`, which the plan has
    already checked for every line. `progress(phase, done, total)`, if given,
    hears how far the check (`IMPORT_CHECKING`, in lines) and the writes
    (`IMPORT_SAVING`, in rows) have got. Raises ValidationError only when the
    file cannot be read at all.
    """
    checking = (
        None if progress is None else (lambda done, total: progress(IMPORT_CHECKING, done, total))
    )
    parsed = importing.parse_import(data, upload_name, progress=checking)
    return municipalities_import_parsed(
        programme=programme, parsed=parsed, dry_run=dry_run, progress=progress
    )


def municipalities_import_parsed(
    *,
    programme: Programme,
    parsed: importing.ParsedImport,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """The second half of `municipalities_import`: a checked file against the database,
    and its writes, in one transaction (a caller's own transaction, if it has one, so
    that whatever the caller records about the import commits with it or not at all)."""
    if parsed.errors and not parsed.municipalities:
        return importing.errors_report(parsed, dry_run=dry_run)
    try:
        with transaction.atomic():
            if not dry_run:
                # One import at a time per programme (SQLite serialises writers anyway).
                # FOR NO KEY UPDATE: rows that only point to the programme (an
                # enrolment, the next import's job) are not kept waiting.
                no_key = connection.features.has_select_for_no_key_update
                locked = Programme.objects.select_for_update(no_key=no_key)
                list(locked.filter(pk=programme.pk).values("pk"))
            municipalities = _import_existing_municipalities(programme)
            people = _import_existing_people(programme, [p.email for p in parsed.people])
            plan = importing.plan_import(parsed, municipalities, people)
            report = importing.report_of(parsed, plan, dry_run=dry_run)
            if not report.ok or dry_run:
                return report
            created_ids = _import_apply(
                programme, plan, municipalities, people, _Saving(plan, progress)
            )
            activation_emails_queue(created_ids)
    except IntegrityError:
        message = _(
            "The programme's municipalities or teams changed while the file was being "
            "imported, so nothing was imported. Try again."
        )
        return ImportReport(
            errors=[RowError(None, "", message)], rows_read=parsed.rows_read, dry_run=dry_run
        )
    return report


class _Saving:
    """Counts an import's rows written and tells `progress` after each chunk."""

    def __init__(self, plan: importing.ImportPlan, progress: ImportProgress | None):
        self.total = (
            len(plan.municipalities_to_create)
            + len(plan.municipalities_to_update)
            + len(plan.people_to_create)
            + len(plan.people_to_update)
            + len(plan.memberships_to_create)
        )
        self.done = 0
        self.progress = progress
        self.advance(0)

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(IMPORT_SAVING, self.done, self.total)


def _import_chunks(values: list) -> list[list]:
    return [values[start : start + _IMPORT_CHUNK] for start in range(0, len(values), _IMPORT_CHUNK)]


def _import_existing_municipalities(
    programme: Programme,
) -> dict[str, importing.ExistingMunicipality]:
    took_a_place = Exists(Municipality.objects.filter(replaced_by=OuterRef("pk")))
    rows = (
        Municipality.objects.filter(programme=programme)
        .annotate(took_a_place=took_a_place)
        .values_list(
            "id", "code", "name", "region", "status", "population", "area_km2", "took_a_place"
        )
        .order_by()
    )
    return {row[1]: importing.ExistingMunicipality(*row) for row in rows}


def _import_existing_people(
    programme: Programme, emails: list[str]
) -> dict[str, importing.ExistingPerson]:
    """The people of the file already in the database, with their current team roles."""
    found = {}
    for chunk in _import_chunks(sorted(set(emails))):
        found.update(
            {
                row["email_lower"]: row
                for row in User.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk)
                .values("id", "email_lower", "full_name", "preferred_language", "gender")
            }
        )
    team_roles: dict[int, list[tuple[str, str]]] = {row["id"]: [] for row in found.values()}
    for chunk in _import_chunks(list(team_roles)):
        memberships = (
            Membership.objects.current()
            .filter(programme=programme, role__in=TEAM_ROLES, user_id__in=chunk)
            .values_list("user_id", "municipality__code", "role")
        )
        for user_id, code, role in memberships:
            team_roles[user_id].append((code, role))
    return {
        email: importing.ExistingPerson(
            id=row["id"],
            email=email,
            full_name=row["full_name"],
            preferred_language=row["preferred_language"],
            gender=row["gender"],
            team_roles=tuple(team_roles[row["id"]]),
        )
        for email, row in found.items()
    }


def _import_apply(
    programme: Programme,
    plan: importing.ImportPlan,
    municipalities: dict[str, importing.ExistingMunicipality],
    people: dict[str, importing.ExistingPerson],
    saving: _Saving,
) -> list[int]:
    """Make the plan's writes, a chunk at a time; the ids of the people created."""
    new_municipalities = [
        Municipality(
            programme=programme,
            code=entry.code,
            name=entry.name,
            region=entry.region,
            status=entry.status or Municipality.Status.SELECTED,
            population=entry.population,
            area_km2=entry.area_km2,
        )
        for entry in plan.municipalities_to_create
    ]
    for chunk in _import_chunks(new_municipalities):
        for municipality in chunk:
            municipality.clean_fields(exclude=["programme", "replaced_by"])
        Municipality.objects.bulk_create(chunk)
        saving.advance(len(chunk))
    _import_bulk_update(Municipality, plan.municipalities_to_update, saving)

    new_users = []
    for chunk in _import_chunks(plan.people_to_create):
        users = []
        for person in chunk:
            user = User(
                email=person.email,
                full_name=person.full_name,
                preferred_language=person.language or Language.SPANISH,
                gender=person.gender or "",
            )
            user.set_unusable_password()
            user.clean_fields(exclude=["password"])
            users.append(user)
        User.objects.bulk_create(users)
        new_users += users
        saving.advance(len(users))
    _import_bulk_update(User, plan.people_to_update, saving)

    municipality_ids = {code: existing.id for code, existing in municipalities.items()}
    municipality_ids.update({m.code: m.pk for m in new_municipalities})
    user_ids = {email: existing.id for email, existing in people.items()}
    user_ids.update({user.email: user.pk for user in new_users})
    if None in municipality_ids.values() or None in user_ids.values():
        # Databases that cannot return the keys of a bulk insert.
        municipality_ids.update(
            Municipality.objects.filter(programme=programme).values_list("code", "pk")
        )
        for chunk in _import_chunks([user.email for user in new_users]):
            user_ids.update(User.objects.filter(email__in=chunk).values_list("email", "pk"))
    today = timezone.localdate()
    for chunk in _import_chunks(plan.memberships_to_create):
        Membership.objects.bulk_create(
            Membership(
                user_id=user_ids[email],
                programme=programme,
                municipality_id=municipality_ids[code],
                role=role,
                started_on=today,
            )
            for email, code, role in chunk
        )
        saving.advance(len(chunk))
    return [user_ids[user.email] for user in new_users]


def _import_bulk_update(
    model, changes: list[tuple[int, dict[str, object]]], saving: _Saving
) -> None:
    for chunk in _import_chunks(changes):
        objects = model.objects.in_bulk([pk for pk, _values in chunk])
        fields: set[str] = set()
        for pk, values in chunk:
            instance = objects[pk]
            for name, value in values.items():
                setattr(instance, name, value)
            fields.update(values)
            instance.clean_fields(exclude=["password", "programme", "replaced_by"])
        model.objects.bulk_update(objects.values(), sorted(fields))
        saving.advance(len(chunk))


# --- Milestone H2 ---------------------------------------------------------------

H2_CERTIFIED_OFFICIALS = 10


@transaction.atomic
def municipality_h2_record(
    *, municipality_id: int, certified_officials: int, on: datetime.date
) -> Municipality:
    """Keep a municipality's H2 state in step with its number of certified officials.

    `certification` counts (it owns certificates) and calls down here. The
    date H2 was first reached is kept while it holds; a revocation that takes
    the count below the threshold clears it, and reaching it again records the
    new date.
    """
    municipality = Municipality.objects.select_for_update().get(pk=municipality_id)
    reached = certified_officials >= H2_CERTIFIED_OFFICIALS
    if reached and municipality.h2_reached_on is None:
        municipality.h2_reached_on = on
    elif not reached and municipality.h2_reached_on is not None:
        municipality.h2_reached_on = None
    else:
        return municipality
    municipality.save(update_fields=["h2_reached_on"])
    return municipality


# --- One person joining a team (the API's way; imports do it in bulk) -----------


@transaction.atomic
def team_member_add(
    *,
    municipality: Municipality,
    email: str,
    full_name: str,
    role: str = Role.OFFICIAL,
    preferred_language: str = "es",
    gender: str = "",
    started_on: datetime.date | None = None,
) -> tuple[Membership, bool]:
    """Add a person (found by e-mail, or created to activate) to a municipality's team.

    A new person is e-mailed their activation link once the change is committed.
    Returns the membership and whether it is new (adding twice changes nothing).
    """
    if role not in TEAM_ROLES:
        raise ValidationError(_("A team has officials and coordinators only."))
    if municipality.status in (Municipality.Status.REPLACED, Municipality.Status.WITHDRAWN):
        raise ValidationError(
            _("%(municipality)s is %(status)s: its team cannot change.")
            % {"municipality": municipality.name, "status": municipality.get_status_display()}
        )
    if not full_name.strip():
        raise ValidationError(_("Give the person's full name, as it must appear on certificates."))
    user, created = user_get_or_create(
        email=email, full_name=full_name, preferred_language=preferred_language, gender=gender
    )
    membership, added = membership_add(
        user=user,
        programme=municipality.programme,
        role=role,
        municipality=municipality,
        started_on=started_on,
    )
    if created:
        activation_emails_queue([user.pk])
    return membership, added

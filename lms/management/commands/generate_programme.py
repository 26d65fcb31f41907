"""A synthetic programme at any scale: `manage.py generate_programme --municipalities N`.

    manage.py generate_programme --municipalities 5000 --officials-per-municipality 10 --seed 1

Builds one programme with N selected municipalities (and N // 2 reserves), a
team of officials each (the first one also its coordinator), a manager and two
tutors, one run of the course GEM-100 (imported from `coursepacks/gem-100`
when the database has no course with that code) with module target dates, the
teams' enrolments, and study progress spread the way a real cohort spreads:
some municipalities finish, most are under way, some lag behind; some officials
study this week, others stopped weeks ago.

Everything is written in bulk, consistently with what the services would have
written: each completed activity has its `ActivityProgress` row, its hours
ledger entry and its study time (one `DailyStudyTime` row), and the enrolment's
`credited_seconds` / `active_seconds` are their sums; completed quizzes (and the
final project of those who finished) have a released `Grade`; every official
who meets the certification rule holds a valid certificate (serial, short code
with its check symbol, a free status-list index, and the COSE_Sign1 payload
signed with the current signing key, exactly as `certificate_issue` signs it);
a municipality is at H2 from the day its tenth certificate was issued, as
`programs.services.municipality_h2_record` would have recorded it.

Left out on purpose, to stay fast: certificate PDFs (`pdf` is empty: download
links of generated certificates have no file), quiz attempts and answers,
team submissions of the final project, and the activity results of H5P content.

Deterministic: the same `--seed`, `--today` and database state give the same
people, progress and certificates (only the ECDSA signatures differ, as ECDSA
signatures always do). On PostgreSQL the large tables are written with COPY and,
when the database user may (a superuser), the per-row foreign-key triggers are
skipped for the transaction and every new row's keys are checked afterwards in one
anti-join per key (much faster at millions of rows; a dangling key aborts it all).
`-v 2` prints the time of each step. 5,000 municipalities (50,000 officials, about
5.7 million rows) take about four minutes on a loaded two-core machine.
"""

import datetime
import random
import time
import uuid
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import Grade, GradeItem
from authoring.services import course_package_import
from certification import codes, cose, keys
from certification.claims import CertificateClaims
from certification.models import Certificate
from certification.services import STATUS_LIST_SIZE
from courses import services as courses_services
from courses.models import (
    Activity,
    ActivityKind,
    ActivityProgress,
    CompletionSource,
    Course,
    CourseRun,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
    ModuleTarget,
)
from lms.demo.municipalities import DEPARTMENT_CODES
from lms.demo.people import (
    FEMALE_NAMES,
    FEMALE_SECOND_NAMES,
    MALE_NAMES,
    MALE_SECOND_NAMES,
    SURNAMES,
    ascii_word,
)
from lms.demo.run import COURSE_CODE, COURSEPACK
from programs.models import Gender, Membership, Municipality, Programme, Role, User
from programs.services import H2_CERTIFIED_OFFICIALS

DEFAULT_PASSWORD = "aula-generada-2026"  # noqa: S105 (generated data only; printed)
BATCH = 5000
PLACE_PREFIXES = (
    "San", "Santa", "Villa", "Puerto", "El", "La", "Los", "Nueva", "Alto", "Valle de",
)  # fmt: skip
PLACE_NAMES = (
    "Rosario", "Carmen", "Esperanza", "Pradera", "Cumbre", "Palmar", "Guayabal", "Mirador",
    "Encanto", "Cerrito", "Porvenir", "Remanso", "Jardín", "Colorado", "Tablón", "Paraíso",
    "Playón", "Retiro", "Salitre", "Cedral", "Arenal", "Naranjal", "Olivo", "Roble", "Peñol",
    "Tambo", "Charco", "Ceibal", "Manantial", "Bosque", "Junín", "Caldas", "Libertad",
    "Victoria", "Concordia", "Unión", "Granada", "Sevilla", "Toledo", "Córdoba",
)  # fmt: skip
SAINTS = ("José", "Pedro", "Juan", "Luis", "Antonio", "Martín", "Vicente", "Rafael", "Isidro")
# A municipality's engagement: (share of municipalities, chance each official finishes,
# range of progress of those who do not).
ENGAGEMENT = (
    (0.18, 0.97, (0.7, 0.98)),  # a committed team: reaches H2
    (0.57, 0.30, (0.4, 0.98)),  # under way, most of them on the calendar
    (0.25, 0.03, (0.0, 0.45)),  # lagging
)


class Command(BaseCommand):
    help = "Generate a synthetic programme (municipalities, teams, progress, grades, certificates)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, required=True)
        parser.add_argument("--officials-per-municipality", type=int, default=10)
        parser.add_argument("--reserves", type=int, default=None, help="Default: half of N.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="Password of every generated account (hashed once).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate even with DEBUG off (a scratch database only: the accounts share "
            "one password and the certificates are signed with the current key).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_programme fills a database with made-up people and signed "
                "certificates; with DEBUG off it runs only with --force, on a scratch database."
            )
        count = options["municipalities"]
        per_team = options["officials_per_municipality"]
        if count < 1 or per_team < 1:
            raise CommandError("--municipalities and --officials-per-municipality must be ≥ 1.")
        started = time.perf_counter()
        generator = Generator(
            municipalities=count,
            per_team=per_team,
            reserves=count // 2 if options["reserves"] is None else options["reserves"],
            seed=options["seed"],
            today=options["today"] or timezone.localdate(),
            password=options["password"],
        )
        summary = generator.run()
        _statistics_refresh()
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 2:
            for label, seconds in generator.timings:
                self.stdout.write(f"  {label}: {seconds:.1f} s")
        if options["verbosity"] >= 1:
            self.stdout.write(summary.format(seconds=elapsed))
        return None


def _statistics_refresh() -> None:
    """After a bulk load the planner's statistics still describe empty tables (autovacuum
    comes later): without ANALYZE, PostgreSQL plans nested loops for 50,000 rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _course() -> Course:
    course = Course.objects.filter(code=COURSE_CODE).first()
    return course or course_package_import(path=COURSEPACK)


def _signing():
    try:
        return keys.signing_key_current()
    except ValidationError:
        keys.signing_key_generate()
        return keys.signing_key_current()


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format (faster than typed rows at millions of rows)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # datetimes too (aware: with their offset)
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "\\\\x" + bytes(value).hex()
    return str(value)


def _write(model, fields: list[str], rows: list[tuple]) -> int:
    """Insert rows without reading ids back: COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        columns = ", ".join(f'"{model._meta.get_field(name).column}"' for name in fields)
        statement = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for start in range(0, len(rows), BATCH):
                copy.write(
                    "".join(
                        "\t".join(map(_copy_text, row)) + "\n"
                        for row in rows[start : start + BATCH]
                    )
                )
        return len(rows)
    attnames = [model._meta.get_field(name).attname for name in fields]
    model.objects.bulk_create(
        (model(**dict(zip(attnames, row, strict=True))) for row in rows), batch_size=BATCH
    )
    return len(rows)


# The tables the generator writes, in order; their foreign keys are checked at the end.
WRITTEN = (
    Municipality, User, Membership, Enrolment, ActivityProgress, LedgerEntry, DailyStudyTime,
    Grade, Certificate,
)  # fmt: skip


def _deferred_checks_off() -> bool:
    """On PostgreSQL, as a superuser: skip the per-row foreign-key triggers for this
    transaction (`session_replication_role = replica`); `_orphans_check` then checks
    every new row's keys in one anti-join per key, which is far faster at millions of
    rows. Elsewhere (or without the privilege) nothing changes."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def _max_ids() -> dict:
    return {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in WRITTEN}


def _orphans_check(since: dict) -> None:
    """Every foreign key of the rows written since `since` names an existing row."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        for model in WRITTEN:
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                target = field.related_model._meta
                child, key = model._meta.db_table, field.column
                parent, parent_key = target.db_table, target.pk.column
                cursor.execute(  # names from the models, never from input
                    f'SELECT 1 FROM "{child}" c LEFT JOIN "{parent}" p '  # noqa: S608
                    f'ON p."{parent_key}" = c."{key}" '
                    f'WHERE c."{model._meta.pk.column}" > %s AND c."{key}" IS NOT NULL '
                    f'AND p."{parent_key}" IS NULL LIMIT 1',
                    [since[model]],
                )
                if cursor.fetchone():
                    raise CommandError(f"{model.__name__}.{field.name} names a missing row.")


class Generator:
    def __init__(self, *, municipalities, per_team, reserves, seed, today, password):
        self.count = municipalities
        self.per_team = per_team
        self.reserves = reserves
        self.seed = seed
        self.today = today
        self.password = password
        self.random = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)

    # --- The whole programme, in one transaction --------------------------------------

    def _mark(self, label: str) -> None:
        now = time.perf_counter()
        self.timings.append((label, now - self._last))
        self._last = now

    def run(self) -> str:
        self.timings: list[tuple[str, float]] = []
        self._last = time.perf_counter()
        course = _course()
        signing_key, private_key = _signing()
        self._mark("course and signing key")
        since = _max_ids()
        with transaction.atomic():
            checks_off = _deferred_checks_off()
            programme, run = self._programme_and_run(course)
            municipalities = self._municipalities(programme)
            self._mark("programme, run, municipalities")
            staff, teams = self._people(programme, municipalities)
            run.tutors.add(*staff[1:])
            self._mark("people and memberships")
            activities = self._activities(course)
            enrolments = self._enrolments(run, teams)
            rows, finished = self._progress(run, course, activities, enrolments)
            self._mark("progress computed")
            enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
            self._mark("enrolments written")
            self._write_progress(rows, [enrolment.pk for enrolment in enrolments])
            self._mark(f"progress written ({sum(len(r) for r in rows.values())} rows)")
            finished = {enrolments[index].pk: facts for index, facts in finished.items()}
            certified = self._certificates(
                run, course, programme, enrolments, finished, signing_key, private_key
            )
            self._mark("certificates signed and written")
            reached = self._h2(certified)
            if checks_off:
                _orphans_check(since)
                self._mark("foreign keys checked")
        self._mark("H2 and commit")
        officials = sum(len(team) for team in teams.values())
        return (
            f"Programme “{programme.name}” (id {programme.pk}), run “{run.title}” (id {run.pk}): "
            f"{self.count} municipalities (+{self.reserves} reserves), {officials} officials, "
            f"{len(finished)} who met the rule, {len(certified)} certificates "
            f"(no PDFs), {reached} municipalities at H2. "
            f"Manager: {staff[0].email} (password: {self.password}). "
            "Done in {seconds:.1f} s."
        )

    def _programme_and_run(self, course: Course) -> tuple[Programme, CourseRun]:
        starts_on = self.today - datetime.timedelta(days=300)
        programme = Programme.objects.create(
            name=f"Programa sintético {self.count} municipios · semilla {self.seed}",
            country="CO",
            languages=["es"],
            time_zone="America/Bogota",
            starts_on=starts_on,
            ends_on=self.today + datetime.timedelta(days=150),
            grade_scale=Programme.GradeScale.TEN,
        )
        run = CourseRun.objects.create(
            course=course,
            programme=programme,
            title=f"Cohorte sintética · {self.count} municipios",
            starts_on=starts_on + datetime.timedelta(days=30),
            ends_on=self.today + datetime.timedelta(days=150),
        )
        ModuleTarget.objects.bulk_create(courses_services.module_targets_spread(run))
        self.tz = zoneinfo.ZoneInfo(programme.time_zone)
        return programme, run

    def _municipalities(self, programme: Programme) -> list[Municipality]:
        regions = sorted(DEPARTMENT_CODES.values())
        rows = []
        for number in range(self.count + self.reserves):
            prefix = self.random.choice(PLACE_PREFIXES)
            base = self.random.choice(SAINTS if prefix in ("San",) else PLACE_NAMES)
            rows.append(
                Municipality(
                    programme=programme,
                    code=f"{number + 1:05d}",
                    name=f"{prefix} {base} {number + 1}",
                    region=self.random.choice(regions),
                    population=self.random.randint(3_000, 250_000),
                    area_km2=Decimal(self.random.randint(2_000, 250_000)) / 100,
                    status=Municipality.Status.SELECTED
                    if number < self.count
                    else Municipality.Status.RESERVE,
                )
            )
        created = Municipality.objects.bulk_create(rows, batch_size=BATCH)
        return created[: self.count]

    def _name(self, gender: str) -> str:
        pick = self.random.choice
        if gender == Gender.MALE or (gender != Gender.FEMALE and self.random.random() < 0.5):
            given, second = pick(MALE_NAMES), MALE_SECOND_NAMES
        else:
            given, second = pick(FEMALE_NAMES), FEMALE_SECOND_NAMES
        if " " not in given and self.random.random() < 0.35:
            given = f"{given} {pick(second)}"
        return f"{given} {pick(SURNAMES)} {pick(SURNAMES)}"

    def _gender(self) -> str:
        draw = self.random.random()
        if draw < 0.12:
            return Gender.UNDECLARED
        if draw < 0.12 + 0.88 * 0.56:
            return Gender.FEMALE
        return Gender.MALE if draw < 0.99 else Gender.OTHER

    def _people(self, programme, municipalities):
        """The manager and two tutors, then every team; returns (staff, {municipality: users})."""
        password = make_password(self.password)
        tag = f"p{programme.pk}"
        people = [
            User(email=f"gestora.{tag}@generado.example", full_name="Gestora del Programa"),
            User(email=f"tutora.{tag}@generado.example", full_name="Tutora Uno"),
            User(email=f"tutor.{tag}@generado.example", full_name="Tutor Dos"),
        ]
        owners = []
        for municipality in municipalities:
            domain = f"{slugify(municipality.name)}.{tag}.generado.example"
            for position in range(self.per_team):
                gender = self._gender()
                name = self._name(gender)
                local = ascii_word(name.split()[0]) + "." + ascii_word(name.split()[-2])
                people.append(
                    User(
                        email=f"{local}.{position + 1}@{domain}",
                        full_name=name,
                        gender=gender,
                    )
                )
                owners.append(municipality)
        for person in people:
            person.password = password
            person.preferred_language = "es"
        created = User.objects.bulk_create(people, batch_size=BATCH)
        staff, officials = created[:3], created[3:]
        started_on = programme.starts_on
        memberships = [
            (staff[0].pk, programme.pk, None, Role.MANAGER, started_on),
            (staff[1].pk, programme.pk, None, Role.TUTOR, started_on),
            (staff[2].pk, programme.pk, None, Role.TUTOR, started_on),
        ]
        teams: dict[Municipality, list[User]] = {}
        for user, municipality in zip(officials, owners, strict=True):
            team = teams.setdefault(municipality, [])
            memberships.append((user.pk, programme.pk, municipality.pk, Role.OFFICIAL, started_on))
            if not team:  # the team's first official is its coordinator
                memberships.append(
                    (user.pk, programme.pk, municipality.pk, Role.COORDINATOR, started_on)
                )
            team.append(user)
        _write(
            Membership,
            ["user", "programme", "municipality", "role", "started_on", "end_reason"],
            [(*row, "") for row in memberships],
        )
        return staff, teams

    def _enrolments(self, run, teams) -> list[Enrolment]:
        enrolled_at = datetime.datetime.combine(run.starts_on, datetime.time(8), tzinfo=self.tz)
        return [
            Enrolment(user=user, course_run=run, municipality=municipality, enrolled_at=enrolled_at)
            for municipality, team in teams.items()
            for user in team
        ]

    def _activities(self, course: Course) -> list[dict]:
        items = dict(
            GradeItem.objects.filter(activity__module__course=course).values_list(
                "activity_id", "pk"
            )
        )
        pass_marks = dict(
            GradeItem.objects.filter(activity__module__course=course).values_list(
                "activity_id", "pass_fraction"
            )
        )
        return [
            {
                "id": activity.pk,
                "kind": activity.kind,
                "seconds": activity.nominal_seconds,
                "rule": activity.completion_rule,
                "item": items.get(activity.pk),
                "pass": pass_marks.get(activity.pk, course.pass_grade),
            }
            for activity in Activity.objects.filter(
                module__course=course, module__archived_at__isnull=True, archived_at__isnull=True
            ).order_by("module__position", "position")
        ]

    # --- Progress -----------------------------------------------------------------------

    def _progress(self, run, course, activities, enrolments) -> tuple[dict, dict[int, dict]]:
        """Every (unsaved) enrolment's progress: sets its summaries and returns the rows to
        write, by position in `enrolments`, and who met the rule ({position: {"final":
        grade, "done": datetime}})."""
        rng = self.random
        now = datetime.datetime.combine(self.today, datetime.time(18), tzinfo=self.tz)
        run_start = datetime.datetime.combine(run.starts_on, datetime.time(8), tzinfo=self.tz)
        progress, ledger, days, grades = [], [], [], []
        finished: dict[int, dict] = {}
        engagement_of: dict[int, tuple] = {}
        total = len(activities)
        for position, enrolment in enumerate(enrolments):
            level = engagement_of.get(enrolment.municipality_id)
            if level is None:
                draw, level = rng.random(), ENGAGEMENT[-1]
                for candidate in ENGAGEMENT:
                    draw -= candidate[0]
                    if draw < 0:
                        level = candidate
                        break
                engagement_of[enrolment.municipality_id] = level
            _share, finish_chance, (low, high) = level
            finishes = rng.random() < finish_chance
            share = 1.0 if finishes else rng.uniform(low, high)
            done = total if finishes else int(total * share)
            if done == total and not finishes:
                done = total - 1
            # When the person last studied: most this week, some weeks ago.
            recency = rng.random()
            if done == 0 and recency < 0.5:
                last = None  # enrolled, never studied
            elif finishes:  # finished at some point of the last three months
                last = now - datetime.timedelta(
                    days=rng.randint(1, 90), minutes=rng.randint(0, 600)
                )
            elif recency < 0.7:  # studied this week
                last = now - datetime.timedelta(days=rng.randint(0, 6), minutes=rng.randint(0, 600))
            elif recency < 0.85:  # last week
                last = now - datetime.timedelta(
                    days=rng.randint(7, 13), minutes=rng.randint(0, 600)
                )
            else:  # stopped weeks ago: inactive
                last = now - datetime.timedelta(
                    days=rng.randint(15, 60), minutes=rng.randint(0, 600)
                )
            credited = active = 0
            grade_sum = Decimal(0)
            graded = 0
            if last is not None:
                step = (last - run_start) / max(done + 1, 1)
                for index in range(done + 1 if done < total else total):
                    activity = activities[index]
                    at = run_start + step * (index + 1)
                    if index == done:  # the activity under way: time, no completion
                        spent = rng.randint(60, max(61, activity["seconds"] // 3))
                        progress.append((position, activity["id"], at, at, spent, None, "", None))
                        days.append((position, activity["id"], at.date(), spent))
                        active += spent
                        continue
                    spent = int(activity["seconds"] * rng.uniform(0.6, 1.15))
                    source = activity["rule"]
                    scaled = None
                    if activity["item"] is not None and (
                        activity["kind"] == ActivityKind.QUIZ or finishes
                    ):
                        fraction = Decimal(
                            rng.uniform(float(activity["pass"]) + 0.02, 1.0)
                        ).quantize(Decimal("0.0001"))
                        grades.append((activity["item"], position, fraction, fraction, at, at))
                        grade_sum += fraction
                        graded += 1
                        if activity["kind"] == ActivityKind.QUIZ:
                            source = CompletionSource.PASSED
                    progress.append((position, activity["id"], at, at, spent, at, source, scaled))
                    ledger.append(
                        (position, LedgerEntry.Kind.COMPLETION, activity["id"],
                         activity["seconds"], at)
                    )  # fmt: skip
                    days.append((position, activity["id"], at.date(), spent))
                    credited += activity["seconds"]
                    active += spent
            enrolment.credited_seconds, enrolment.active_seconds = credited, active
            enrolment.last_heartbeat_at = last
            met = (
                finishes
                and last is not None
                and credited >= course.required_seconds
                and active >= course.required_seconds * course.measured_share
            )
            if met:
                finished[position] = {
                    "final": (grade_sum / graded) if graded else None,
                    "done": last,
                }
        rows = {"progress": progress, "ledger": ledger, "days": days, "grades": grades}
        return rows, finished

    def _write_progress(self, rows: dict, ids: list[int]) -> None:
        """Write the progress rows, their enrolment positions turned into ids."""

        def with_ids(items, column=0):
            for row in items:
                row = list(row)
                row[column] = ids[row[column]]
                yield row

        _write(
            ActivityProgress,
            ["enrolment", "activity", "first_viewed_at", "last_viewed_at", "active_seconds",
             "completed_at", "completion_source", "best_scaled"],
            list(with_ids(rows["progress"])),
        )  # fmt: skip
        _write(
            LedgerEntry,
            ["enrolment", "kind", "activity", "seconds", "created_at", "reason"],
            [(*row, "") for row in with_ids(rows["ledger"])],
        )
        _write(
            DailyStudyTime,
            ["enrolment", "activity", "day", "seconds"],
            list(with_ids(rows["days"])),
        )
        _write(
            Grade,
            ["item", "enrolment", "fraction", "final_fraction", "released_at", "updated_at",
             "override_reason", "feedback"],
            [(*row, "", "") for row in with_ids(rows["grades"], column=1)],
        )  # fmt: skip

    # --- Certificates and H2 ------------------------------------------------------------

    def _short_code(self, taken: set[str]) -> str:
        while True:
            data = "".join(self.random.choice(codes.ALPHABET) for _ in range(codes.DATA_SYMBOLS))
            code = data + codes.check_symbol(data)
            if code not in taken:
                taken.add(code)
                return code

    def _certificates(
        self, run, course, programme, enrolments, finished, signing_key, private_key
    ) -> list[tuple[int, datetime.datetime]]:
        """Certificates of everyone who met the rule; returns (municipality id, issued at)."""
        from django.conf import settings

        if not finished:
            return []
        used = set(Certificate.objects.values_list("status_index", flat=True))
        free = STATUS_LIST_SIZE - len(used)
        if free < len(finished):
            raise CommandError(
                f"Only {free} status-list positions are free for {len(finished)} certificates."
            )
        taken_codes = set(Certificate.objects.values_list("short_code", flat=True))
        users = dict(
            User.objects.filter(enrolments__course_run=run).values_list(
                "enrolments__pk", "full_name"
            )
        )
        rows, issued = [], []
        hours = course.required_seconds // 3600
        for enrolment in enrolments:
            facts = finished.get(enrolment.pk)
            if facts is None:
                continue
            index = self.random.randrange(STATUS_LIST_SIZE)
            while index in used:
                index = self.random.randrange(STATUS_LIST_SIZE)
            used.add(index)
            issued_at = facts["done"] + datetime.timedelta(minutes=2)
            serial = uuid.UUID(int=self.random.getrandbits(128), version=4)
            name = users[enrolment.pk]
            completed_on = timezone.localdate(issued_at)
            claims = CertificateClaims(
                issuer=settings.SITE_URL,
                issued_at=issued_at,
                serial=serial,
                course_code=course.code,
                name=name,
                course_title=course.title,
                hours=hours,
                completed_on=completed_on,
                status_index=index,
            )
            signed = cose.sign(claims.as_cbor_map(), private_key=private_key, kid=signing_key.kid)
            final = facts["final"]
            rows.append(
                (enrolment.pk, run.pk, serial, self._short_code(taken_codes),
                 Certificate.Status.VALID,
                 name, course.code, course.title, programme.name, settings.SITE_URL, hours,
                 final.quantize(Decimal("0.0000001")) if final is not None else None,
                 completed_on, issued_at, index, signing_key.pk, signed, "", "", "", "")
            )  # fmt: skip
            issued.append((enrolment.municipality_id, issued_at))
        _write(
            Certificate,
            ["enrolment", "course_run", "serial", "short_code", "status", "name_printed",
             "course_code",
             "course_title", "programme_name", "issuer", "hours", "final_grade", "completed_on",
             "issued_at", "status_index", "signing_key", "signed_payload", "pdf", "pdf_sha256",
             "revocation_reason", "revocation_note"],
            rows,
        )  # fmt: skip
        return issued

    def _h2(self, issued: list[tuple[int, datetime.datetime]]) -> int:
        """H2 on the day of each municipality's tenth certificate (what
        `municipality_h2_record` records when certificates are issued one by one)."""
        by_municipality: dict[int, list[datetime.datetime]] = {}
        for municipality_id, issued_at in issued:
            by_municipality.setdefault(municipality_id, []).append(issued_at)
        reached: dict[datetime.date, list[int]] = {}
        for municipality_id, times in by_municipality.items():
            if len(times) >= H2_CERTIFIED_OFFICIALS:
                tenth = sorted(times)[H2_CERTIFIED_OFFICIALS - 1]
                reached.setdefault(timezone.localdate(tenth), []).append(municipality_id)
        for day, ids in reached.items():  # one UPDATE per day, not per municipality
            Municipality.objects.filter(pk__in=ids).update(h2_reached_on=day)
        return sum(len(ids) for ids in reached.values())

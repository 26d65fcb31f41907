"""Load the demo data: `manage.py seed_demo` (idempotent; `make run` calls it).

The data lives in `lms.demo`; writes go through the domain services
(`programs.services`, `content.services`, `courses.services`) wherever one
exists. Rows are found by natural keys, so a second run changes nothing: it
creates no rows, never re-hashes a password and only simulates study for
enrolments that have no progress yet.
"""

import datetime
import math
import zoneinfo

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import services as content_services
from courses import rules
from courses import services as courses_services
from courses.models import (
    Activity,
    ActivityProgress,
    CompletionRule,
    Course,
    CourseRun,
    Enrolment,
    Module,
    ModuleTarget,
)
from lms.demo.course import COURSE, RUN, DemoActivity
from lms.demo.municipalities import PROGRAMME, RESERVES, SELECTED, DemoMunicipality
from lms.demo.people import (
    ADMIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    STAFF,
    DemoPerson,
    StudyPlan,
    officials,
    study_plans,
)
from programs import services as programs_services
from programs.models import Membership, Municipality, Programme, Role, User

# Simulated heartbeats: one minute of study each, sent a little more than a
# minute apart so the server credits all of it.
HEARTBEAT_SECONDS = rules.HEARTBEAT_MAX_SECONDS
HEARTBEAT_GAP = datetime.timedelta(seconds=65)
MARK_DONE_AFTER = datetime.timedelta(seconds=20)


class Command(BaseCommand):
    help = "Load the demo programme, municipalities, people, course and study progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off. The demo accounts share a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts (an administrator among them) whose password is "
                "published; with DEBUG off it runs only with --force."
            )
        with transaction.atomic():
            programme = _programme()
            municipalities = _municipalities(programme)
            users = _people(programme, municipalities)
            _demo_passwords(users.values())
            course = _course()
            run = _course_run(
                course, programme, [users[p.email] for p in STAFF if p.role == Role.TUTOR]
            )
            _enrol_teams(run, municipalities)
        studied = _simulate_study(run, course, users)
        if options["verbosity"] >= 1:
            self.stdout.write(_summary(programme, course, studied))


# --- Programme, municipalities and people ------------------------------------------


def _programme() -> Programme:
    programme = Programme.objects.filter(name=PROGRAMME.name).first()
    if programme is None:
        programme = Programme(
            name=PROGRAMME.name,
            country=PROGRAMME.country,
            languages=list(PROGRAMME.languages),
            time_zone=PROGRAMME.time_zone,
            starts_on=PROGRAMME.starts_on,
            ends_on=PROGRAMME.ends_on,
            grade_scale=PROGRAMME.grade_scale,
        )
        programme.full_clean()
        programme.save()
    return programme


def _municipalities(programme: Programme) -> dict[str, Municipality]:
    existing = {m.code: m for m in Municipality.objects.filter(programme=programme)}
    for data, status in [(m, Municipality.Status.SELECTED) for m in SELECTED] + [
        (m, Municipality.Status.RESERVE) for m in RESERVES
    ]:
        if data.code not in existing:
            existing[data.code] = _municipality_create(programme, data, status)
    return existing


def _municipality_create(programme, data: DemoMunicipality, status: str) -> Municipality:
    municipality = Municipality(
        programme=programme,
        code=data.code,
        name=data.name,
        region=data.department,
        population=data.population,
        area_km2=data.area_km2,
        status=status,
    )
    municipality.full_clean()
    municipality.save()
    return municipality


def _people(programme, municipalities) -> dict[str, User]:
    """Officials, coordinators, staff and the administrator, with their roles.

    A role someone once held in the programme is not given again: a demo
    official replaced in the interface stays replaced.
    """
    held = set(Membership.objects.filter(programme=programme).values_list("user__email", "role"))
    users = {}
    for person in (*officials(), *STAFF, ADMIN):
        user, _created = programs_services.user_get_or_create(
            email=person.email,
            full_name=person.full_name,
            preferred_language="es",
            gender=person.gender,
        )
        users[person.email] = user
        for role in _roles(person):
            if (user.email, role) not in held:
                programs_services.membership_add(
                    user=user,
                    programme=programme,
                    role=role,
                    municipality=municipalities.get(person.municipality_code),
                    started_on=programme.starts_on,
                )
    admin = users[ADMIN.email]
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    return users


def _roles(person: DemoPerson) -> list[str]:
    if person.role == Role.COORDINATOR:
        return [Role.OFFICIAL, Role.COORDINATOR]
    return [person.role] if person.role else []


def _demo_passwords(users) -> None:
    """One hash, computed once, for every demo account still without a password."""
    waiting = User.objects.filter(
        pk__in=[user.pk for user in users], password__startswith=UNUSABLE_PASSWORD_PREFIX
    )
    if waiting.exists():
        waiting.update(password=make_password(DEMO_PASSWORD))


# --- Course, run and enrolments ---------------------------------------------------------


def _course() -> Course:
    course = Course.objects.filter(code=COURSE.code).first()
    if course is None:
        course = Course(
            code=COURSE.code,
            title=COURSE.title,
            description=COURSE.description,
            language=COURSE.language,
            required_seconds=COURSE.required_seconds,
        )
        course.full_clean()
        course.save()
    modules = {m.position: m for m in Module.objects.filter(course=course)}
    for position, data in enumerate(COURSE.modules, start=1):
        module = modules.get(position)
        if module is None:
            module = Module(
                course=course, position=position, title=data.title, summary=data.summary
            )
            module.full_clean()
            module.save()
        existing = set(Activity.objects.filter(module=module).values_list("position", flat=True))
        for activity_position, activity in enumerate(data.activities, start=1):
            if activity_position not in existing:
                _activity_create(module, activity_position, activity)
    return course


def _activity_create(module: Module, position: int, data: DemoActivity) -> Activity:
    activity = Activity(
        module=module,
        position=position,
        title=data.title,
        kind=data.kind,
        nominal_seconds=data.nominal_seconds,
        required=data.required,
        completion_rule=data.completion,
    )
    if data.page:
        activity.page = content_services.page_save(source=data.page)
    else:
        upload = SimpleUploadedFile(data.file.name, data.file.content())
        activity.file = content_services.file_resource_create(
            upload=upload, description=data.file.description
        )
    activity.full_clean()
    activity.save()
    return activity


def _course_run(course: Course, programme: Programme, tutors: list[User]) -> CourseRun:
    run = CourseRun.objects.filter(course=course, programme=programme, title=RUN.title).first()
    if run is None:
        run = CourseRun(
            course=course,
            programme=programme,
            title=RUN.title,
            starts_on=RUN.starts_on,
            ends_on=RUN.ends_on,
        )
        run.full_clean()
        run.save()
    run.tutors.add(*tutors)
    modules = list(Module.objects.filter(course=course).order_by("position"))
    targeted = set(ModuleTarget.objects.filter(course_run=run).values_list("module_id", flat=True))
    span = (run.ends_on - run.starts_on).days
    for index, module in enumerate(modules, start=1):
        if module.pk not in targeted:
            target_on = run.starts_on + datetime.timedelta(days=round(span * index / len(modules)))
            ModuleTarget.objects.create(course_run=run, module=module, target_on=target_on)
    return run


def _enrol_teams(run: CourseRun, municipalities: dict[str, Municipality]) -> None:
    """Enrol each selected team once; a team already enrolled is left alone.

    The enrolment service stamps `enrolled_at` with the current time; demo
    teams were enrolled when the run began, before the simulated study.
    """
    enrolled = set(
        Enrolment.objects.filter(course_run=run).values_list("municipality_id", flat=True)
    )
    began = datetime.datetime.combine(
        run.starts_on, datetime.time(8), tzinfo=zoneinfo.ZoneInfo(run.programme.time_zone)
    )
    for data in SELECTED:
        municipality = municipalities[data.code]
        if municipality.pk in enrolled or municipality.status != Municipality.Status.SELECTED:
            continue
        courses_services.enrolment_create_for_team(course_run=run, municipality=municipality)
        Enrolment.objects.filter(course_run=run, municipality=municipality).update(
            enrolled_at=began
        )


# --- Simulated study -----------------------------------------------------------------


def _simulate_study(run: CourseRun, course: Course, users: dict[str, User]) -> int:
    """Replay each study plan through the real services; returns how many were replayed.

    Enrolments with any progress already (a previous run, or a person who
    studied in the demo) are left alone.
    """
    activities = {
        (a.module.position, a.position): a
        for a in Activity.objects.filter(module__course=course).select_related("module")
    }
    active = set(
        Enrolment.objects.filter(course_run=run, status=Enrolment.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    started = set(
        ActivityProgress.objects.filter(enrolment__course_run=run).values_list(
            "enrolment__user_id", flat=True
        )
    )
    replayed = 0
    for plan in study_plans():
        user = users[plan.email]
        if user.pk in active and user.pk not in started:
            with transaction.atomic():
                _replay(plan, user=user, run=run, course=course, activities=activities)
            replayed += 1
    return replayed


def _replay(plan: StudyPlan, *, user, run, course, activities) -> None:
    for session in plan.sessions:
        activity = activities[(session.module, session.activity)]
        ids = {"user": user, "course_run_id": run.pk, "activity_id": activity.pk}
        now = session.starts_at
        courses_services.activity_view_record(**ids, now=now)
        needed = math.ceil(rules.min_active_seconds(activity, course) / HEARTBEAT_SECONDS)
        beats = (
            needed + session.heartbeats if session.finish else min(session.heartbeats, needed - 1)
        )
        for _beat in range(beats):
            now += HEARTBEAT_GAP
            courses_services.study_time_record(**ids, seconds=HEARTBEAT_SECONDS, now=now)
        if session.finish and activity.completion_rule == CompletionRule.MARKED_DONE:
            courses_services.activity_mark_done(**ids, now=now + MARK_DONE_AFTER)


# --- Summary ---------------------------------------------------------------------------


def _summary(programme: Programme, course: Course, studied: int) -> str:
    municipalities = Municipality.objects.filter(programme=programme)
    selected = municipalities.filter(status=Municipality.Status.SELECTED).count()
    reserves = municipalities.filter(status=Municipality.Status.RESERVE).count()
    team = Membership.objects.current().filter(programme=programme, role=Role.OFFICIAL).count()
    nominal = sum(
        Activity.objects.filter(module__course=course).values_list("nominal_seconds", flat=True)
    )
    lines = [
        f"Datos de demostración listos: {municipalities.count()} municipios "
        f"({selected} seleccionados, {reserves} reservas), {team} funcionarios, "
        f"curso {course.code} de {rules.hours(nominal).normalize():f} h.",
    ]
    if studied:
        lines.append(f"Estudio simulado para {studied} funcionarios.")
    lines.append(f"Entradas de demostración (contraseña para todas: {DEMO_PASSWORD}):")
    lines += [f"  {label + ':':<16}{email}" for label, email in DEMO_LOGINS.items()]
    return "\n".join(lines)

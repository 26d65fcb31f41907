"""Load the demo data: `manage.py seed_demo` (idempotent; `make run` calls it).

The course is the package in `coursepacks/gem-100`, imported with
`authoring.services.course_package_import` (its modules, pages, files, question
bank, quizzes, final project, rubric and gradebook) when no course has its
code; the rest of the data lives in `lms.demo`. Writes go through the domain
services (`programs.services`, `courses.services`, and `assessments.services`
for the attempts, the submissions and grades) wherever one exists. Rows are found
by natural keys, so a second run changes nothing: it creates no rows, never
re-hashes a password, only simulates study (quizzes included) for enrolments
that have no progress yet and only submits or grades a team project that has
no submission or grade yet.

The calendar follows the day of the first seed. The data is written as if
today were `lms.demo.dates.DEMO_WRITTEN_FOR`; every demo date and time (the
programme, the run and its module targets, the enrolments, the study, the
quizzes' closing and attempts, the project's due date, cut-off, submissions,
grading and release) is moved by the days from that day to today, in the
programme's time zone, so the run is always under way, the quizzes open and
the project due soon. The dates are fixed at the first seed: a later run (on
any day) takes the shift from the stored programme, and no natural key holds a
date, so it still changes nothing.
"""

import datetime
import math
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments.models import (
    Answer,
    Assignment,
    AssignmentGrade,
    Attempt,
    AttemptAnswer,
    Question,
    QuestionKind,
    Quiz,
    Submission,
)
from assessments.questions import matching
from assessments.questions.normalise import strip_accents
from assessments.selectors.assignments import rubric_rows
from assessments.services import assignments as assignment_services
from assessments.services import quizzes as quiz_services
from authoring.services import course_package_import
from certification import keys
from certification import services as certification_services
from certification.models import Certificate
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
from lms.demo import dates
from lms.demo.assessment import (
    GRADED,
    PROJECT_CUTOFF_AT,
    PROJECT_DUE_AT,
    PROJECT_GRADE,
    QUIZ_CLOSES_AT,
    STARTED_ANSWERS,
    DemoProjectGrade,
    project_versions,
    quiz_attempts,
)
from lms.demo.municipalities import PROGRAMME, RESERVES, SELECTED, DemoMunicipality, DemoProgramme
from lms.demo.people import (
    ADMIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    STAFF,
    DemoPerson,
    StudyPlan,
    officials,
    project_teams,
    study_plans,
    team,
)
from lms.demo.run import COURSE_CODE, COURSEPACK, RUN, DemoRun
from programs import services as programs_services
from programs.models import TEAM_ROLES, Membership, Municipality, Programme, Role, User

# Simulated heartbeats: one minute of study each, sent a little more than a
# minute apart so the server credits all of it.
HEARTBEAT_SECONDS = rules.HEARTBEAT_MAX_SECONDS
HEARTBEAT_GAP = datetime.timedelta(seconds=65)
MARK_DONE_AFTER = datetime.timedelta(seconds=20)
# A quiz: its page is read for a few minutes, then attempted; after a failed
# attempt the person reviews the feedback for a while before the next one.
QUIZ_AFTER = datetime.timedelta(seconds=30)
SUBMIT_AFTER = datetime.timedelta(seconds=40)
REVIEW_BEFORE_RETRY = datetime.timedelta(minutes=12)
WRONG_TEXT = "No lo recuerdo"


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
            shift = _shift()
            programme = _programme(shift(PROGRAMME))
            municipalities = _municipalities(programme)
            users = _people(programme, municipalities)
            _demo_passwords(users.values())
            course = _course(shift)
            tutors = [users[p.email] for p in STAFF if p.role == Role.TUTOR]
            run = _course_run(course, programme, tutors, shift(RUN))
            _enrol_teams(run, municipalities)
        _signing_key()
        studied = _simulate_study(run, course, users, shift)
        _simulate_projects(course, programme, users, shift)
        _certify_eligible(run)
        if options["verbosity"] >= 1:
            self.stdout.write(_summary(programme, course, run, studied))


def _signing_key() -> None:
    """A key to sign certificates with, made once (its private half in CERTIFICATE_KEYS_DIR)."""
    try:
        keys.signing_key_current()
    except ValidationError:
        keys.signing_key_generate()


# --- Calendar, programme, municipalities and people ---------------------------------


def _shift() -> dates.Shift:
    """How far this seed moves the demo's dates: as far as the first seed did (the
    stored programme's start tells), else from `DEMO_WRITTEN_FOR` to today."""
    stored = Programme.objects.filter(name=PROGRAMME.name).values_list("starts_on", flat=True)
    return dates.seed_shift(stored.first())


def _programme(data: DemoProgramme) -> Programme:
    programme = Programme.objects.filter(name=data.name).first()
    if programme is None:
        programme = Programme(
            name=data.name,
            country=data.country,
            languages=list(data.languages),
            time_zone=data.time_zone,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            grade_scale=data.grade_scale,
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


def _course(shift: dates.Shift) -> Course:
    """The course, imported from its package (coursepacks/gem-100) unless it exists.

    The package holds no dates: the run's quizzes close and its project is due on
    the demo's (moved) dates, set here when the course is imported.
    """
    course = Course.objects.filter(code=COURSE_CODE).first()
    if course is None:
        course = course_package_import(path=COURSEPACK)
        Quiz.objects.filter(activity__module__course=course).update(closes_at=shift(QUIZ_CLOSES_AT))
        Assignment.objects.filter(activity__module__course=course).update(
            due_at=shift(PROJECT_DUE_AT), cutoff_at=shift(PROJECT_CUTOFF_AT)
        )
    return course


def _course_run(
    course: Course, programme: Programme, tutors: list[User], data: DemoRun
) -> CourseRun:
    run = CourseRun.objects.filter(course=course, programme=programme, title=data.title).first()
    if run is None:
        run = CourseRun(
            course=course,
            programme=programme,
            title=data.title,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
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


def _simulate_study(
    run: CourseRun, course: Course, users: dict[str, User], shift: dates.Shift
) -> int:
    """Replay each study plan through the real services; returns how many were replayed.

    Enrolments with any progress already (a previous run, or a person who
    studied in the demo) are left alone.
    """
    activities = {
        (a.module.position, a.position): a
        for a in Activity.objects.filter(module__course=course).select_related("module")
    }
    quizzes = {
        quiz.activity_id: quiz for quiz in Quiz.objects.filter(activity__module__course=course)
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
                _replay(
                    shift(plan),
                    user=user,
                    run=run,
                    course=course,
                    activities=activities,
                    quizzes=quizzes,
                )
            replayed += 1
    return replayed


def _replay(plan: StudyPlan, *, user, run, course, activities, quizzes) -> None:
    for session in plan.sessions:
        activity = activities[(session.module, session.activity)]
        ids = {"user": user, "course_run_id": run.pk, "activity_id": activity.pk}
        now = session.starts_at
        courses_services.activity_view_record(**ids, now=now)
        minimum = rules.min_active_seconds(activity, course)
        marked_done = activity.completion_rule == CompletionRule.MARKED_DONE
        if session.finish and marked_done and not session.heartbeats:
            # Read with the page open and no heartbeats (an old browser, scripts
            # off): "mark as done" counts the open time, up to the minimum. The
            # same measured time as the heartbeats below, in two calls, not ten.
            now += datetime.timedelta(seconds=minimum) + MARK_DONE_AFTER
            courses_services.activity_mark_done(**ids, now=now)
            continue
        needed = math.ceil(minimum / HEARTBEAT_SECONDS)
        beats = (
            needed + session.heartbeats if session.finish else min(session.heartbeats, needed - 1)
        )
        for _beat in range(beats):
            now += HEARTBEAT_GAP
            courses_services.study_time_record(**ids, seconds=HEARTBEAT_SECONDS, now=now)
        if session.finish and marked_done:
            courses_services.activity_mark_done(**ids, now=now + MARK_DONE_AFTER)
        quiz = quizzes.get(activity.pk)
        if quiz is not None:
            _take_quiz(
                quiz,
                plan=plan,
                module=session.module,
                user=user,
                run=run,
                start=now + QUIZ_AFTER,
                finish=session.finish,
            )


# --- Simulated quiz attempts -----------------------------------------------------------


def _take_quiz(quiz: Quiz, *, plan: StudyPlan, module: int, user, run, start, finish) -> None:
    """The person's attempts at a quiz, answer by answer, at simulated times.

    Which questions an attempt draws is the service's (random) choice; whether
    each one is answered right is the plan's (`lms.demo.assessment.quiz_attempts`),
    so the grades are the same on every run. A session that does not finish the
    activity leaves an attempt in progress with a few answers saved.
    """
    ids = {"user": user, "course_run_id": run.pk}
    if not finish:
        attempt = quiz_services.attempt_start(quiz=quiz, **ids, now=start)
        _answer(attempt, [True] * STARTED_ANSWERS, user=user, start=start, minutes=3)
        return
    slots = quiz.slots.count()
    now = start
    planned = quiz_attempts(plan.email, module, far_along=plan.passes_every_quiz, questions=slots)
    for demo in planned:
        attempt = quiz_services.attempt_start(quiz=quiz, **ids, now=now)
        now = _answer(attempt, demo.right, user=user, start=now, minutes=demo.minutes)
        quiz_services.attempt_submit(user=user, attempt_id=attempt.pk, now=now + SUBMIT_AFTER)
        now += SUBMIT_AFTER + REVIEW_BEFORE_RETRY


def _answer(attempt: Attempt, right, *, user, start, minutes: int) -> datetime.datetime:
    """Save one answer after another over `minutes`, right or wrong as given (in the
    attempt's order); returns when the last was saved."""
    rows = list(
        AttemptAnswer.objects.filter(attempt=attempt)
        .select_related("question")
        .order_by("position")
    )
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(question_id__in=[row.question_id for row in rows]).order_by(
        "position"
    ):
        answers.setdefault(answer.question_id, []).append(answer)
    now = start
    step = datetime.timedelta(minutes=minutes) / max(len(rows), 1)
    for row, is_right in zip(rows, right, strict=False):
        now += step
        quiz_services.attempt_answer_save(
            user=user,
            attempt_id=attempt.pk,
            position=row.position,
            response=_response(row.question, answers[row.question_id], right=is_right),
            now=now,
        )
    return now


def _response(question: Question, answers: list[Answer], *, right: bool) -> dict:
    """What a person sends for a question: a right answer, or a wrong one (worth 0)."""
    best = max(answers, key=lambda answer: answer.fraction)
    worst = min(answers, key=lambda answer: answer.fraction)
    if question.kind == QuestionKind.TRUE_FALSE or (
        question.kind == QuestionKind.MULTIPLE_CHOICE and question.settings.get("single", True)
    ):
        return {"answer": (best if right else worst).pk}
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        if right:
            return {"answers": [answer.pk for answer in answers if answer.fraction > 0]}
        return {"answers": [worst.pk]}
    if question.kind == QuestionKind.SHORT_ANSWER:
        # Typed without accents or capitals, as on many office keyboards: still right.
        return {"text": strip_accents(best.text).lower() if right else WRONG_TEXT}
    if question.kind == QuestionKind.NUMERICAL:
        value = Decimal(best.text)
        return {"text": str(value if right else value + 1000).replace(".", ",")}
    if question.kind == QuestionKind.MATCHING:
        items = matching.items(answers)
        choice_of = {text: pk for pk, text in matching.choices(answers).items()}
        shift = 0 if right else 1
        return {
            "matches": {
                str(item.pk): choice_of[items[(index + shift) % len(items)].match_text.strip()]
                for index, item in enumerate(items)
            }
        }
    raise ValueError(f"the demo does not answer {question.kind} questions")


# --- The final team project --------------------------------------------------------------


def _simulate_projects(
    course: Course, programme: Programme, users: dict[str, User], shift: dates.Shift
) -> None:
    """The far-along officials' teams: one submitted (two versions), graded with the
    rubric and released; one submitted and waiting for the tutor; one not yet."""
    assignment = (
        Assignment.objects.select_related("rubric", "activity__module")
        .filter(activity__module__course=course)
        .first()
    )
    if assignment is None:
        return
    tutor = users[DEMO_LOGINS["tutor/a"]]
    demo_municipalities = {m.code: m for m in SELECTED}
    far_along = {plan.email for plan in study_plans() if plan.far_along}
    with transaction.atomic():
        for code, stage in project_teams():
            municipality = Municipality.objects.get(programme=programme, code=code)
            versions = shift(project_versions(demo_municipalities[code], stage))
            owned = {"assignment": assignment, "municipality": municipality}
            if versions and not Submission.objects.filter(**owned).exists():
                emails = [person.email for person in team(code)]
                # The coordinator consolidates the document and submits it.
                submitter = _current_member(municipality, [emails[0], *far_along & set(emails)])
                if submitter is None:
                    continue
                for version in versions:
                    assignment_services.submission_create(
                        user=users[submitter],
                        assignment=assignment,
                        text=version.text,
                        now=version.at,
                    )
            if stage == GRADED and not AssignmentGrade.objects.filter(**owned).exists():
                _grade_project(assignment, municipality, tutor, shift(PROJECT_GRADE))


def _current_member(municipality: Municipality, emails: list[str]) -> str | None:
    """The first of these people still on the municipality's team."""
    current = set(
        Membership.objects.current()
        .filter(municipality=municipality, role__in=TEAM_ROLES, user__email__in=emails)
        .values_list("user__email", flat=True)
    )
    return next((email for email in emails if email in current), None)


def _grade_project(
    assignment: Assignment, municipality: Municipality, tutor: User, data: DemoProjectGrade
) -> None:
    """Grade with the rubric, then release: each at its simulated time, which the
    gradebook's history of every member's grade records too."""
    rows = rubric_rows(assignment.rubric)
    levels = {
        row.criterion.pk: row.levels[level].pk for row, level in zip(rows, data.levels, strict=True)
    }
    grade = assignment_services.assignment_grade_save(
        tutor=tutor,
        assignment=assignment,
        owner=municipality,
        rubric_levels=levels,
        feedback=data.feedback,
        now=data.graded_at,
    )
    assignment_services.assignment_grades_release(tutor=tutor, grades=[grade], now=data.released_at)


def _certify_eligible(run: CourseRun) -> None:
    """Issue what is due now. Completions already queued these checks after their
    commits; this makes the seed's outcome independent of when those ran."""
    for enrolment_id in Enrolment.objects.filter(
        course_run=run, credited_seconds__gte=run.course.required_seconds
    ).values_list("pk", flat=True):
        certification_services.certificate_issue(enrolment_id=enrolment_id)


# --- Summary ---------------------------------------------------------------------------


def _summary(programme: Programme, course: Course, run: CourseRun, studied: int) -> str:
    municipalities = Municipality.objects.filter(programme=programme)
    selected = municipalities.filter(status=Municipality.Status.SELECTED).count()
    reserves = municipalities.filter(status=Municipality.Status.RESERVE).count()
    team_size = Membership.objects.current().filter(programme=programme, role=Role.OFFICIAL).count()
    nominal = sum(
        Activity.objects.filter(module__course=course).values_list("nominal_seconds", flat=True)
    )
    quizzes = Quiz.objects.filter(activity__module__course=course).count()
    projects = Assignment.objects.filter(activity__module__course=course, team_submission=True)
    questions = Question.objects.filter(category__course=course).count()
    attempts = Attempt.objects.filter(enrolment__course_run=run)
    submitted = Submission.objects.filter(assignment__in=projects).values("municipality").distinct()
    released = AssignmentGrade.objects.filter(assignment__in=projects, released_at__isnull=False)
    lines = [
        f"Datos de demostración listos: {municipalities.count()} municipios "
        f"({selected} seleccionados, {reserves} reservas), {team_size} funcionarios, "
        f"curso {course.code} de {rules.hours(nominal).normalize():f} h.",
        f"Evaluación: {quizzes} cuestionarios (banco de {questions} preguntas), "
        f"{projects.count()} proyecto final por equipo con rúbrica.",
    ]
    if studied:
        lines.append(f"Estudio simulado para {studied} funcionarios.")
    lines.append(
        f"Intentos de cuestionario: {attempts.exclude(state=Attempt.State.IN_PROGRESS).count()} "
        f"enviados, {attempts.filter(state=Attempt.State.IN_PROGRESS).count()} en curso. "
        f"Proyectos finales: {submitted.count()} entregados, {released.count()} calificado(s) "
        "y publicado(s)."
    )
    certificates = Certificate.objects.filter(
        enrolment__course_run=run, status=Certificate.Status.VALID
    ).order_by("name_printed")
    lines.append(
        f"Certificados válidos: {certificates.count()} ("
        + ", ".join(f"{c.name_printed} {c.short_code}" for c in certificates[:5])
        + "); verifíquelos con «manage.py verify_certificate» o en /v/."
    )
    lines.append(f"Entradas de demostración (contraseña para todas: {DEMO_PASSWORD}):")
    lines += [f"  {label + ':':<16}{email}" for label, email in DEMO_LOGINS.items()]
    return "\n".join(lines)

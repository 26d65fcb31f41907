"""`manage.py seed_demo`: the demo data, its consistency and its idempotence.

The command runs once, in one test whose transaction is rolled back; that test
then runs every check on the seeded database. Everything is seeded as in
`make run` (500 people, the course with its quizzes and final project, the
enrolments, the team projects), except that only a fifth of the study plans is
replayed: replaying all of them takes longer and exercises no other code path.
The plans, the question bank and the quiz results are checked in full without
a database.

The seed's "today" is pinned (`lms.demo.dates.today`) to the day the data is
written for, so the dates in the database are the data's own; the second run
is on a later day, and a small seed on a later day checks that the calendar
moves with it.
"""

import dataclasses
import datetime
import hashlib
import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from assessments.importers import parse_question_file
from assessments.models import (
    Assignment,
    AssignmentGrade,
    Attempt,
    Grade,
    GradeChange,
    GradeItem,
    QuestionCategory,
    QuestionKind,
    Quiz,
    Submission,
)
from assessments.selectors.assignments import rubric_max_points
from assessments.selectors.gradebook import learner_grades
from assessments.selectors.grading_queue import ALL, QueueFilters, grading_queue
from assessments.services.quizzes.rules import attempt_is_overdue, quiz_rules, start_refusal
from authoring.services import course_package_read
from certification.models import Certificate, SigningKey
from content.models import FileResource, Page
from courses import rules
from courses.models import (
    Activity,
    ActivityKind,
    ActivityProgress,
    CompletionRule,
    Course,
    CourseRun,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
    Module,
    ModuleTarget,
)
from lms.demo import DEMO_LOGINS, DEMO_PASSWORD, dates
from lms.demo.assessment import (
    GRADED,
    NOT_SUBMITTED,
    PROJECT_CUTOFF_AT,
    PROJECT_DUE_AT,
    PROJECT_GRADE,
    QUIZ_CLOSES_AT,
    STARTED_ANSWERS,
    SUBMITTED,
    project_versions,
    quiz_attempts,
)
from lms.demo.municipalities import DEPARTMENT_CODES, PROGRAMME, RESERVES, SELECTED
from lms.demo.people import (
    ADMIN,
    DEMO_OFFICIAL_INDEX,
    GRADUATES,
    LAST_STUDY_DAY,
    STAFF,
    StudyPlan,
    officials,
    project_teams,
    study_plans,
    team,
)
from lms.demo.run import COURSEPACK, RUN, activity_keys
from lms.management.commands import seed_demo
from lms.management.commands.seed_demo import HEARTBEAT_SECONDS
from programs.models import Membership, Municipality, Programme, Role, User

WORD = re.compile(r"\w+")


# --- The data, without a database ------------------------------------------------


MODULE_HOURS = {1: 6, 2: 10, 3: 11, 4: 11, 5: 10, 6: 10, 7: 10, 8: 10, 9: 10, 10: 12}
PACKAGE = course_package_read(COURSEPACK)
MODULES = PACKAGE.modules
QUESTIONS = 9 + 8 * 8


def test_course_is_exactly_100_hours_in_ten_modules():
    assert len(MODULES) == 10 and not PACKAGE.warnings
    assert PACKAGE.seconds == PACKAGE.required_seconds == 360_000
    hours = {n: m.seconds / 3600 for n, m in enumerate(MODULES, start=1)}
    assert hours == MODULE_HOURS
    for module in MODULES:
        assert 4 <= len(module.activities) <= 6
        assert module.summary.count(".") == 1 and module.summary.endswith(".")
        assert 3 <= len(module.objectives) <= 5
        for activity in module.activities:
            assert activity.seconds % 900 == 0
    # The 100 hours are the sum of every activity, so every activity is required:
    # an optional one would make the course's required hours unreachable.
    assert all(a.required for m in MODULES for a in m.activities)
    assert MODULES[0].title == "El gobierno electrónico y la sociedad del conocimiento"


def test_modules_end_with_a_quiz_and_the_course_with_the_team_project():
    for position, module in enumerate(MODULES[:9], start=1):
        quiz = module.activities[-1]
        assert quiz.title == f"Cuestionario del módulo {position}"
        assert quiz.kind == ActivityKind.QUIZ and quiz.completion == CompletionRule.PASSED
        assert quiz.seconds == 1800
        assert quiz.quiz.category_path == (f"Módulo {position}",)
        assert quiz.quiz.questions_drawn == 5 and quiz.quiz.question_count >= 8
        assert quiz.quiz.attempts == 2 and quiz.quiz.pass_fraction == Decimal("0.6")
        assert quiz.quiz.time_limit_minutes == (20 if position == 5 else 0)
        assert [a.kind for a in module.activities].count(ActivityKind.QUIZ) == 1
        assert sum(a.kind == ActivityKind.PAGE for a in module.activities) >= 2
    project = MODULES[9].activities[-1]
    assert project.title == "Proyecto final: estrategia de gobierno electrónico del municipio"
    assert project.kind == ActivityKind.ASSIGNMENT and project.completion == CompletionRule.GRADED
    spec = project.assignment
    assert spec.team and spec.accepts_text and spec.accepts_files
    assert spec.allow_resubmission and set(spec.extensions) == {"pdf", "docx", "odt"}
    assert RUN.starts_on < PROJECT_DUE_AT.date() <= RUN.ends_on
    assert (PROJECT_CUTOFF_AT - PROJECT_DUE_AT).days == 14
    graded = [a for m in MODULES for a in m.activities if a.quiz or a.assignment]
    assert len(graded) == 10


def test_rubric_has_four_criteria_of_four_levels_worth_100_points():
    rubric = MODULES[9].activities[-1].assignment.rubric
    assert len(rubric.criteria) == 4
    for _description, levels in rubric.criteria:
        assert len(levels) == 4
        points = [level_points for _level, level_points in levels]
        assert points == sorted(points) and points[0] == 0
    assert rubric.max_points == 100
    assert [description.split(":")[0] for description, _levels in rubric.criteria] == [
        "Diagnóstico",
        "Objetivos y metas",
        "Plan de acción y cronograma",
        "Participación ciudadana y sostenibilidad",
    ]
    chosen = zip(rubric.criteria, PROJECT_GRADE.levels, strict=True)
    assert 60 <= sum(levels[level][1] for (_d, levels), level in chosen) < 100


def test_question_bank_is_gift_one_category_per_module():
    kinds = Counter()
    quizzes = [a.quiz for m in MODULES for a in m.activities if a.quiz]
    for module, quiz in enumerate(quizzes, start=1):
        bank = parse_question_file(quiz.questions_data, "quiz.gift")
        assert bank.format == "gift" and not bank.unsupported and not bank.dropped_files
        assert 8 <= len(bank.questions) <= 9
        assert {q.category_path for q in bank.questions} == {(f"Módulo {module}",)}
        assert len({q.name for q in bank.questions}) == len(bank.questions)
        for question in bank.questions:
            assert question.general_feedback, question.name
            assert question.name.startswith(f"M{module}-")
        kinds.update(q.kind for q in bank.questions)
        kinds.update(
            "partial credit"
            for q in bank.questions
            if q.kind == QuestionKind.MULTIPLE_CHOICE and not q.settings["single"]
        )
    assert sum(kinds[kind] for kind in QuestionKind) == QUESTIONS
    assert kinds[QuestionKind.MULTIPLE_CHOICE] > sum(kinds.values()) / 3, "mostly multiple choice"
    assert kinds["partial credit"] >= 5
    assert kinds[QuestionKind.TRUE_FALSE] >= 5 and kinds[QuestionKind.SHORT_ANSWER] >= 5
    assert kinds[QuestionKind.NUMERICAL] >= 2 and kinds[QuestionKind.MATCHING] == 1
    assert kinds[QuestionKind.ESSAY] == kinds[QuestionKind.DESCRIPTION] == 0


def _quiz_sessions(plans):
    """(plan, module, finished) for each session of a plan on a quiz."""
    for plan in plans:
        for session in plan.sessions:
            activity = MODULES[session.module - 1].activities[session.activity - 1]
            if activity.quiz:
                yield plan, session.module, session.finish


def test_quiz_results_mostly_pass_and_far_along_officials_always_do():
    results = Counter()
    for plan, module, finished in _quiz_sessions(study_plans()):
        attempts = quiz_attempts(plan.email, module, far_along=plan.passes_every_quiz)
        assert attempts == quiz_attempts(plan.email, module, far_along=plan.passes_every_quiz)
        assert 1 <= len(attempts) <= 2 and all(len(a.right) == 5 for a in attempts)
        assert all(not a.passed for a in attempts[:-1]), "no attempt after passing"
        assert all(5 <= a.minutes < 20 for a in attempts), "within module 5's time limit"
        if plan.far_along:
            assert attempts[-1].passed
        if finished:
            results[attempts[-1].passed] += 1
            results["failed a first attempt"] += not attempts[0].passed
    assert results[True] > 4 * results[False] > 0, "most pass, some fail"
    assert results["failed a first attempt"] >= 3


def test_project_teams_are_the_far_along_officials_municipalities():
    teams = dict(project_teams())
    assert list(teams.values()) == [GRADED, SUBMITTED, NOT_SUBMITTED]
    demo = next(p for p in officials() if p.email == DEMO_LOGINS["funcionaria/o"])
    assert next(iter(teams)) == demo.municipality_code
    far_along = {p.email for p in study_plans() if p.far_along}
    for code in teams:
        assert far_along & {person.email for person in team(code)}
        assert team(code)[0].is_coordinator and len(team(code)) == 10


def test_pages_are_real_text():
    pages = [a.data.decode() for m in MODULES for a in m.activities if a.kind == "page"]
    assert len(pages) >= 30
    for page in pages:
        assert 250 <= len(WORD.findall(page)) <= 800
        assert "lorem" not in page.lower()
        assert re.search(r"^### (Para reflexionar|Preguntas para el análisis)$", page, re.M)
        assert not page.startswith("# "), "pages start at level 2: the title is the heading"
    files = [a for m in MODULES for a in m.activities if a.kind == "file"]
    assert {f.path.rsplit(".", 1)[1] for f in files} == {"txt", "csv"}
    assert all(f.data.decode("utf-8-sig").strip() and f.description for f in files)


def test_municipalities_are_real_divipola_codes():
    assert (len(SELECTED), len(RESERVES)) == (50, 25)
    codes = [m.code for m in (*SELECTED, *RESERVES)]
    assert len(set(codes)) == 75
    assert {m.name for m in (*SELECTED, *RESERVES)} >= {"Ráquira", "Jardín", "Zipaquirá"}
    for municipality in (*SELECTED, *RESERVES):
        assert re.fullmatch(r"\d{5}", municipality.code)
        assert DEPARTMENT_CODES[municipality.code[:2]] == municipality.department
        assert municipality.population > 0 and municipality.area_km2 > 0


def test_officials_have_unique_realistic_names_and_ascii_emails():
    people = officials()
    assert len(people) == 500
    assert len({p.full_name for p in people}) == 500
    assert len({p.email for p in people}) == 500
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9-]+\.gov\.co", p.email) for p in people)
    assert sum(p.is_coordinator for p in people) == 50
    assert any("ñ" in p.full_name for p in people)
    assert any(re.search("[áéíóúÁÉÍÓÚ]", p.full_name) for p in people)
    genders = Counter(p.gender for p in people)
    assert genders["female"] > 150 and genders["male"] > 150 and 10 < genders[""] < 100
    assert officials() == people  # deterministic


def test_study_plans_spread_progress_over_the_run():
    plans = study_plans()
    assert 0.5 * 500 <= len(plans) <= 0.7 * 500
    far_along = [plan for plan in plans if plan.far_along]
    assert 3 <= len(far_along) <= 5
    graduates = [plan for plan in plans if plan.graduate]
    demo_code = officials()[DEMO_OFFICIAL_INDEX].municipality_code
    demo_team = {person.email for person in team(demo_code)}
    assert len(graduates) == GRADUATES and {plan.email for plan in graduates} <= demo_team
    for plan in graduates:
        assert {(s.module, s.activity) for s in plan.sessions} == {k[:2] for k in activity_keys()}
        planned = sum(s.heartbeats for s in plan.sessions) * HEARTBEAT_SECONDS
        assert planned >= 0.5 * 360_000, "the rule asks for half the hours measured"
    assert DEMO_LOGINS["funcionaria/o"] in {plan.email for plan in far_along}
    assert all(plan.finished <= 6 for plan in plans if not plan.passes_every_quiz)
    assert 50 <= sum(plan.finished == 0 for plan in plans) <= 150
    months = set()
    for plan in plans:
        starts = [session.starts_at for session in plan.sessions]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert RUN.starts_on <= starts[0].date() and starts[-1].date() <= LAST_STUDY_DAY
        months |= {start.month for start in starts}
    assert months == set(range(3, 12)), "March to November"
    assert study_plans() == plans  # deterministic


LATER = dates.DEMO_WRITTEN_FOR + datetime.timedelta(days=200)  # 13 June 2027
DAYS_200 = datetime.timedelta(days=200)


def test_the_calendar_moves_to_the_day_of_the_first_seed(monkeypatch):
    """Seeded 200 days after the day the data is written for, every date is 200 days
    later: the run under way, the quizzes open, the project due; the past still past."""
    monkeypatch.setattr(dates, "today", lambda: LATER)
    shift = dates.seed_shift()
    assert shift == dates.Shift(200)
    # Once the programme is stored, its start fixes the shift, whatever the day.
    assert dates.seed_shift(PROGRAMME.starts_on + datetime.timedelta(days=3)) == dates.Shift(3)
    assert dates.Shift(0)(PROJECT_GRADE) is PROJECT_GRADE
    now = datetime.datetime.combine(LATER, datetime.time(12), tzinfo=dates.TIME_ZONE)

    programme, run = shift(PROGRAMME), shift(RUN)
    assert (programme.name, run.title) == (PROGRAMME.name, RUN.title), "natural keys stay"
    assert programme.starts_on == PROGRAMME.starts_on + DAYS_200
    assert programme.ends_on == PROGRAMME.ends_on + DAYS_200
    assert (run.starts_on, run.ends_on) == (RUN.starts_on + DAYS_200, RUN.ends_on + DAYS_200)
    assert programme.starts_on < run.starts_on < LATER < run.ends_on < programme.ends_on

    assert shift(QUIZ_CLOSES_AT) == QUIZ_CLOSES_AT + DAYS_200 > now
    assert shift(QUIZ_CLOSES_AT).timetz() == QUIZ_CLOSES_AT.timetz()
    assert now < shift(PROJECT_DUE_AT) == PROJECT_DUE_AT + DAYS_200
    assert shift(PROJECT_CUTOFF_AT) == PROJECT_CUTOFF_AT + DAYS_200

    for plan in study_plans():
        moved = shift(plan)
        assert [s.starts_at for s in moved.sessions] == [
            s.starts_at + DAYS_200 for s in plan.sessions
        ]
        assert all(run.starts_on <= s.starts_at.date() < LATER for s in moved.sessions)
    demo = next(m for m in SELECTED if m.code == project_teams()[0][0])
    versions = shift(project_versions(demo, GRADED))
    grade = shift(PROJECT_GRADE)
    assert [v.at for v in versions] == [v.at + DAYS_200 for v in project_versions(demo, GRADED)]
    assert versions[-1].at < grade.graded_at < grade.released_at < now
    assert grade.released_at == PROJECT_GRADE.released_at + DAYS_200


# --- One seeded database, checked in one test --------------------------------------

# One of the three graduates only: each studies 52 hours, a heartbeat a minute.
SAMPLE = tuple(
    p
    for i, p in enumerate(study_plans())
    if ((p.far_along or i % 5 == 0) and not p.graduate)
    or p is next(g for g in study_plans() if g.graduate)
)


def _seed(today: datetime.date = dates.DEMO_WRITTEN_FOR) -> str:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "today", lambda: today)
        patch.setattr(seed_demo, "study_plans", lambda: SAMPLE)
        call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def test_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    users = User.objects.count()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == users


def _check_summary_names_the_demo_logins(seeded):
    assert seeded.startswith(
        "Datos de demostración listos: 75 municipios (50 seleccionados, 25 reservas), "
        "500 funcionarios, curso GEM-100 de 100 h."
    )
    assert (
        "Evaluación: 9 cuestionarios (banco de 73 preguntas), "
        "1 proyecto final por equipo con rúbrica." in seeded
    )
    assert "Proyectos finales: 2 entregados, 1 calificado(s) y publicado(s)." in seeded
    assert f"contraseña para todas: {DEMO_PASSWORD}" in seeded
    for email in DEMO_LOGINS.values():
        assert email in seeded


def _check_programme_municipalities_and_teams(programme):
    assert programme.country == "CO" and programme.languages == ["es"]
    assert programme.grade_scale == "ten" and programme.time_zone == "America/Bogota"
    municipalities = Municipality.objects.filter(programme=programme)
    assert municipalities.count() == 75
    assert municipalities.filter(status="selected").count() == 50
    assert municipalities.filter(status="reserve").count() == 25
    assert municipalities.get(code="05615").name == "Rionegro"
    assert municipalities.get(code="05615").region == "Antioquia"
    assert municipalities.get(code="15600").area_km2 == Decimal("233.00")

    current = Membership.objects.current().filter(programme=programme)
    assert current.filter(role=Role.OFFICIAL).count() == 500
    assert current.filter(role=Role.COORDINATOR).count() == 50
    assert current.filter(role=Role.MANAGER).count() == 2
    assert current.filter(role=Role.TUTOR).count() == 4
    per_team = Counter(
        current.filter(role=Role.OFFICIAL).values_list("municipality__status", flat=True)
    )
    assert per_team == {"selected": 500}, "reserves have no people"
    coordinators = set(current.filter(role=Role.COORDINATOR).values_list("user_id", flat=True))
    officials_ = set(current.filter(role=Role.OFFICIAL).values_list("user_id", flat=True))
    assert coordinators <= officials_

    admin = User.objects.get(email=ADMIN.email)
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()


def _check_course_outline_in_the_database():
    course = Course.objects.get(code="GEM-100")
    assert course.required_seconds == 360_000 and course.language == "es"
    assert Module.objects.filter(course=course).count() == 10
    activities = Activity.objects.filter(module__course=course)
    assert activities.aggregate(total=Sum("nominal_seconds"))["total"] == 360_000
    per_module = activities.values("module__position").annotate(total=Sum("nominal_seconds"))
    assert {row["module__position"]: row["total"] / 3600 for row in per_module} == MODULE_HOURS
    assert not activities.filter(required=False).exists()
    assert not activities.filter(kind=ActivityKind.VIDEO).exists()
    assert activities.filter(kind=ActivityKind.QUIZ, completion_rule="passed").count() == 9
    assert activities.filter(kind=ActivityKind.ASSIGNMENT, completion_rule="graded").count() == 1
    pages = Page.objects.filter(activity__module__course=course)
    assert pages.count() == activities.filter(kind=ActivityKind.PAGE).count() >= 30
    for page in pages:
        assert page.html.strip() and "lorem" not in page.html.lower()
        assert "<script" not in page.html
    assert pages.filter(html__contains="<table>").exists()
    for resource in FileResource.objects.filter(activity__module__course=course):
        assert resource.size_bytes == resource.file.size > 0
        assert resource.content_type in ("text/plain", "text/csv")

    run = CourseRun.objects.get(course=course, title=RUN.title)
    assert run.tutors.count() == 4
    targets = list(ModuleTarget.objects.filter(course_run=run).order_by("module__position"))
    assert len(targets) == 10
    dates = [target.target_on for target in targets]
    assert dates == sorted(dates) and dates[-1] == run.ends_on and dates[0] > run.starts_on


def _check_quizzes_draw_from_the_imported_bank():
    course = Course.objects.get(code="GEM-100")
    categories = QuestionCategory.objects.filter(course=course)
    assert sorted(categories.values_list("name", flat=True)) == [
        f"Módulo {n}" for n in range(1, 10)
    ]
    assert sum(category.questions.count() for category in categories) == QUESTIONS
    quizzes = Quiz.objects.filter(activity__module__course=course).select_related(
        "activity__module"
    )
    assert quizzes.count() == 9
    for quiz in quizzes:
        position = quiz.activity.module.position
        assert quiz.activity.position == quiz.activity.module.activities.count()
        slots = list(quiz.slots.all())
        assert len(slots) == 5 and all(slot.question_id is None for slot in slots)
        assert {slot.random_category.name for slot in slots} == {f"Módulo {position}"}
        assert quiz.attempts_allowed == 2 and quiz.pass_fraction == Decimal("0.6")
        assert quiz.time_limit_seconds == (1200 if position == 5 else None)
        assert quiz.grading_method == "highest" and quiz.shuffle_answers
        assert quiz.review_marks and quiz.review_feedback and quiz.review_after_close
        assert not quiz.review_correct_answers and quiz.closes_at.date() >= RUN.ends_on
        assert "Cinco preguntas" in quiz.intro and "<script" not in quiz.intro
        assert "2026" not in quiz.intro, "a package has no dates"
    items = GradeItem.objects.filter(activity__module__course=course).select_related("category")
    assert Counter((i.activity.kind, i.category.name, i.category.weight) for i in items) == {
        ("quiz", "Cuestionarios de los módulos", 40): 9,
        ("assignment", "Proyecto final", 60): 1,
    }


def _check_final_project_is_a_team_assignment_with_its_rubric():
    assignment = Assignment.objects.select_related("rubric").get(
        activity__module__course__code="GEM-100"
    )
    assert assignment.activity.module.position == 10
    assert assignment.team_submission and assignment.allow_resubmission
    assert assignment.accepts_text and assignment.accepts_files
    assert assignment.allowed_extensions == ["docx", "odt", "pdf"]
    assert assignment.due_at == PROJECT_DUE_AT and assignment.cutoff_at == PROJECT_CUTOFF_AT
    assert "<script" not in assignment.instructions and "rúbrica" in assignment.instructions
    assert rubric_max_points(assignment.rubric) == assignment.max_points == 100
    criteria = assignment.rubric.criteria.order_by("position")
    assert [c.levels.count() for c in criteria] == [4, 4, 4, 4]


def _check_quiz_attempts_follow_the_plans():
    """Each plan's attempts were made and graded as planned; passing completes the quiz."""
    attempts = Attempt.objects.select_related("quiz__activity__module", "enrolment__user")
    made = {}
    for attempt in attempts.order_by("number"):
        key = (attempt.enrolment.user.email, attempt.quiz.activity.module.position)
        made.setdefault(key, []).append(attempt)
    expected = {}
    for plan, module, finished in _quiz_sessions(SAMPLE):
        planned = quiz_attempts(plan.email, module, far_along=plan.passes_every_quiz)
        expected[(plan.email, module)] = (finished, planned)
    assert set(made) == set(expected)
    for key, (finished, planned) in expected.items():
        rows = made[key]
        if not finished:
            assert [row.state for row in rows] == ["in_progress"]
            assert rows[0].answers.filter(response__isnull=False).count() == STARTED_ANSWERS
            continue
        assert [row.state for row in rows] == ["finished"] * len(planned), key
        assert [row.fraction for row in rows] == [a.fraction for a in planned], key
        completed = ActivityProgress.objects.filter(
            enrolment=rows[0].enrolment, activity=rows[0].quiz.activity, completed_at__isnull=False
        ).first()
        assert bool(completed) == planned[-1].passed, key
        if completed:
            assert rows[0].started_at < completed.completed_at == rows[-1].submitted_at
        grade = Grade.objects.get(enrolment=rows[0].enrolment, item__activity=rows[0].quiz.activity)
        assert grade.final_fraction == max(a.fraction for a in planned) and grade.is_released
        # The grade's history is in the simulated time: changed and released as the
        # best attempt (so far) was submitted.
        submitted = {row.submitted_at for row in rows}
        assert set(grade.changes.values_list("changed_at", flat=True)) <= submitted, key
    # Timestamps follow the study plan, not the clock.
    assert not attempts.filter(started_at__date__gt=LAST_STUDY_DAY).exists()


def _check_team_projects_one_graded_one_waiting_one_not_yet():
    run = CourseRun.objects.get(title=RUN.title)
    assignment = Assignment.objects.get(activity__module__course__code="GEM-100")
    graded, submitted, not_yet = (
        Municipality.objects.get(code=code) for code, _stage in project_teams()
    )
    versions = Submission.objects.filter(assignment=assignment).order_by("version")
    assert [s.version for s in versions.filter(municipality=graded)] == [1, 2]
    assert [s.version for s in versions.filter(municipality=submitted)] == [1]
    assert not versions.filter(municipality=not_yet).exists()
    assert not versions.filter(is_late=True).exists()
    assert {s.submitted_by.email for s in versions} == {
        team(graded.code)[0].email,
        team(submitted.code)[0].email,
    }, "the coordinators submit"

    grade = AssignmentGrade.objects.get(assignment=assignment)
    assert grade.municipality == graded and grade.is_released
    assert grade.points == 87
    assert grade.submission == versions.filter(municipality=graded).last()
    assert grade.graded_by.email == DEMO_LOGINS["tutor/a"]

    # The tutor's queue: the waiting team to grade, the graded one released.
    rows = list(grading_queue(run, QueueFilters(status=ALL)))
    assert {(row["q_municipality_id"], row["q_status"]) for row in rows} == {
        (submitted.pk, "to_grade"),
        (graded.pk, "released"),
    }

    # The demo official (in the graded team) sees the grade and the feedback, as
    # does every current member of the team; the project counts its 3 hours.
    demo = Enrolment.objects.get(user__email=DEMO_LOGINS["funcionaria/o"])
    assert demo.municipality == graded
    project = next(
        item
        for category in learner_grades(demo).categories
        for item in category.items
        if item.item.activity_id == assignment.activity_id
    )
    assert project.on_scale == Decimal("8.7") and project.feedback == PROJECT_GRADE.feedback
    members = Enrolment.objects.filter(municipality=graded)
    assert members.count() == 10
    for member in members:
        entry = LedgerEntry.objects.get(enrolment=member, activity=assignment.activity)
        assert entry.seconds == 3 * 3600 and entry.created_at == PROJECT_GRADE.released_at
    assert not LedgerEntry.objects.filter(
        activity=assignment.activity, enrolment__municipality__in=[submitted, not_yet]
    ).exists()
    # Each member's grade history shows the simulated release, not the day of the seed.
    changes = GradeChange.objects.filter(grade__item__activity=assignment.activity)
    assert changes.count() == 2 * members.count()  # graded ("assignment"), then released
    assert set(changes.values_list("changed_at", flat=True)) == {PROJECT_GRADE.released_at}


def _check_every_selected_team_is_enrolled():
    run = CourseRun.objects.get(title=RUN.title)
    enrolments = Enrolment.objects.filter(course_run=run)
    assert enrolments.count() == 500
    assert enrolments.values("municipality").distinct().count() == 50
    assert not enrolments.filter(municipality__status="reserve").exists()


def _check_ledger_and_study_time_add_up_for_every_enrolment():
    def sums(model, field):
        rows = model.objects.values("enrolment_id").annotate(total=Sum(field)).order_by()
        return {row["enrolment_id"]: row["total"] for row in rows}

    ledger = sums(LedgerEntry, "seconds")
    daily = sums(DailyStudyTime, "seconds")
    progress = sums(ActivityProgress, "active_seconds")
    for enrolment in Enrolment.objects.all():
        assert enrolment.credited_seconds == ledger.get(enrolment.pk, 0), enrolment
        assert enrolment.active_seconds == daily.get(enrolment.pk, 0), enrolment
        assert enrolment.active_seconds == progress.get(enrolment.pk, 0), enrolment
    completed = ActivityProgress.objects.filter(completed_at__isnull=False)
    assert completed.count() == LedgerEntry.objects.filter(kind="completion").count()
    for progress_row in completed.filter(
        activity__completion_rule__in=[CompletionRule.VIEWED, CompletionRule.MARKED_DONE]
    ).select_related("activity", "enrolment__course_run__course"):
        course = progress_row.enrolment.course_run.course
        minimum = rules.min_active_seconds(progress_row.activity, course)
        assert progress_row.active_seconds >= minimum, "no click-through"


def _check_some_officials_have_progress_and_some_do_not(seeded):
    enrolments = Enrolment.objects.all()
    assert f"Estudio simulado para {len(SAMPLE)} funcionarios." in seeded
    assert enrolments.filter(active_seconds__gt=0).count() == len(SAMPLE)
    # Credited: whoever finished an activity, and the team whose project is graded.
    graded_team = {person.email for person in team(project_teams()[0][0])}
    assert (
        set(enrolments.filter(credited_seconds__gt=0).values_list("user__email", flat=True))
        == {plan.email for plan in SAMPLE if plan.finished > 0} | graded_team
    )
    assert enrolments.filter(active_seconds=0).count() == 500 - len(SAMPLE)
    assert set(enrolments.filter(active_seconds__gt=0).values_list("user__email", flat=True)) == {
        plan.email for plan in SAMPLE
    }

    # The far-along officials finished modules 1-8; their study spreads over months.
    required_1_to_8 = set(
        Activity.objects.filter(module__position__lte=8, required=True).values_list("pk", flat=True)
    )
    assert Activity.objects.filter(pk__in=required_1_to_8, kind=ActivityKind.QUIZ).count() == 8
    for plan in [p for p in SAMPLE if p.far_along]:
        enrolment = enrolments.get(user__email=plan.email)
        done = enrolment.progress.filter(completed_at__isnull=False)
        assert required_1_to_8 <= set(done.values_list("activity_id", flat=True))
        assert enrolment.credited_seconds >= 78 * 3600
        assert enrolment.study_days.values("day").distinct().count() >= 25
        assert enrolment.enrolled_at.date() <= min(d.day for d in enrolment.study_days.all())

    days = DailyStudyTime.objects.values_list("day", flat=True).distinct()
    assert len({day.month for day in days}) >= 5
    assert max(days) <= LAST_STUDY_DAY


def _check_demo_accounts_log_in_with_the_demo_password(client):
    for email in [*DEMO_LOGINS.values(), officials()[-1].email, *(p.email for p in STAFF)]:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
    assert not client.login(email=DEMO_LOGINS["tutor/a"], password="wrong")
    hashes = set(User.objects.values_list("password", flat=True))
    assert len(hashes) == 1, "one shared hash, computed once"


def _snapshot():
    counts = {
        model._meta.label: model.objects.count()
        for label in ("programs", "content", "courses", "assessments")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    rows = Enrolment.objects.order_by("pk").values_list(
        "pk", "credited_seconds", "active_seconds", "last_heartbeat_at", "status"
    )
    rows = [
        *rows,
        *Attempt.objects.order_by("pk").values_list("pk", "state", "fraction", "submitted_at"),
        *Grade.objects.order_by("pk").values_list("pk", "final_fraction", "released_at"),
        *Enrolment.objects.order_by("pk").values_list("pk", "enrolled_at"),
        # The calendar, fixed at the first seed.
        *Programme.objects.order_by("pk").values_list("pk", "starts_on", "ends_on"),
        *CourseRun.objects.order_by("pk").values_list("pk", "starts_on", "ends_on"),
        *ModuleTarget.objects.order_by("pk").values_list("pk", "target_on"),
        *Quiz.objects.order_by("pk").values_list("pk", "closes_at", "intro"),
        *Assignment.objects.order_by("pk").values_list("pk", "due_at", "cutoff_at", "instructions"),
    ]
    checksum = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    passwords = hashlib.sha256(
        repr(list(User.objects.order_by("pk").values_list("password"))).encode()
    ).hexdigest()
    return counts, checksum, passwords


def _check_second_run_changes_nothing():
    """A second run, even on a later day, changes nothing: the dates are fixed at the
    first seed."""
    before = _snapshot()
    output = _seed(today=LATER)
    assert _snapshot() == before
    assert "Estudio simulado" not in output
    assert before[0]["programs.User"] == 507
    assert before[0]["assessments.Question"] == QUESTIONS
    assert before[0]["assessments.Submission"] == 3


@pytest.mark.django_db
def test_seeded_demo(client, tmp_path):
    """One seed (the slow part), then every check on it; rolled back afterwards."""
    output = _seed()
    _check_summary_names_the_demo_logins(output)
    _check_programme_municipalities_and_teams(Programme.objects.get(name=PROGRAMME.name))
    _check_course_outline_in_the_database()
    _check_quizzes_draw_from_the_imported_bank()
    _check_final_project_is_a_team_assignment_with_its_rubric()
    _check_every_selected_team_is_enrolled()
    _check_ledger_and_study_time_add_up_for_every_enrolment()
    _check_some_officials_have_progress_and_some_do_not(output)
    _check_quiz_attempts_follow_the_plans()
    _check_team_projects_one_graded_one_waiting_one_not_yet()
    _check_the_graduate_is_certified_and_the_pdf_verifies(output, tmp_path)
    _check_demo_accounts_log_in_with_the_demo_password(client)
    _check_second_run_changes_nothing()


def _check_the_graduate_is_certified_and_the_pdf_verifies(output, tmp_path):
    graduate = next(plan for plan in SAMPLE if plan.graduate)
    certificate = Certificate.objects.get(enrolment__user__email=graduate.email)
    assert certificate.status == "valid" and certificate.hours == 100
    assert "Certificados válidos: 1 (" in output and certificate.short_code in output
    assert SigningKey.objects.count() == 1
    enrolment = certificate.enrolment
    assert enrolment.active_seconds >= 180_000 and enrolment.credited_seconds == 360_000
    path = tmp_path / "certificate.pdf"
    path.write_bytes(certificate.pdf.read())
    out = io.StringIO()
    call_command("verify_certificate", str(path), stdout=out)  # exits non-zero unless valid
    assert "Status: VALID" in out.getvalue() and certificate.name_printed in out.getvalue()


# --- A small seed on a later day -----------------------------------------------------


@pytest.mark.django_db
def test_seeded_200_days_later_the_demo_is_under_way():
    """Seeded 200 days after the day the data is written for, the database holds the
    moved calendar: the run under way, every quiz open and an attempt still in
    progress, the project due soon, and the study, the submissions and the grading
    (its history too) in the past. A small seed: the three project teams only, and
    one official who finished module 1 and started the quiz of module 2."""
    codes = [code for code, _stage in project_teams()]
    demo = next(plan for plan in study_plans() if plan.email == DEMO_LOGINS["funcionaria/o"])
    module_1 = [session for session in demo.sessions if session.module == 1]
    quiz_2 = dataclasses.replace(
        module_1[-1],
        module=2,
        activity=len(MODULES[1].activities),
        starts_at=module_1[-1].starts_at + datetime.timedelta(days=3),
        heartbeats=2,
        finish=False,
    )
    plan = StudyPlan(demo.email, (*module_1, quiz_2), far_along=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "today", lambda: LATER)
        patch.setattr(seed_demo, "SELECTED", tuple(m for m in SELECTED if m.code in codes))
        patch.setattr(seed_demo, "RESERVES", ())
        people = tuple(p for p in officials() if p.municipality_code in codes)
        patch.setattr(seed_demo, "officials", lambda: people)
        patch.setattr(seed_demo, "study_plans", lambda: (plan,))
        call_command("seed_demo", force=True, stdout=io.StringIO())
    now = datetime.datetime.combine(LATER, datetime.time(12), tzinfo=dates.TIME_ZONE)

    programme = Programme.objects.get(name=PROGRAMME.name)
    assert programme.starts_on == PROGRAMME.starts_on + DAYS_200
    assert programme.ends_on == PROGRAMME.ends_on + DAYS_200
    run = CourseRun.objects.get(title=RUN.title)
    assert (run.starts_on, run.ends_on) == (RUN.starts_on + DAYS_200, RUN.ends_on + DAYS_200)
    targets = ModuleTarget.objects.filter(course_run=run).order_by("module__position")
    targets = list(targets.values_list("target_on", flat=True))
    assert len(targets) == 10 and run.starts_on < targets[0] and targets[-1] == run.ends_on
    began = datetime.datetime.combine(run.starts_on, datetime.time(8), tzinfo=dates.TIME_ZONE)
    assert set(Enrolment.objects.values_list("enrolled_at", flat=True)) == {began}

    for quiz in Quiz.objects.all():
        assert quiz.closes_at == QUIZ_CLOSES_AT + DAYS_200
        assert start_refusal(quiz_rules(quiz, None), attempts_used=0, now=now) is None, "open"
    assignment = Assignment.objects.get()
    assert now < assignment.due_at == PROJECT_DUE_AT + DAYS_200
    assert assignment.cutoff_at == PROJECT_CUTOFF_AT + DAYS_200

    study_days = set(DailyStudyTime.objects.values_list("day", flat=True))
    assert min(study_days) == module_1[0].starts_at.date() + DAYS_200
    assert max(study_days) == quiz_2.starts_at.date() + DAYS_200 < LATER
    attempts = Attempt.objects.all()
    assert attempts.filter(quiz__activity__module__position=1, state="finished").exists()
    started = attempts.get(state="in_progress")
    assert started.quiz.activity.module.position == 2 and not attempt_is_overdue(started, now)
    assert all(run.starts_on <= a.started_at.date() < LATER for a in attempts)

    graded = Municipality.objects.get(code=codes[0])
    submitted = Submission.objects.filter(municipality=graded).order_by("version")
    moved = [version.at + DAYS_200 for version in project_versions(SELECTED[0], GRADED)]
    assert list(submitted.values_list("submitted_at", flat=True)) == moved
    assert not Submission.objects.filter(is_late=True).exists()
    grade = AssignmentGrade.objects.get()
    assert grade.graded_at == PROJECT_GRADE.graded_at + DAYS_200
    assert grade.released_at == PROJECT_GRADE.released_at + DAYS_200
    project_changes = GradeChange.objects.filter(grade__item__activity=assignment.activity)
    assert set(project_changes.values_list("changed_at", flat=True)) == {grade.released_at}
    for moment in (
        *GradeChange.objects.values_list("changed_at", flat=True),
        *LedgerEntry.objects.values_list("created_at", flat=True),
        *ActivityProgress.objects.exclude(completed_at=None).values_list("completed_at", flat=True),
    ):
        assert run.starts_on <= moment.astimezone(dates.TIME_ZONE).date() < LATER

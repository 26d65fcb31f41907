"""What the journey tests (tests/browser/test_journeys.py) share: screenshots of
every step, the programme's spreadsheet, logging in, answering a quiz right in
the browser, and the weeks of study that the tests simulate through the real
services instead of waiting for them.

The spreadsheet is the demo's programme (`lms.demo`): 50 selected Colombian
municipalities with their teams of ten officials, and 25 reserves.
"""

import contextlib
import csv
import datetime
import html
import io
import os
import re
import threading
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.utils.html import strip_tags
from playwright.sync_api import Page, expect

from assessments.models import Answer, AttemptAnswer, GradeItem, Question, QuestionKind, Quiz
from assessments.questions import matching
from assessments.services import gradebook
from assessments.services import quizzes as quiz_services
from courses import rules
from courses import services as course_services
from courses.models import Activity, ActivityKind, CompletionRule, Course, CourseRun, Enrolment
from lms.demo.municipalities import RESERVES, SELECTED
from lms.demo.people import officials
from programs.importing import COLUMNS
from programs.models import Gender, Role, User

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = Path(os.environ.get("JOURNEY_SCREENSHOTS_DIR", ROOT / "artifacts" / "journeys"))

# --- The test server ----------------------------------------------------------------


class OneRequestAtATime:
    """A WSGI application wrapper: the server handles one request at a time, and the test
    takes the same lock (`JourneyServer.quiet`) while it reads or writes the database.

    The test database on SQLite lives in memory, and the server's threads and the test
    share its one connection: two requests at once (a page's heartbeat beside a click),
    or a request beside the test's own queries, fail with "database table is locked".
    On PostgreSQL the lock costs nothing that matters: people click one at a time.
    """

    def __init__(self, application, lock: threading.Lock):
        self.application = application
        self.lock = lock

    def __call__(self, environ, start_response):
        with self.lock:
            return self.application(environ, start_response)

    def __getattr__(self, name):  # StaticFilesHandler's own attributes
        return getattr(self.application, name)


class JourneyServer:
    def __init__(self, url: str, lock: threading.Lock):
        self.url = url
        self.lock = lock

    @contextlib.contextmanager
    def quiet(self):
        """While the test itself uses the database: the server waits."""
        if not self.lock.acquire(timeout=120):
            raise TimeoutError("the test server kept handling a request for two minutes")
        try:
            yield
        finally:
            self.lock.release()


@contextlib.contextmanager
def journey_server_running():
    """A live server like pytest-django's `live_server`, one request at a time."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    lock = threading.Lock()
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = LiveServerThread(
        "localhost",
        static_handler=lambda application: OneRequestAtATime(StaticFilesHandler(application), lock),
        connections_override=shared,
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield JourneyServer(f"http://localhost:{thread.port}", lock)
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


# --- Screenshots ---------------------------------------------------------------------


class Screenshots:
    """A full-page PNG of each step: <JOURNEY_SCREENSHOTS_DIR>/<test>/<NN>-<step>.png,
    and `steps.txt` beside them: when each step was reached since the test began,
    to see where a slow run spent its time (nothing asserts on it)."""

    def __init__(self, test_name: str):
        self.folder = SCREENSHOTS_DIR / re.sub(r"[^\w.-]+", "-", test_name).strip("-")
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.log = self.folder / "steps.txt"
        self.log.write_text("", encoding="utf-8")
        self.started = time.monotonic()
        self.number = 0

    def __call__(self, page: Page, step: str) -> Path:
        self.number += 1
        name = f"{self.number:02d}-{step}"
        path = self.folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"{time.monotonic() - self.started:7.1f} s  {name}\n")
        return path


# --- People in the browser ------------------------------------------------------------


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    """The login form, as a person fills it (the first page of each person is its URL)."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("button", name=re.compile(r"^Salir \("))).to_be_visible()


# --- The programme's spreadsheet -------------------------------------------------------

SPREADSHEET_GENDER = {
    Gender.FEMALE: "femenino",
    Gender.MALE: "masculino",
    Gender.OTHER: "otro",
    Gender.UNDECLARED: "",
}


def programme_rows() -> list[dict]:
    """One row per official of the 50 selected municipalities (the first of each team
    also coordinates it), then one row per reserve, without a team yet."""
    municipality_of = {m.code: m for m in SELECTED}
    rows = []
    for person in officials():
        municipality = municipality_of[person.municipality_code]
        rows.append(
            {
                "codigo_municipio": municipality.code,
                "municipio": municipality.name,
                "region": municipality.department,
                "estado": "seleccionado",
                "poblacion": municipality.population,
                "superficie_km2": municipality.area_km2,
                "correo": person.email,
                "nombre_completo": person.full_name,
                "rol": "funcionario y coordinador"
                if person.role == Role.COORDINATOR
                else "funcionario",
                "genero": SPREADSHEET_GENDER[person.gender],
                "idioma": "es",
            }
        )
    for municipality in RESERVES:
        rows.append(
            {
                "codigo_municipio": municipality.code,
                "municipio": municipality.name,
                "region": municipality.department,
                "estado": "reserva",
                "poblacion": municipality.population,
                "superficie_km2": municipality.area_km2,
            }
        )
    return rows


def _spanish_number(value) -> str:
    """12.345 and 1.234,56, as a spreadsheet in a Spanish locale writes them in CSV."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        whole, _point, decimals = f"{value:,.2f}".partition(".")
        return whole.replace(",", ".") + "," + decimals
    return "" if value is None else str(value)


def programme_csv() -> bytes:
    """The spreadsheet as Excel saves CSV in a Spanish locale: `;`, UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in programme_rows():
        writer.writerow([_spanish_number(row.get(column)) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def programme_xlsx() -> bytes:
    """The same spreadsheet as an XLSX workbook (numbers as numbers, codes as text)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Municipios"
    sheet.append(list(COLUMNS))
    for row in programme_rows():
        values = []
        for column in COLUMNS:
            value = row.get(column)
            values.append(float(value) if isinstance(value, Decimal) else value)
        sheet.append(values)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Quizzes: the right answers --------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(html.unescape(strip_tags(text)).split())


def _answers_by_question(question_ids) -> dict[int, list[Answer]]:
    answers = defaultdict(list)
    for answer in Answer.objects.filter(question_id__in=question_ids).order_by("position"):
        answers[answer.question_id].append(answer)
    return answers


def _chosen_right(question: Question, answers: list[Answer]) -> list[Answer]:
    """The answers a person who studied chooses: the best one, or every right one."""
    if question.kind == QuestionKind.TRUE_FALSE or question.settings.get("single", True):
        return [max(answers, key=lambda answer: answer.fraction)]
    return [answer for answer in answers if answer.fraction > 0]


def right_response(question: Question, answers: list[Answer]) -> dict:
    """A right answer as the attempt stores it (for attempts made through the services)."""
    if question.kind in (QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE_CHOICE):
        chosen = [answer.pk for answer in _chosen_right(question, answers)]
        if question.kind == QuestionKind.TRUE_FALSE or question.settings.get("single", True):
            return {"answer": chosen[0]}
        return {"answers": chosen}
    if question.kind in (QuestionKind.SHORT_ANSWER, QuestionKind.NUMERICAL):
        return {"text": max(answers, key=lambda answer: answer.fraction).text}
    if question.kind == QuestionKind.MATCHING:
        choice_of = {text: pk for pk, text in matching.choices(answers).items()}
        return {
            "matches": {
                str(item.pk): choice_of[item.match_text.strip()] for item in matching.items(answers)
            }
        }
    raise ValueError(f"no right answer known for {question.kind} questions")


def _compact(text: str) -> str:
    """A question's text without markup or spaces: the same from the database and the page."""
    return re.sub(r"\s+", "", html.unescape(strip_tags(text)))


def answer_key(course: Course) -> dict[str, tuple[Question, list[Answer]]]:
    """What someone who studied the course knows: every question of its bank, found by
    its text as the page shows it, with its answers. Read before the quiz starts, so
    that nothing reads the database while the page saves the answers."""
    questions = list(Question.objects.filter(category__course=course))
    answers = _answers_by_question([question.pk for question in questions])
    return {_compact(q.text): (q, answers[q.pk]) for q in questions}


def answer_right_in_the_browser(page: Page, key: dict[str, tuple[Question, list[Answer]]]) -> int:
    """Answer every question on the attempt's page, right, by the labels a person reads,
    waiting for each answer to be saved. Returns how many questions were answered."""
    fieldsets = page.locator("fieldset.question")
    expect(fieldsets.first).to_be_visible()
    count = fieldsets.count()
    for index in range(count):
        fieldset = fieldsets.nth(index)
        position = fieldset.get_attribute("data-position")
        question, options = key[_compact(fieldset.locator(f"#q{position}-text").inner_text())]
        if question.kind == QuestionKind.TRUE_FALSE:
            word = _plain(_chosen_right(question, options)[0].text).casefold()
            label = "Verdadero" if word in ("true", "verdadero") else "Falso"
            fieldset.get_by_label(label, exact=True).check()
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            for answer in _chosen_right(question, options):
                fieldset.get_by_label(_plain(answer.text), exact=True).check()
        elif question.kind in (QuestionKind.SHORT_ANSWER, QuestionKind.NUMERICAL):
            text = max(options, key=lambda answer: answer.fraction).text
            if question.kind == QuestionKind.NUMERICAL:
                text = text.replace(".", ",")  # as a Spanish keyboard writes it
            box = fieldset.get_by_label("Respuesta")
            box.fill(text)
            box.press("Tab")
        elif question.kind == QuestionKind.MATCHING:
            for item in matching.items(options):
                fieldset.get_by_label(_plain(item.text), exact=True).select_option(
                    label=_plain(item.match_text)
                )
        else:
            raise ValueError(f"no right answer known for {question.kind} questions")
        expect(fieldset.locator("[data-status]")).to_have_text(re.compile(r"\d{1,2}:\d{2}"))
    return count


def quiz_pass_through_services(*, user: User, run: CourseRun, quiz: Quiz, now) -> None:
    """One attempt, every answer right, through the quiz services (start, save, submit)."""
    attempt = quiz_services.attempt_start(user=user, quiz=quiz, course_run_id=run.pk, now=now)
    rows = list(
        AttemptAnswer.objects.filter(attempt=attempt)
        .select_related("question")
        .order_by("position")
    )
    answers = _answers_by_question([row.question_id for row in rows])
    quiz_services.attempt_answers_save(
        user=user,
        attempt_id=attempt.pk,
        responses={
            row.position: right_response(row.question, answers[row.question_id]) for row in rows
        },
        now=now + datetime.timedelta(minutes=5),
    )
    quiz_services.attempt_submit(
        user=user, attempt_id=attempt.pk, now=now + datetime.timedelta(minutes=6)
    )


# --- Weeks of study, through the real services -----------------------------------------

HEARTBEAT_GAP = datetime.timedelta(seconds=65)  # a little more than a heartbeat's minute


def study_through_services(
    *,
    user: User,
    run: CourseRun,
    activities: list[Activity],
    start: datetime.datetime,
    minutes_each: int,
) -> datetime.datetime:
    """Study each activity as the pages would report it, a one-minute heartbeat at a
    time (`courses.services.study_time_record`), then complete it as a person does:
    "mark as done", a quiz passed with every answer right; a "viewed" activity
    completes by itself. Assignments are left to the person. Returns the moment
    the last activity was completed.

    The first heartbeat may count nothing: the server credits no more than the
    time since the person's previous heartbeat, and a page the browser had open a
    moment ago is later than `start`.
    """
    now = start
    quizzes = {quiz.activity_id: quiz for quiz in Quiz.objects.filter(activity__in=activities)}
    course = run.course
    for activity in activities:
        if activity.kind == ActivityKind.ASSIGNMENT:
            continue
        ids = {"user": user, "course_run_id": run.pk, "activity_id": activity.pk}
        course_services.activity_view_record(**ids, now=now)
        beats = max(minutes_each, -(-rules.min_active_seconds(activity, course) // 60))
        for _beat in range(beats):
            now += HEARTBEAT_GAP
            course_services.study_time_record(**ids, seconds=rules.HEARTBEAT_MAX_SECONDS, now=now)
        if activity.kind == ActivityKind.QUIZ:
            quiz_pass_through_services(user=user, run=run, quiz=quizzes[activity.pk], now=now)
            now += datetime.timedelta(minutes=7)
        elif activity.completion_rule == CompletionRule.MARKED_DONE:
            now += datetime.timedelta(seconds=20)
            course_services.activity_mark_done(**ids, now=now)
    return now


def catch_up_through_services(
    *,
    user: User,
    run: CourseRun,
    activities: list[Activity],
    start: datetime.datetime,
    minutes: int,
) -> None:
    """The lighter way, for people in the background of a story whose pages the test never
    opens: `minutes` one-minute heartbeats of study on the first activity, then every
    activity but the assignments completed as its rule says, through
    `courses.services.activity_complete_by_result`, and every quiz passed with a full
    grade through the gradebook's `grade_record` (what a submitted attempt records)."""
    enrolment = Enrolment.objects.get(user=user, course_run=run)
    ids = {"user": user, "course_run_id": run.pk, "activity_id": activities[0].pk}
    now = start
    course_services.activity_view_record(**ids, now=now)
    for _beat in range(minutes):
        now += HEARTBEAT_GAP
        course_services.study_time_record(**ids, seconds=rules.HEARTBEAT_MAX_SECONDS, now=now)
    items = {item.activity_id: item for item in GradeItem.objects.filter(activity__in=activities)}
    for activity in activities:
        now += datetime.timedelta(minutes=30)
        if activity.kind == ActivityKind.QUIZ:
            gradebook.grade_record(
                item=items[activity.pk],
                enrolment=enrolment,
                fraction=Decimal(1),
                release=True,
                now=now,
            )
        elif activity.kind != ActivityKind.ASSIGNMENT:
            course_services.activity_complete_by_result(
                enrolment_id=enrolment.pk,
                activity_id=activity.pk,
                source=activity.completion_rule,
                now=now,
            )

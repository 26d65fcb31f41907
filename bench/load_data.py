"""The data and the logged-in sessions `bench/run` loads the site with (run by bench/load.py).

    .venv/bin/python bench/load_data.py --municipalities 50 --out scenarios.json

Expects the environment bench/load.py sets (DATABASE_URL of a scratch database,
SECRET_KEY, CERTIFICATE_KEYS_DIR, ...). It recreates the database, migrates,
runs `generate_programme --municipalities N --officials-per-municipality 10`,
then adds what the scenarios need and the generator leaves out, through the
real services: `SESSIONS` more managers and tutors (the generator makes one
and two), an open attempt at the module 1 quiz for each of `SESSIONS`
officials who are part-way through the course, and the final project
submitted by the teams with a certified official (the tutors' grading queue; at
most SUBMISSIONS of them).
It logs each person in (a session in the database, as the login page makes,
without hashing a password per person) and writes, per scenario, the requests
to send: method, path, cookies, CSRF token and body, one per session, and
what a right answer contains.
"""

import argparse
import html
import json
import os
import sys
import time
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SESSIONS = 32
# Team submissions of the final project written through the real service (about 50
# queries each: a fifth of a second on a busy two-core machine), at most this many.
SUBMISSIONS = 300
FINAL_PROJECT_TEXT = (
    "Estrategia municipal de gobierno electrónico: diagnóstico, visión, objetivos con "
    "indicadores, hoja de ruta 2027–2029, presupuesto y gobernanza."
)


def _log_in(user) -> dict:
    """A session for `user` as the login page leaves it, and a CSRF cookie with its token."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    get_token(request)  # the secret the CSRF cookie carries (the header may send it as is)
    secret = request.META["CSRF_COOKIE"]
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={secret}",
        "csrf": secret,
    }


def _spread(queryset, count: int) -> list:
    """`count` rows spread evenly over the queryset's order (not just the first ones)."""
    total = queryset.count()
    if total < count:
        raise SystemExit(f"only {total} rows where the benchmark needs {count}")
    step = total / count
    ids = list(queryset.values_list("pk", flat=True))
    chosen = [ids[int(index * step)] for index in range(count)]
    rows = queryset.model.objects.in_bulk(chosen)
    return [rows[pk] for pk in chosen]


def _staff(programme, run, role: str, count: int) -> list:
    """The generator's managers (or tutors) and more of them, up to `count` people."""
    from programs.models import Membership, Role
    from programs.services import membership_add, user_get_or_create

    people = [
        membership.user
        for membership in Membership.objects.filter(programme=programme, role=role)
        .select_related("user")
        .order_by("pk")
    ]
    password = people[0].password  # the generator's one hash, as its people share
    for number in range(len(people), count):
        user, _created = user_get_or_create(
            email=f"{role}{number}.p{programme.pk}@bench.example",
            full_name=f"Persona de carga {number} ({role})",
        )
        user.password = password
        user.save(update_fields=["password"])
        membership_add(user=user, programme=programme, role=role, started_on=programme.starts_on)
        people.append(user)
    if role == Role.TUTOR:
        run.tutors.add(*people)
    return people[:count]


def _learners(run) -> list:
    """Officials part-way through the course (credited hours between 10 % and 90 %)."""
    from courses.models import Enrolment

    required = run.course.required_seconds
    under_way = Enrolment.objects.filter(
        course_run=run,
        status=Enrolment.Status.ACTIVE,
        credited_seconds__gte=required // 10,
        credited_seconds__lt=required * 9 // 10,
    ).order_by("pk")
    return _spread(under_way, SESSIONS)


def _studied_page(enrolment):
    """The page the person studies now: the first required page not yet complete."""
    from courses.models import ActivityKind, ActivityProgress
    from courses.selectors import activities_of_course

    done = set(
        ActivityProgress.objects.filter(
            enrolment=enrolment, completed_at__isnull=False
        ).values_list("activity_id", flat=True)
    )
    pages = activities_of_course(enrolment.course_run.course_id).filter(kind=ActivityKind.PAGE)
    for activity in pages:
        if activity.pk not in done:
            return activity
    return pages.first()


def _open_attempt(enrolment, quiz) -> dict:
    """Start (through the service) an attempt at `quiz`; two answers to alternate between."""
    from assessments.models import Answer
    from assessments.services.quizzes.attempts import attempt_start

    attempt = attempt_start(user=enrolment.user, quiz=quiz, course_run_id=enrolment.course_run_id)
    for row in attempt.answers.select_related("question").order_by("position"):
        single = row.question.kind == "truefalse" or (
            row.question.kind == "multichoice" and row.question.settings.get("single", True)
        )
        if single:
            answers = list(
                Answer.objects.filter(question=row.question)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            return {"attempt": attempt.pk, "position": row.position, "answers": answers[:2]}
    raise SystemExit(f"attempt {attempt.pk} has no single-answer question to autosave")


def _submissions(run) -> int:
    """The final project, submitted (through the service) by each team with a certified
    official, up to SUBMISSIONS teams."""
    import datetime

    from django.utils import timezone

    from assessments.models import Assignment
    from assessments.services.assignments.submissions import submission_create
    from certification.models import Certificate
    from programs.models import Membership, Role

    assignment = Assignment.objects.get(activity__module__course=run.course, team_submission=True)
    municipalities = list(
        Certificate.objects.filter(enrolment__course_run=run, status=Certificate.Status.VALID)
        .values_list("enrolment__municipality_id", flat=True)
        .distinct()
        .order_by("enrolment__municipality_id")[:SUBMISSIONS]
    )
    coordinators = dict(
        Membership.objects.filter(
            municipality_id__in=municipalities, role=Role.COORDINATOR, ended_on__isnull=True
        ).values_list("municipality_id", "user")
    )
    users = {user.pk: user for user in _users(coordinators.values())}
    now = timezone.now()
    for number, municipality_id in enumerate(municipalities):
        submission_create(
            user=users[coordinators[municipality_id]],
            assignment=assignment,
            text=FINAL_PROJECT_TEXT,
            now=now - datetime.timedelta(minutes=7 * number),
        )
    return len(municipalities)


def _users(ids):
    from programs.models import User

    return User.objects.filter(pk__in=list(ids))


def build(municipalities: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "generate_programme",
        municipalities=municipalities,
        officials_per_municipality=10,
        seed=1,
        force=True,
        verbosity=0,
    )
    generated = time.perf_counter() - started

    from assessments.models import Quiz
    from certification.models import Certificate
    from courses.models import CourseRun
    from programs.models import Programme, Role

    programme = Programme.objects.get()
    run = CourseRun.objects.select_related("course").get(programme=programme)
    started = time.perf_counter()
    managers = _staff(programme, run, Role.MANAGER, SESSIONS)
    tutors = _staff(programme, run, Role.TUTOR, SESSIONS)
    enrolments = _learners(run)
    quiz = (
        Quiz.objects.filter(activity__module__course=run.course)
        .order_by("activity__module__position", "activity__position")
        .first()
    )
    attempts = [_open_attempt(enrolment, quiz) for enrolment in enrolments]
    submitted = _submissions(run)
    certificates = _spread(
        Certificate.objects.filter(
            enrolment__course_run=run, status=Certificate.Status.VALID
        ).order_by("pk"),
        SESSIONS,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the rows added here, as after any bulk load
    prepared = time.perf_counter() - started

    learner_sessions = [_log_in(enrolment.user) for enrolment in enrolments]
    manager_sessions = [_log_in(user) for user in managers]
    tutor_sessions = [_log_in(user) for user in tutors]
    pages = [_studied_page(enrolment) for enrolment in enrolments]
    oldest = _oldest_submission(run)

    def each(sessions, path, body=None):
        return [
            {**session, "path": path(index), "body": body(index) if body else None}
            for index, session in enumerate(sessions)
        ]

    run_id = run.pk
    scenarios = {
        "learner dashboard": {
            "method": "GET",
            "requests": each(learner_sessions, lambda i: "/my/courses/"),
            "markers": [html.escape(run.title)],
        },
        "course outline": {
            "method": "GET",
            "requests": each(learner_sessions, lambda i: f"/runs/{run_id}/"),
            "markers": [html.escape(run.course.title), "Estrategia de gobierno electr"],
        },
        "activity view": {
            "method": "GET",
            "requests": each(
                learner_sessions, lambda i: f"/runs/{run_id}/activities/{pages[i].pk}/"
            ),
            "markers": [html.escape(pages[0].title)],
        },
        "heartbeat POST": {
            "method": "POST",
            "requests": each(
                learner_sessions,
                lambda i: "/api/v1/heartbeats/",
                lambda i: {"course_run": run_id, "activity": pages[i].pk, "seconds": 30},
            ),
            "markers": ['"credited_seconds"'],
        },
        "quiz answer autosave": {
            "method": "POST",
            # Each session twice, changing its answer: every save writes.
            "requests": [
                {
                    **session,
                    "path": f"/api/v1/attempts/{attempt['attempt']}/answers/{attempt['position']}/",
                    "body": {"response": {"answer": attempt["answers"][variant]}},
                }
                for variant in (1, 0)
                for session, attempt in zip(learner_sessions, attempts, strict=True)
            ],
            "markers": ['"saved_at"'],
        },
        "tutor grading queue": {
            "method": "GET",
            "requests": each(tutor_sessions, lambda i: f"/tutor/runs/{run_id}/grading/"),
            "markers": [f"/tutor/runs/{run_id}/grading/submission/{oldest}/"],
        },
        "manager programme overview": {
            "method": "GET",
            "requests": each(
                manager_sessions, lambda i: f"/manage/programmes/{programme.pk}/dashboard/"
            ),
            "markers": [html.escape(programme.name), "<svg"],
        },
        "public verification page": {
            "method": "GET",
            "requests": [
                {"cookie": "", "csrf": "", "path": f"/v/c/{certificate.short_code}/", "body": None}
                for certificate in certificates
            ],
            "markers": [html.escape(certificates[0].name_printed)],
        },
        "API list of certificates": {
            "method": "GET",
            "requests": each(manager_sessions, lambda i: "/api/v1/certificates/"),
            "markers": ['"results"'],
            "json_results": True,  # a non-empty page of results
        },
    }
    return {
        "municipalities": municipalities,
        "officials": run.enrolments.count(),
        "certificates": Certificate.objects.count(),
        "submissions": submitted,
        "generated_seconds": round(generated, 1),
        "prepared_seconds": round(prepared, 1),
        "scenarios": scenarios,
    }


def _oldest_submission(run) -> int:
    from assessments.selectors.grading_queue import QueueFilters, grading_queue

    first = grading_queue(run, QueueFilters()).first()
    if first is None:
        raise SystemExit("the grading queue is empty: no team submitted the final project")
    return first["q_id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    common.recreate_database(os.environ["DATABASE_URL"])
    data = build(arguments.municipalities)
    arguments.out.write_text(json.dumps(data, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

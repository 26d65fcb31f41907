"""Data the benchmarks share: a scratch PostgreSQL database and officials who meet the rule."""


def recreate_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def officials_meeting_the_rule(count: int) -> list[int]:
    """A course of one 100-hour page and `count` officials who completed it."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from content.models import Page
    from courses.models import (
        Activity,
        ActivityKind,
        ActivityProgress,
        Course,
        CourseRun,
        Enrolment,
        Module,
    )
    from programs.models import Membership, Municipality, Programme, Role, User

    started = datetime.date(2026, 3, 1)
    programme = Programme.objects.create(
        name="Programa de prueba de carga", country="CO", languages=["es"],
        time_zone="America/Bogota", starts_on=started, ends_on=datetime.date(2027, 6, 30),
    )  # fmt: skip
    course = Course.objects.create(code="BENCH-100", title="Gobierno Electrónico Municipal")
    module = Module.objects.create(course=course, position=1, title="Módulo único")
    activity = Activity.objects.create(
        module=module, position=1, title="Lectura", kind=ActivityKind.PAGE,
        page=Page.objects.create(source="Texto", html="<p>Texto</p>"),
        nominal_seconds=course.required_seconds,
    )  # fmt: skip
    run = CourseRun.objects.create(
        course=course, programme=programme, title="Cohorte de carga",
        starts_on=started, ends_on=datetime.date(2026, 12, 15),
    )  # fmt: skip
    password = make_password("bench-not-a-login")
    municipalities = Municipality.objects.bulk_create(
        Municipality(programme=programme, code=f"{10000 + n:05d}", name=f"Municipio {n}",
                     region="Región", status=Municipality.Status.SELECTED)
        for n in range((count + 9) // 10)
    )  # fmt: skip
    users = User.objects.bulk_create(
        User(email=f"funcionario{n}@bench.example", full_name=f"Funcionaria Número {n} Pérez",
             password=password, preferred_language="es")
        for n in range(count)
    )  # fmt: skip
    Membership.objects.bulk_create(
        Membership(user=user, programme=programme, municipality=municipalities[n // 10],
                   role=Role.OFFICIAL, started_on=started)
        for n, user in enumerate(users)
    )  # fmt: skip
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, course_run=run, municipality=municipalities[n // 10],
                  credited_seconds=course.required_seconds,
                  active_seconds=course.required_seconds // 2)
        for n, user in enumerate(users)
    )  # fmt: skip
    ActivityProgress.objects.bulk_create(
        ActivityProgress(enrolment=enrolment, activity=activity, completed_at=timezone.now(),
                         completion_source="marked_done",
                         active_seconds=course.required_seconds // 2)
        for enrolment in enrolments
    )  # fmt: skip
    return [enrolment.pk for enrolment in enrolments]

"""Time to issue N certificates (signature, PDF with its QR code, H2) with one Celery worker.

    .venv/bin/python bench/certificate_issuance.py [--count 500]

Needs PostgreSQL and Redis (defaults: 127.0.0.1, user postgres; override with
BENCH_DATABASE_URL / BENCH_BROKER_URL). It creates a scratch database, N
officials in teams of ten who already meet the rule (the setup writes their
progress directly: what is measured is issuance, not studying), starts one
worker process (`--pool=solo`, concurrency 1), queues one
`certification.certificate_issue_if_eligible` task per official (what a
completion queues) and waits until every certificate exists. Then it queues
them all again, to show that retries issue nothing twice. Prints the figures.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/munet_bench"
)
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")
WORK = Path(tempfile.mkdtemp(prefix="munet-bench-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings",
    "DEBUG": "true",
    "DATABASE_URL": DATABASE_URL,
    "CELERY_BROKER_URL": BROKER_URL,
    "CERTIFICATE_KEYS_DIR": str(WORK / "keys"),
    "MEDIA_ROOT": str(WORK / "media"),
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def _recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _officials_meeting_the_rule(count: int) -> list[int]:
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


def _start_worker() -> subprocess.Popen:
    from lms.celery import app

    app.control.purge()
    command = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo",
               "--concurrency=1", "--loglevel=WARNING", "--without-heartbeat",
               "--without-mingle", "--without-gossip", "-n", "bench@%h"]  # fmt: skip
    worker = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=1):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the Celery worker did not start")
    return worker


def _wait_for(count: int, *, timeout: float) -> float:
    from certification.models import Certificate

    started = time.perf_counter()
    while Certificate.objects.count() < count:
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"only {Certificate.objects.count()} of {count} issued in time")
        time.sleep(0.05)
    return time.perf_counter() - started


def main(count: int) -> None:
    _recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from certification import keys, tasks
    from certification.models import Certificate
    from programs.models import Municipality

    keys.signing_key_generate()
    enrolment_ids = _officials_meeting_the_rule(count)
    worker = _start_worker()
    try:
        queued_at = time.perf_counter()
        for enrolment_id in enrolment_ids:
            tasks.certificate_issue_if_eligible.delay(enrolment_id)
        queueing = time.perf_counter() - queued_at
        elapsed = _wait_for(count, timeout=30 * 60) + queueing
        for enrolment_id in enrolment_ids:  # retries: nothing new
            tasks.certificate_issue_if_eligible.delay(enrolment_id)
        broker = redis.Redis.from_url(BROKER_URL)
        while broker.llen("celery"):
            time.sleep(0.2)
        time.sleep(1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    issued = Certificate.objects.count()
    pdf_bytes = sum(path.stat().st_size for path in (WORK / "media").rglob("*.pdf"))
    reached = Municipality.objects.filter(h2_reached_on__isnull=False).count()
    print(f"certificates issued by one worker: {issued} (asked for {count}, then again)")
    print(f"time: {elapsed:.1f} s  ·  {count / elapsed:.1f} certificates/s  ·  "
          f"{1000 * elapsed / count:.0f} ms each (queue, sign, PDF + QR, store, H2)")  # fmt: skip
    print(f"PDFs stored: {pdf_bytes / count / 1024:.1f} KB each; municipalities at H2: {reached}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    main(parser.parse_args().count)

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

import common
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
    common.recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from certification import keys, tasks
    from certification.models import Certificate
    from programs.models import Municipality

    keys.signing_key_generate()
    enrolment_ids = common.officials_meeting_the_rule(count)
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

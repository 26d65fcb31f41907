"""Requests per second of public certificate verification, served by gunicorn on PostgreSQL.

    .venv/bin/python bench/verification.py [--seconds 20] [--connections 8]

Builds a scratch database with 200 issued certificates, starts gunicorn (two
sync workers, production settings, rate limits lifted) on 127.0.0.1, and
drives each scenario for a fixed time from a separate process of client
threads with keep-alive connections, each request naming a random
certificate. On a 2-core machine the client shares the cores with the server,
so these are lower bounds. Prints requests/s, p50 and p95 latency, errors.
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import Pool
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/munet_bench_verify"
)
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORK = Path(tempfile.mkdtemp(prefix="munet-bench-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "SECURE_SSL_REDIRECT": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "DATABASE_URL": DATABASE_URL,
    "CERTIFICATE_KEYS_DIR": str(WORK / "keys"),
    "MEDIA_ROOT": str(WORK / "media"),
    "LOG_LEVEL": "WARNING",
    "VERIFY_RATE_PER_MINUTE": "100000000",
    "CERTIFICATE_VERIFY_THROTTLE_RATE": "100000000/min",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def _certificates(count: int) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from certification import keys, pdf, qr_payload, services

    keys.signing_key_generate()
    issued = []
    for enrolment_id in common.officials_meeting_the_rule(count):
        certificate = services.certificate_issue(enrolment_id=enrolment_id)
        issued.append(
            {
                "serial": certificate.serial.hex,
                "code": certificate.short_code,
                "link": pdf.certificate_link(certificate),
                "digits": qr_payload.digits_from_bytes(bytes(certificate.signed_payload)),
            }
        )
    return issued


SCENARIOS = {
    "status JSON (/v/status/<serial>/)": lambda c: ("GET", f"/v/status/{c['serial']}/", None),
    "typed code page (/v/c/<code>/)": lambda c: ("GET", f"/v/c/{c['code']}/", None),
    "verify API (POST, signature + status)": lambda c: (
        "POST",
        "/api/v1/certificates/verify/",
        json.dumps({"payload": c["link"]}),
    ),
    "the page itself (/v/)": lambda c: ("GET", "/v/", None),
    "published keys (jwks.json)": lambda c: ("GET", "/.well-known/jwks.json", None),
    "signed status list": lambda c: ("GET", "/credentials/status/1", None),
}


def _drive(job) -> tuple[int, int, list[float]]:
    """One client process: `threads` keep-alive connections for `seconds`."""
    name, certificates, seconds, threads = job
    make = SCENARIOS[name]
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            method, path, body = make(random.choice(certificates))  # noqa: S311
            headers = {"Content-Type": "application/json"} if body else {}
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies), errors[0], latencies


def _serve() -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "lms.wsgi", "--workers", "2",
               "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/v/")
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main(seconds: int, connections: int) -> None:
    common.recreate_database(DATABASE_URL)
    certificates = _certificates(200)
    server = _serve()
    processes = 2
    try:
        print(f"{'scenario':42} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
        with Pool(processes) as pool:
            for name in SCENARIOS:
                pool.map(_drive, [(name, certificates, 2, 2)] * processes)  # warm-up
                jobs = [(name, certificates, seconds, connections // processes)] * processes
                results = pool.map(_drive, jobs)
                count = sum(r[0] for r in results)
                errors = sum(r[1] for r in results)
                latencies = sorted(lat for r in results for lat in r[2])
                p50 = statistics.median(latencies) * 1000
                p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
                print(f"{name:42} {count / seconds:7.0f} {p50:7.1f} {p95:7.1f} {errors:6d}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()
    main(arguments.seconds, arguments.connections)

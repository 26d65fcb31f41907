"""The performance harness behind `bench/run`: pages and API calls under load, at two sizes.

    bench/run [--sizes S L] [--seconds 20] [--warm-up 5] [--certificates 500 | 0]

For each size (S = 50 municipalities, L = 5,000; 10 officials each) it builds a
scratch PostgreSQL database with `generate_programme` and what the scenarios
need (bench/load_data.py), serves it with gunicorn (production settings: DEBUG
off, collected static files, Redis as cache and Celery broker) on 127.0.0.1,
and drives each scenario with wrk from a second process: a 5 s warm-up, then
`-t2 -c16 -d20s`, rotating 32 separately logged-in sessions (bench/load.lua).
Before loading a scenario it checks that its first answer is the expected page
(status 200 and its markers): a lost session answers with a fast redirect to
the login page, which would make a fake fast figure. Then it times the issue of
500 certificates by one Celery worker (bench/certificate_issuance.py). It
prints one table: per size and scenario, requests per second, p50 / p95 / p99
latency, errors (connection errors, time-outs and every answer that is not
2xx) and the throughput as a share of the ceiling, a trivial Django view
(/healthz: the whole middleware stack, no database) in the same server.

Bounded: each wrk run by its duration and by --max-requests; the whole run by
--max-minutes. Needs PostgreSQL and Redis (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/munet_bench, dropped and created again;
BENCH_CACHE_URL and BENCH_BROKER_URL, Redis databases 11 and 12, flushed) and
wrk (bench/run installs the Debian package when missing).
"""

import argparse
import gzip
import http.client
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SIZES = {"S": 50, "L": 5000}
PORT = int(os.environ.get("BENCH_PORT", "8780"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/munet_bench"
)
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12")
# Lifted for the load run: 32 sessions send far more than a person may.
UNTHROTTLED = {
    "HEARTBEAT_THROTTLE_RATE": "100000000/min",
    "SCORED_RESULT_THROTTLE_RATE": "100000000/min",
    "CERTIFICATE_VERIFY_THROTTLE_RATE": "100000000/min",
    "VERIFY_RATE_PER_MINUTE": "100000000",
}
CEILING = "ceiling: /healthz"


@dataclass
class Result:
    size: str
    scenario: str
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    warm_up_errors: int = 0
    requests: int = 0
    problem: str = ""


class Deadline:
    def __init__(self, minutes: float):
        self.ends = time.monotonic() + 60 * minutes

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise SystemExit("bench/run: out of time (--max-minutes); stopping")
        return left


def _environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret-8c1f0a77e2b94d6f",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "CERTIFICATE_KEYS_DIR": str(work / "keys"),
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "EMAIL_BACKEND": "memory",
        "LOG_LEVEL": "WARNING",
        **UNTHROTTLED,
    }


# --- The machine --------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _services() -> tuple[str, str]:
    """PostgreSQL's and Redis's versions; a clear message when either is down."""
    import psycopg
    import redis

    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin, connect_timeout=5) as connection:
            postgres = connection.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as error:
        raise SystemExit(f"bench/run: PostgreSQL is not reachable at {admin}: {error}") from None
    try:
        info = redis.Redis.from_url(CACHE_URL, socket_timeout=5).info("server")
    except redis.RedisError as error:
        raise SystemExit(f"bench/run: Redis is not reachable at {CACHE_URL}: {error}") from None
    return postgres.split()[0], info["redis_version"]


def _redis_flush() -> None:
    import redis

    for url in (CACHE_URL, BROKER_URL):
        redis.Redis.from_url(url).flushdb()


def machine(workers: int) -> str:
    postgres, redis_version = _services()
    return (
        f"{os.cpu_count()} cores ({_cpu_model()}), {_memory_gb():.0f} GB RAM, "
        f"{platform.system()} {platform.release()}; PostgreSQL {postgres}, Redis {redis_version}; "
        f"Python {platform.python_version()}; gunicorn with {workers} sync workers"
    )


# --- The server ---------------------------------------------------------------------------


def _manage(env: dict, *arguments: str, timeout: float) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=timeout
    )


def _serve(env: dict, workers: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "lms.wsgi", "--workers", str(workers),
               "--bind", f"127.0.0.1:{PORT}", "--timeout", "120", "--log-level", "warning",
               "--error-logfile", str(log)]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(300):
        if server.poll() is not None:
            break
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    _stop(server)
    raise SystemExit(f"bench/run: gunicorn did not start; its log:\n{log.read_text()[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- One scenario -------------------------------------------------------------------------


def _headers(request: dict, method: str) -> dict:
    headers = {"Accept-Encoding": "gzip"}
    if request["cookie"]:
        headers["Cookie"] = request["cookie"]
    if request["csrf"]:
        headers["X-CSRFToken"] = request["csrf"]
    if method != "GET":
        headers["Content-Type"] = "application/json"
    return headers


def check(scenario: dict) -> str:
    """Why the scenario's first answer is not the right page ("" when it is)."""
    method, first = scenario["method"], scenario["requests"][0]
    body = json.dumps(first["body"]) if first["body"] is not None else None
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    connection.request(method, first["path"], body=body, headers=_headers(first, method))
    response = connection.getresponse()
    content = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    text = content.decode("utf-8", "replace")
    where = f"{method} {first['path']}"
    if response.status != 200:
        location = response.getheader("Location")
        detail = f" → {location}" if location else f": {text[:120]!r}"
        return f"check failed: HTTP {response.status} (want 200) for {where}{detail}"
    missing = [marker for marker in scenario["markers"] if marker not in text]
    if missing:
        return f"check failed: {where} lacks {missing!r}"
    if scenario.get("json_results") and not json.loads(text).get("results"):
        return f"check failed: {where} lists no results"
    return ""


def _requests_file(scenario: dict, path: Path) -> Path:
    lines = []
    for request in scenario["requests"]:
        body = json.dumps(request["body"], separators=(",", ":")) if request["body"] else "-"
        fields = (scenario["method"], request["path"], request["cookie"], request["csrf"], body)
        if any("\t" in field or "\n" in field for field in fields):
            raise SystemExit(f"bench/run: a tab or a newline in a request: {fields!r}")
        lines.append("\t".join(fields))
    path.write_text("\n".join(lines) + "\n")
    return path


def _wrk(requests_file: Path, *, seconds: int, options, deadline: Deadline) -> dict:
    script = ["-s", str(BENCH / "load.lua"), f"http://127.0.0.1:{PORT}", "--",
              str(requests_file), str(options.max_requests), str(options.threads)]  # fmt: skip
    shape = [f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds}s"]
    shape += ["--timeout", "30s"]
    command = ["wrk", *shape, *script]
    timeout = min(seconds + 60, deadline.left())
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    for line in finished.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    raise SystemExit(f"bench/run: wrk gave no figures:\n{finished.stdout}\n{finished.stderr}")


def measure(size: str, name: str, scenario: dict, work: Path, options, deadline) -> Result:
    result = Result(size=size, scenario=name)
    result.problem = check(scenario)
    if result.problem:
        print(f"  {name}: {result.problem}", flush=True)
        return result
    requests_file = _requests_file(scenario, work / "requests.tsv")
    if options.warm_up:
        warm = _wrk(requests_file, seconds=options.warm_up, options=options, deadline=deadline)
        result.warm_up_errors = _errors(warm)
    figures = _wrk(requests_file, seconds=options.seconds, options=options, deadline=deadline)
    result.requests = figures["requests"]
    result.requests_per_second = figures["requests"] / (figures["duration_us"] / 1e6)
    result.p50_ms, result.p95_ms, result.p99_ms = (
        figures[key] / 1000 for key in ("p50_us", "p95_us", "p99_us")
    )
    result.errors = _errors(figures)
    print(
        f"  {name}: {result.requests_per_second:.0f} req/s, p50 {result.p50_ms:.1f} ms, "
        f"p95 {result.p95_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, {result.errors} errors"
        + (f" ({result.warm_up_errors} in the warm-up)" if result.warm_up_errors else ""),
        flush=True,
    )
    return result


def _errors(figures: dict) -> int:
    """Connection errors, time-outs and answers that are not 2xx."""
    return sum(figures[key] for key in ("connect", "read", "write", "timeout", "not_2xx"))


# --- A size and the certificates ----------------------------------------------------------


def run_size(size: str, env: dict, work: Path, options, deadline: Deadline) -> list[Result]:
    municipalities = SIZES[size]
    out = work / f"scenarios-{size}.json"
    print(f"\n{size}: {municipalities} municipalities — building the data …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "load_data.py"), "--municipalities", str(municipalities),
         "--out", str(out)],
        cwd=ROOT, env=env, check=True, timeout=deadline.left(),
    )  # fmt: skip
    data = json.loads(out.read_text())
    print(
        f"{size}: {data['officials']} officials, {data['certificates']} certificates, "
        f"{data['submissions']} team submissions; generate_programme {data['generated_seconds']} s,"
        f" bench additions {data['prepared_seconds']} s, "
        f"all {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    _redis_flush()
    server = _serve(env, options.workers, work / f"gunicorn-{size}.log")
    try:
        ceiling = {
            "method": "GET",
            "requests": [{"cookie": "", "csrf": "", "path": "/healthz", "body": None}],
            "markers": ["ok"],
        }
        results = [measure(size, CEILING, ceiling, work, options, deadline)]
        for name, scenario in data["scenarios"].items():
            if options.scenarios and not any(part in name for part in options.scenarios):
                continue
            results.append(measure(size, name, scenario, work, options, deadline))
    finally:
        _stop(server)
    log = (work / f"gunicorn-{size}.log").read_text().strip()
    if log:
        print(f"{size}: gunicorn's log (last lines):\n{log[-2000:]}", flush=True)
    return results


def certificates(count: int, deadline: Deadline) -> tuple[str, list[str]]:
    """Run bench/certificate_issuance.py; its summary figure and its printed lines."""
    print(f"\nIssuing {count} certificates with one Celery worker …", flush=True)
    env = {**os.environ, "BENCH_DATABASE_URL": DATABASE_URL}
    finished = subprocess.run(
        [sys.executable, str(BENCH / "certificate_issuance.py"), "--count", str(count)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=deadline.left(), check=False,
    )  # fmt: skip
    lines = finished.stdout.splitlines()
    figures = [n for n, line in enumerate(lines) if line.startswith("certificates issued")]
    lines = lines[figures[0] :] if figures else lines  # not the worker's banner
    if finished.returncode != 0:
        return f"failed (exit {finished.returncode}): {finished.stderr[-500:]}", lines
    return "", lines


# --- The table ----------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    ceilings = {r.size: r.requests_per_second for r in results if r.scenario == CEILING}
    header = (
        f"{'size':<4} {'scenario':<28} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'× ceiling':>9}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        if r.problem:
            lines.append(f"{r.size:<4} {r.scenario:<28} {r.problem}")
            continue
        ceiling = ceilings.get(r.size) or 0
        ratio = f"{r.requests_per_second / ceiling:.3f}" if ceiling else "–"
        lines.append(
            f"{r.size:<4} {r.scenario:<28} {r.requests_per_second:>7.1f} {r.p50_ms:>8.1f} "
            f"{r.p95_ms:>8.1f} {r.p99_ms:>8.1f} {r.errors:>7d} {ratio:>9}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument(
        "--scenarios", nargs="+", metavar="WORD", help="only the scenarios whose name has a WORD"
    )
    parser.add_argument("--seconds", type=int, default=20, help="measured seconds per scenario")
    parser.add_argument("--warm-up", type=int, default=5, help="seconds of warm-up per scenario")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=500_000, help="per scenario run")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--certificates", type=int, default=500, help="0: skip issuance")
    parser.add_argument("--max-minutes", type=float, default=60, help="bound of the whole run")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench/run: wrk is not installed (Debian: apt-get install wrk)")
    deadline = Deadline(options.max_minutes)
    described = machine(options.workers)
    work = Path(tempfile.mkdtemp(prefix="munet-bench-run-"))
    env = _environment(work)
    print(f"Machine: {described}", flush=True)
    print(
        "Settings: DEBUG off, collected static files, Redis cache and broker (no worker during "
        f"the page load), gunicorn --workers {options.workers} (2 × cores + 1) on 127.0.0.1:{PORT};"
        f" wrk -t{options.threads} -c{options.connections} -d{options.seconds}s after a "
        f"{options.warm_up} s warm-up, 32 sessions per scenario.",
        flush=True,
    )
    print(
        "Rate limits raised for the load run so that 429s do not count as errors: "
        + ", ".join(f"{name}={value}" for name, value in UNTHROTTLED.items()),
        flush=True,
    )
    results: list[Result] = []
    issuance_problem, issuance = "", []
    try:
        _manage(env, "compile_catalogues", timeout=deadline.left())
        _manage(env, "collectstatic", "--no-input", "--verbosity", "0", timeout=deadline.left())
        for size in options.sizes:
            results += run_size(size, env, work, options, deadline)
        if options.certificates:
            issuance_problem, issuance = certificates(options.certificates, deadline)
    finally:
        _redis_flush()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nMachine: {described}")
    print(table(results))
    for r in results:
        if r.warm_up_errors:
            print(f"{r.size} {r.scenario}: {r.warm_up_errors} errors in the warm-up (not counted)")
    if options.certificates:
        print(f"\nCertificate issuance ({options.certificates}, one Celery worker, "
              "bench/certificate_issuance.py):")  # fmt: skip
        for line in issuance:
            print(f"  {line}")
        if issuance_problem:
            print(f"  {issuance_problem}")
    failed = [r for r in results if r.problem] + ([1] if issuance_problem else [])
    if failed:
        print(f"\n{len(failed)} check(s) failed: see above.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

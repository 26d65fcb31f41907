"""Suite-wide fixtures and the rules for tests that need more than SQLite.

- `browser` tests drive Chromium: the system one when present.
- `postgres` and `worker` tests need DATABASE_URL / CELERY_BROKER_URL; without
  them they skip (or, under CI=true, are deselected from that pass).
- `fixtures` tests read ../shared/fixtures (MUNET_FIXTURES_DIR).
- Under CI=true any skipped test fails the run: CI must run everything.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = Path(os.environ.get("MUNET_FIXTURES_DIR", ROOT.parent / "shared" / "fixtures"))
SYSTEM_CHROMIUM = next(
    (path for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if shutil.which(path)),
    None,
)


def _uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _has_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def pytest_collection_modifyitems(config, items):
    missing = {
        "postgres": None if _uses_postgres() else "needs PostgreSQL: set DATABASE_URL",
        "worker": None if _has_broker() else "needs a broker and worker: set CELERY_BROKER_URL",
    }
    deselected, kept = [], []
    for item in items:
        reasons = [missing[m.name] for m in item.iter_markers() if missing.get(m.name)]
        if reasons and IN_CI:
            # This CI pass runs without the service; the other pass runs the test.
            deselected.append(item)
            continue
        for reason in reasons:
            item.add_marker(pytest.mark.skip(reason=reason))
        kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped under CI=true, which must run every test: {reason}"


@pytest.fixture
def fixtures_dir() -> Path:
    """The shared packages made outside this project (see its MANIFEST.md)."""
    if not FIXTURES_DIR.is_dir():
        pytest.skip(f"shared fixtures not found at {FIXTURES_DIR} (set MUNET_FIXTURES_DIR)")
    return FIXTURES_DIR


# --- Browser tests ------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {
        **browser_type_launch_args,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
    if SYSTEM_CHROMIUM:
        args["executable_path"] = SYSTEM_CHROMIUM
    return args


@pytest.fixture(scope="session")
def _browser_available(playwright):
    if SYSTEM_CHROMIUM:
        return
    if not Path(playwright.chromium.executable_path).exists():
        pytest.skip("no Chromium: install the chromium package or run 'playwright install'")


def _wait_for_live_server_requests(timeout: float = 15) -> None:
    """Wait until the live server answers no request (its threads have ended).

    A page closing may still send a beacon (unsent study time) or a result; on
    SQLite that request's write then races the database flush that ends the
    test ("FOREIGN KEY constraint failed" at teardown).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [t for t in threading.enumerate() if "process_request_thread" in t.name]
        if not busy:
            return
        busy[0].join(0.1)


@pytest.fixture
def browser_page(_browser_available, page, live_server, settings):
    """A Playwright page against the live test server, in Spanish."""
    page.set_default_timeout(15_000)
    page.context.set_extra_http_headers({"Accept-Language": "es"})
    page.live_server_url = live_server.url
    yield page
    page.context.close()  # no more requests from this test's browser
    _wait_for_live_server_requests()


@pytest.fixture(autouse=True, scope="session")
def _allow_sync_orm_in_browser_tests():
    # Playwright's sync API runs an event loop in the test thread; Django's
    # ORM (used by the live server's setup and by assertions) must still work.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- A real Celery worker (tests marked `worker`) -------------------------------


def _database_url_of_test_db() -> str:
    from django.db import connection

    params = connection.settings_dict
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host = params.get("HOST") or "localhost"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{params['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A `celery worker` process consuming from the broker against the test database."""
    import signal
    import subprocess
    import sys
    import time

    from lms.celery import app

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url_of_test_db(),
        "MUNET_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    command = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo",
               "--concurrency=1", "--loglevel=WARNING", "--without-heartbeat",
               "--without-mingle", "--without-gossip", "-n", "tests@%h"]  # fmt: skip
    app.control.purge()
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Celery worker did not start")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        with django_db_blocker.unblock():
            _wait_for_other_sessions_to_close()


def _wait_for_other_sessions_to_close(timeout: float = 10) -> None:
    """PostgreSQL ends a dead client's session a moment after the process exits;
    dropping the test database before then fails."""
    import time

    from django.db import connection

    deadline = time.monotonic() + timeout
    try:
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.1)
    finally:
        # With Playwright's event loop running, this connection may live in a
        # context that the test-database teardown does not see: close it here.
        connection.close()


@pytest.fixture
def real_worker(celery_worker_process, transactional_db):
    """Send tasks to the worker process instead of running them in the test."""
    from lms.celery import app

    app.conf.task_always_eager = False
    yield celery_worker_process
    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services speak the active language; tests call them in English (the msgids).

    Requests choose their own language (Spanish by default), so page tests
    still see the interface as people do.
    """
    from django.utils import translation

    with translation.override("en"):
        yield

"""Fixtures for the browser tests of issue 8 (accessibility and light pages).

`main_page_tour` visits every main page of every role once per test session, on a
server that serves static files as production does, and records what the
accessibility and page-weight tests assert: axe-core's findings, the bytes
received, every request, the width at 360 px.
"""

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import modify_settings, override_settings

from tests.browser.tour import PRODUCTION_STATIC, take_tour

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from npm by `make install-test` (frontend/package.json)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make install-test` (npm ci in frontend/)")
    return AXE.read_text(encoding="utf-8")


@contextmanager
def production_like_server():
    """A live server that serves static files as production does, and its address.

    Static files are collected with fingerprinted names and compressed copies
    (CompressedManifestStaticFilesStorage) and served by WhiteNoise from STATIC_ROOT;
    every request goes through the project's middleware (WhiteNoise, GZip), as under
    gunicorn. (pytest-django's live_server serves static files with Django's own
    handler: uncompressed, no cache headers.) Uploads and keys go to a temporary folder.
    """
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with tempfile.TemporaryDirectory(prefix="munet-tour-") as folder:
        folder = Path(folder)
        with (
            override_settings(
                STATIC_ROOT=folder / "static",
                STORAGES=PRODUCTION_STATIC,
                WHITENOISE_USE_FINDERS=False,
                WHITENOISE_AUTOREFRESH=False,
                MEDIA_ROOT=folder / "media",
                CERTIFICATE_KEYS_DIR=folder / "keys",
            ),
            modify_settings(ALLOWED_HOSTS={"append": "localhost"}),
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
            shared = {
                conn.alias: conn
                for conn in connections.all()
                if conn.vendor == "sqlite" and conn.is_in_memory_db()
            }
            thread = LiveServerThread(
                "localhost", static_handler=lambda handler: handler, connections_override=shared
            )
            thread.daemon = True
            for conn in shared.values():
                conn.inc_thread_sharing()
            thread.start()
            thread.is_ready.wait()
            try:
                if thread.error:
                    raise thread.error
                # Stopping then waits for the requests in flight (a closed browser leaves
                # some), which must not outlive the shared connection.
                thread.httpd.daemon_threads = False
                yield f"http://localhost:{thread.port}"
            finally:
                thread.terminate()
                for conn in shared.values():
                    conn.dec_thread_sharing()


@pytest.fixture(scope="session")
def main_page_tour(_browser_available, browser, django_db_setup, django_db_blocker, axe_source):
    """Every main page of every role, visited once for the whole session (see tour.py).

    The data is committed for the tour (the server thread must see it, on SQLite and
    PostgreSQL alike) and flushed right after it, as a transactional test does.
    """
    from django.utils import translation

    with django_db_blocker.unblock():
        try:
            with production_like_server() as base, translation.override("en"):
                return take_tour(browser, base, axe_source)
        finally:
            call_command("flush", interactive=False, verbosity=0)

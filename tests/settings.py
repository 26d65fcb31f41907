"""Settings for the test suite: the real settings with fast, offline defaults.

DATABASE_URL and CELERY_BROKER_URL pass through, so the same suite runs on
SQLite (`make test`) and on PostgreSQL with Redis and a worker (CI).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("HEARTBEAT_THROTTLE_RATE", "10000/min")
os.environ.setdefault("SCORED_RESULT_THROTTLE_RATE", "10000/min")
os.environ.setdefault("CERTIFICATE_VERIFY_THROTTLE_RATE", "10000/min")
os.environ.setdefault("API_TOKEN_THROTTLE_RATE", "100000/min")

from lms.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# A worker process started by the tests (conftest.celery_worker_process) shares the
# suite's folder, so that it finds the files the tests upload.
MEDIA_ROOT = os.environ.get("MUNET_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="munet-test-media-")
CERTIFICATE_KEYS_DIR = Path(tempfile.mkdtemp(prefix="munet-test-keys-"))
STATIC_ROOT = tempfile.mkdtemp(prefix="munet-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Tasks run eagerly in tests, with or without a broker; the tests marked
# `worker` switch to a real worker process for their duration.
CELERY_TASK_ALWAYS_EAGER = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The suite's database is thrown away: no waiting for each commit to reach
    # the disk (live-server and worker tests commit thousands of times).
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405

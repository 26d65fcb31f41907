"""The settings module from the outside: run it in a fresh interpreter with an environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "aula.example.org",
    "DATABASE_URL": "postgres://aula:secret@db.example.org:5432/aula",
    "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
    "CACHE_URL": "redis://redis.example.org:6379/1",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A bare environment: nothing of the test run's own settings leaks in.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    clean["DJANGO_SETTINGS_MODULE"] = "lms.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_is_sqlite_eager_celery_and_debug_only_when_asked():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = _manage("shell", "-v", "0", "-c", code, env={"DEBUG": "true"})
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "True"]
    production = _manage("shell", "-v", "0", "-c", code, env=PRODUCTION)
    assert production.stdout.split() == ["False", "django.db.backends.postgresql", "False"]


@pytest.mark.django_db
def test_migrations_match_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

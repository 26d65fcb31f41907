"""The Celery application.

Without `CELERY_BROKER_URL` the settings make Celery run tasks eagerly in the
calling process (the embedded default); with a broker, tasks run in workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="lms.ping")
def ping() -> str:
    """Answer 'pong'; used to check that a worker is consuming."""
    return "pong"

"""Background work through a real broker and a real worker process."""

import pytest
from django.db import transaction

from lms.celery import ping
from programs import services
from programs.tasks import send_activation_emails
from tests.factories import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


def test_worker_answers(real_worker):
    assert ping.delay().get(timeout=30) == "pong"


def test_activation_e_mails_are_sent_once_by_the_worker(real_worker):
    user = UserFactory(password="!unusable")
    assert send_activation_emails.delay([user.pk]).get(timeout=30) == 1
    user.refresh_from_db()
    assert user.activation_sent_at is not None
    # A retry (or a second queueing) sends nothing more.
    assert send_activation_emails.delay([user.pk]).get(timeout=30) == 0


def test_activation_is_queued_only_after_commit(real_worker):
    import time

    with transaction.atomic():
        created, _ = services.user_get_or_create(
            email="nuevo.funcionario@municipio.example", full_name="Nuevo Funcionario"
        )
        services.activation_emails_queue([created.pk])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        created.refresh_from_db()
        if created.activation_sent_at:
            break
        time.sleep(0.2)
    assert created.activation_sent_at is not None

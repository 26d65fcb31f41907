"""Two workers issuing for the same official at once: exactly one certificate (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from certification import services
from certification.models import Certificate
from tests.certification.conftest import make_eligible

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_issuance_yields_one_certificate(enrolment, signing_key):
    make_eligible(enrolment)
    count = 6
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def issue(index):
        try:
            barrier.wait()
            results[index] = services.certificate_issue(enrolment_id=enrolment.pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert len({certificate.pk for certificate in results}) == 1

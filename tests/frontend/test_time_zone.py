import datetime

import pytest
from django.urls import reverse

from courses import services
from courses.models import LedgerEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_times_are_shown_in_the_programmes_time_zone(client, small_enrolment):
    tutor = UserFactory()
    small_enrolment.course_run.tutors.add(tutor)
    entry = services.credited_time_adjust(
        enrolment=small_enrolment, seconds=600, reason="Taller", recorded_by=tutor
    )
    # 03:30 UTC on 4 May is still 3 May, 22:30, in Bogotá.
    LedgerEntry.objects.filter(pk=entry.pk).update(
        created_at=datetime.datetime(2026, 5, 4, 3, 30, tzinfo=datetime.UTC)
    )
    client.force_login(small_enrolment.user)
    page = client.get(reverse("my_hours", args=[small_enrolment.course_run_id]))
    assert "03/05/2026 22:30" in page.text

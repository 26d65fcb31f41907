"""The at-risk rule: behind the calendar, or inactive for fourteen days."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from courses.models import Enrolment, ModuleTarget
from reporting import rules, selectors

TODAY = datetime.date(2026, 6, 1)


def test_expected_hours_follow_the_module_targets_or_the_calendar():
    targets = [(datetime.date(2026, 4, 1), 3600), (datetime.date(2026, 7, 1), 7200)]
    common = {"starts_on": datetime.date(2026, 3, 1), "ends_on": datetime.date(2026, 12, 31)}
    assert (
        rules.expected_seconds(today=TODAY, targets=targets, required_seconds=0, **common) == 3600
    )
    spread = rules.expected_seconds(today=TODAY, targets=[], required_seconds=306_000, **common)
    assert spread == 306_000 * 92 // 305
    assert (
        rules.expected_seconds(
            today=datetime.date(2027, 1, 1), targets=[], required_seconds=10, **common
        )
        == 10
    )


@pytest.mark.django_db
def test_the_database_flags_behind_and_inactive(enrolment, activities):
    course_run = enrolment.course_run
    module = activities[0].module
    ModuleTarget.objects.create(course_run=course_run, module=module, target_on=TODAY)
    expected = selectors.expected_seconds_of_run(course_run, TODAY)
    assert expected == 3 * 3600  # the first module only: the second has no target

    def flags():
        row = selectors.with_risk(
            Enrolment.objects.filter(pk=enrolment.pk), expected_seconds=expected, today=TODAY
        ).get()
        return row.behind, row.inactive, row.at_risk

    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=expected,
        last_heartbeat_at=datetime.datetime(2026, 5, 30, tzinfo=datetime.UTC),
    )
    assert flags() == (False, False, False)
    Enrolment.objects.filter(pk=enrolment.pk).update(credited_seconds=expected - 1)
    assert flags() == (True, False, True)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=expected,
        last_heartbeat_at=datetime.datetime(2026, 5, 17, tzinfo=datetime.UTC),
    )
    assert flags() == (False, True, True)
    required = course_run.course.required_seconds
    Enrolment.objects.filter(pk=enrolment.pk).update(credited_seconds=required)
    assert flags() == (False, False, False), "finished the hours: may stop studying"


@pytest.mark.django_db
def test_days_are_the_programmes_whoever_looks(enrolment, activities):
    bogota = zoneinfo.ZoneInfo("America/Bogota")
    # 18 May 03:00 UTC is still 17 May in Bogotá: fourteen days before 1 June is 18 May.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=3 * 3600,
        last_heartbeat_at=datetime.datetime(2026, 5, 18, 3, tzinfo=datetime.UTC),
    )
    rows = Enrolment.objects.filter(pk=enrolment.pk)

    def inactive(zone):
        return selectors.with_risk(rows, expected_seconds=0, today=TODAY, zone=zone).get().inactive

    assert inactive(bogota) is True
    assert inactive(datetime.UTC) is False
    with timezone.override("Asia/Tokyo"):  # the viewer's zone changes nothing
        assert inactive(bogota) is True

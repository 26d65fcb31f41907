"""Concurrent heartbeats and clicks on PostgreSQL: no lost increments, one credit."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from courses import services
from courses.models import ActivityProgress, DailyStudyTime, Enrolment, LedgerEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_threads(count: int, work) -> list:
    results, errors = [None] * count, []
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_concurrent_heartbeats_lose_no_increment(enrolment, activities, clock):
    base = clock.now

    def beat(index):
        import datetime

        total = 0
        for step in range(5):
            now = base + datetime.timedelta(seconds=30 * step + index)
            total += services.study_time_record(
                user=enrolment.user,
                course_run_id=enrolment.course_run_id,
                activity_id=activities[index % 3].pk,
                seconds=30,
                now=now,
            ).credited_seconds
        return total

    credited = _in_threads(8, beat)

    enrolment.refresh_from_db()
    daily = DailyStudyTime.objects.filter(enrolment=enrolment).aggregate(total=Sum("seconds"))
    progress = ActivityProgress.objects.filter(enrolment=enrolment).aggregate(
        total=Sum("active_seconds")
    )
    assert sum(credited) > 0
    assert enrolment.active_seconds == sum(credited) == daily["total"] == progress["total"]
    assert ActivityProgress.objects.filter(enrolment=enrolment).count() == 3


def test_concurrent_mark_done_credits_once(enrolment, activities, clock):
    activity = activities[0]
    for _ in range(25):
        services.study_time_record(
            user=enrolment.user,
            course_run_id=enrolment.course_run_id,
            activity_id=activity.pk,
            seconds=30,
            now=clock.tick(30),
        )

    def click(_index):
        try:
            services.activity_mark_done(
                user=enrolment.user,
                course_run_id=enrolment.course_run_id,
                activity_id=activity.pk,
            )
        except ValidationError:
            return "refused"
        return "done"

    assert _in_threads(6, click) == ["done"] * 6
    assert LedgerEntry.objects.filter(enrolment=enrolment).count() == 1
    assert Enrolment.objects.get(pk=enrolment.pk).credited_seconds == activity.nominal_seconds

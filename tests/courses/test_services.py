from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from courses import rules, services
from courses.models import (
    ActivityProgress,
    CompletionSource,
    DailyStudyTime,
    Enrolment,
    LedgerEntry,
)
from programs.models import Membership, Municipality, Role
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _beat(enrolment, activity, clock, seconds=30, advance=30):
    return services.study_time_record(
        user=enrolment.user,
        course_run_id=enrolment.course_run_id,
        activity_id=activity.pk,
        seconds=seconds,
        now=clock.tick(advance),
    )


def _study(enrolment, activity, clock, total_seconds):
    for _ in range(total_seconds // 30):
        _beat(enrolment, activity, clock)


def _assert_summaries_match(enrolment):
    enrolment.refresh_from_db()
    ledger = LedgerEntry.objects.filter(enrolment=enrolment).aggregate(total=Sum("seconds"))
    daily = DailyStudyTime.objects.filter(enrolment=enrolment).aggregate(total=Sum("seconds"))
    progress = ActivityProgress.objects.filter(enrolment=enrolment).aggregate(
        total=Sum("active_seconds")
    )
    assert enrolment.credited_seconds == (ledger["total"] or 0)
    assert enrolment.active_seconds == (daily["total"] or 0) == (progress["total"] or 0)


# --- Enrolment -----------------------------------------------------------------


def test_team_enrolment_enrols_current_officials_once(run, municipality):
    officials = MembershipFactory.create_batch(10, municipality=municipality)
    MembershipFactory(municipality=municipality, role=Role.COORDINATOR, user=officials[0].user)
    former = MembershipFactory(municipality=municipality)
    former.ended_on = former.started_on
    former.end_reason = "Dejó la alcaldía"
    former.save()

    first = services.enrolment_create_for_team(course_run=run, municipality=municipality)
    again = services.enrolment_create_for_team(course_run=run, municipality=municipality)

    assert (first.created, first.already_enrolled) == (10, 0)
    assert (again.created, again.already_enrolled) == (0, 10)
    assert Enrolment.objects.filter(course_run=run).count() == 10
    assert not Enrolment.objects.filter(user=former.user).exists()


def test_team_enrolment_refuses_reserves_and_other_programmes(run):
    reserve = MunicipalityFactory(programme=run.programme, status=Municipality.Status.RESERVE)
    MembershipFactory(municipality=reserve)
    with pytest.raises(ValidationError, match="selected"):
        services.enrolment_create_for_team(course_run=run, municipality=reserve)
    elsewhere = MunicipalityFactory()
    MembershipFactory(municipality=elsewhere)
    with pytest.raises(ValidationError, match="programme"):
        services.enrolment_create_for_team(course_run=run, municipality=elsewhere)
    assert not Enrolment.objects.exists()


def test_turnover_withdraws_the_leaver_and_enrols_the_newcomer(run, municipality, enrolment):
    leaving = Membership.objects.get(user=enrolment.user, role=Role.OFFICIAL)

    replacement = services.team_official_replace(
        leaving=leaving,
        newcomer_email="Nueva.Funcionaria@Municipio.example",
        newcomer_name="  Lucía   Fernández ",
        reason="Traslado a la gobernación",
    )

    leaving.refresh_from_db()
    enrolment.refresh_from_db()
    assert leaving.ended_on is not None and leaving.replaced_by == replacement
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    newcomer = replacement.user
    assert newcomer.email == "nueva.funcionaria@municipio.example"
    assert not newcomer.has_usable_password()
    assert Enrolment.objects.get(user=newcomer, course_run=run).municipality == municipality
    # History stays: the leaver's membership and enrolment are kept, not deleted.
    assert Membership.objects.filter(municipality=municipality).count() == 2


# --- Heartbeats and measured time ---------------------------------------------


def test_heartbeat_adds_to_activity_day_and_enrolment(enrolment, activities, clock):
    result = _beat(enrolment, activities[0], clock, seconds=30)

    assert result.credited_seconds == 30
    assert result.activity_active_seconds == 30
    day = DailyStudyTime.objects.get(enrolment=enrolment)
    assert (day.seconds, day.day.isoformat()) == (30, "2026-05-04")
    _assert_summaries_match(enrolment)


def test_heartbeats_update_one_row_per_day_never_a_row_each(enrolment, activities, clock):
    for _ in range(20):
        _beat(enrolment, activities[0], clock)
    assert DailyStudyTime.objects.filter(enrolment=enrolment).count() == 1
    assert DailyStudyTime.objects.get(enrolment=enrolment).seconds == 600


def test_day_is_counted_in_the_programmes_time_zone(enrolment, activities, clock):
    # 2026-05-05 03:00 UTC is still 2026-05-04 in Bogotá (UTC-5).
    clock.now = clock.now.replace(hour=2, minute=59, day=5)
    _beat(enrolment, activities[0], clock, advance=60)
    assert DailyStudyTime.objects.get(enrolment=enrolment).day.isoformat() == "2026-05-04"


def test_implausible_claims_are_capped(enrolment, activities, clock):
    first = _beat(enrolment, activities[0], clock, seconds=3600, advance=3600)
    assert first.credited_seconds == rules.HEARTBEAT_MAX_SECONDS
    # A claim of 60 s two seconds after the previous heartbeat earns ~2 s.
    quick = _beat(enrolment, activities[0], clock, seconds=60, advance=2)
    assert quick.credited_seconds <= 2 + rules.HEARTBEAT_TOLERANCE_SECONDS
    negative = _beat(enrolment, activities[0], clock, seconds=-50)
    assert negative.credited_seconds == 0


def test_two_tabs_cannot_double_the_time(enrolment, activities, clock):
    """Heartbeats from two activities at once share the same wall-clock time."""
    total = 0
    for _ in range(10):
        total += _beat(enrolment, activities[0], clock, seconds=30, advance=15).credited_seconds
        total += _beat(enrolment, activities[2], clock, seconds=30, advance=15).credited_seconds
    # 300 s of wall-clock time; the first beat has no earlier one to compare with.
    assert total == 30 + 19 * (15 + rules.HEARTBEAT_TOLERANCE_SECONDS)
    assert total < 2 * 300 * 0.7
    _assert_summaries_match(enrolment)


def test_measured_time_per_activity_is_capped(enrolment, activities, clock, run):
    activity = activities[1]  # 1 h nominal, cap = 2 × nominal
    cap = rules.active_cap_seconds(
        nominal_seconds=activity.nominal_seconds,
        factor=run.course.active_cap_factor,
        minimum=0,
    )
    for _ in range(cap // 60 + 20):
        _beat(enrolment, activity, clock, seconds=60, advance=60)
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=activity)
    assert progress.active_seconds == cap == 7200
    _assert_summaries_match(enrolment)


def test_heartbeat_refused_without_enrolment(run, activities, clock):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.study_time_record(
            user=stranger,
            course_run_id=run.pk,
            activity_id=activities[0].pk,
            seconds=30,
            now=clock.tick(30),
        )


def test_heartbeat_refused_for_an_activity_of_another_course(enrolment, clock):
    from tests.factories import ActivityFactory

    foreign = ActivityFactory()
    with pytest.raises(PermissionDenied):
        _beat(enrolment, foreign, clock)
    assert not ActivityProgress.objects.exists()


def test_withdrawn_enrolment_records_nothing(enrolment, activities, clock):
    services.enrolment_withdraw(enrolment=enrolment)
    with pytest.raises(PermissionDenied):
        _beat(enrolment, activities[0], clock)


# --- Completion and the ledger -----------------------------------------------


def test_mark_done_is_refused_before_the_minimum_time(enrolment, activities, clock):
    activity = activities[0]  # 2 h: minimum = min(10 min, 24 min) = 10 min
    _study(enrolment, activity, clock, 9 * 60)

    with pytest.raises(ValidationError) as refused:
        services.activity_mark_done(
            user=enrolment.user, course_run_id=enrolment.course_run_id, activity_id=activity.pk
        )
    assert "10 minutes" in refused.value.messages[0]
    assert not LedgerEntry.objects.exists()


def test_mark_done_after_the_minimum_credits_nominal_hours_once(enrolment, activities, clock):
    activity = activities[0]
    _study(enrolment, activity, clock, 10 * 60)

    for _ in range(3):  # a double click and a retry credit once
        services.activity_mark_done(
            user=enrolment.user, course_run_id=enrolment.course_run_id, activity_id=activity.pk
        )

    entry = LedgerEntry.objects.get(enrolment=enrolment)
    assert (entry.kind, entry.activity, entry.seconds) == ("completion", activity, 7200)
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=activity)
    assert progress.completion_source == CompletionSource.MARKED_DONE
    _assert_summaries_match(enrolment)


def test_minimum_is_a_fifth_of_short_activities(run, enrolment, activities, clock):
    activity = activities[0]
    activity.nominal_seconds = 1800  # 30 min → minimum 6 min
    activity.save()
    assert rules.min_active_seconds(activity, run.course) == 360
    _study(enrolment, activity, clock, 360)
    services.activity_mark_done(
        user=enrolment.user, course_run_id=enrolment.course_run_id, activity_id=activity.pk
    )
    assert LedgerEntry.objects.filter(enrolment=enrolment).count() == 1


def test_viewed_activity_completes_by_itself_at_the_minimum(enrolment, activities, clock):
    activity = activities[1]  # 1 h, viewed: minimum = min(10 min, 12 min)
    results = [_beat(enrolment, activity, clock) for _ in range(20)]

    assert [r.completed for r in results].index(True) == 19  # the 20th beat reaches 600 s
    with pytest.raises(ValidationError):
        services.activity_mark_done(
            user=enrolment.user, course_run_id=enrolment.course_run_id, activity_id=activities[2].pk
        )
    assert LedgerEntry.objects.get(enrolment=enrolment).seconds == 3600


def test_tutor_adjustment_needs_a_reason_and_is_explained(enrolment, tutor):
    with pytest.raises(ValidationError):
        services.credited_time_adjust(
            enrolment=enrolment, seconds=3600, reason="  ", recorded_by=tutor
        )
    entry = services.credited_time_adjust(
        enrolment=enrolment,
        seconds=5400,
        reason="Asistió al taller presencial del 12 de mayo",
        recorded_by=tutor,
    )
    assert (entry.kind, entry.recorded_by) == ("adjustment", tutor)
    with pytest.raises(ValidationError, match="below zero"):
        services.credited_time_adjust(
            enrolment=enrolment, seconds=-9000, reason="Error", recorded_by=tutor
        )
    _assert_summaries_match(enrolment)
    assert enrolment.credited_seconds == 5400


def test_hours_are_shown_rounded_down():
    assert rules.hours(359_999) == Decimal("99.9")
    assert rules.hours(360_000) == Decimal("100.0")


def test_without_javascript_the_open_page_counts_up_to_the_minimum(enrolment, activities, clock):
    """No heartbeats at all: the time the page was open lets the person mark it done."""
    activity = activities[0]  # minimum 10 minutes
    ids = {"user": enrolment.user, "course_run_id": enrolment.course_run_id}
    services.activity_view_record(**ids, activity_id=activity.pk, now=clock.now)

    with pytest.raises(ValidationError):
        services.activity_mark_done(**ids, activity_id=activity.pk, now=clock.tick(5 * 60))
    assert ActivityProgress.objects.get(activity=activity).active_seconds == 0  # refused: no change

    services.activity_mark_done(**ids, activity_id=activity.pk, now=clock.tick(60 * 60))
    progress = ActivityProgress.objects.get(activity=activity)
    assert progress.completed_at is not None
    assert progress.active_seconds == 600  # the minimum, not the hour the tab stayed open
    _assert_summaries_match(enrolment)


def test_open_page_time_is_not_counted_twice_after_heartbeats(enrolment, activities, clock):
    activity = activities[0]
    ids = {"user": enrolment.user, "course_run_id": enrolment.course_run_id}
    services.activity_view_record(**ids, activity_id=activity.pk, now=clock.now)
    _study(enrolment, activity, clock, 8 * 60)  # heartbeats cover the first 8 minutes
    # Nine minutes after opening, only the last minute is unreported: 8 + 1 < 10.
    with pytest.raises(ValidationError, match="1 minute to go"):
        services.activity_mark_done(**ids, activity_id=activity.pk, now=clock.tick(60))
    services.activity_mark_done(**ids, activity_id=activity.pk, now=clock.tick(60))
    assert ActivityProgress.objects.get(activity=activity).active_seconds == 600

"""`manage.py generate_programme` at a tiny size: consistent with what the services write."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum

from certification import keys, selectors
from certification.models import Certificate
from courses.models import ActivityProgress, DailyStudyTime, Enrolment
from programs.models import Membership, Municipality, Programme, Role
from tests.factories import ActivityFactory, CourseFactory, ModuleFactory

TODAY = datetime.date(2026, 11, 25)


def small_course():
    """A 100-hour course of eight pages under the generator's course code, so that
    the generator uses it instead of importing the whole package (seconds per test)."""
    course = CourseFactory(code="GEM-100", required_seconds=100 * 3600)
    for position in range(1, 5):
        module = ModuleFactory(course=course, position=position)
        for activity_position in (1, 2):
            ActivityFactory(module=module, position=activity_position, nominal_seconds=45_000)
    return course


@pytest.fixture
def course(db):
    return small_course()


@pytest.fixture
def signing_key(settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    return keys.signing_key_generate()


def _generate(count=4, seed=7):
    out = io.StringIO()
    call_command(
        "generate_programme",
        municipalities=count,
        officials_per_municipality=10,
        seed=seed,
        today=TODAY,
        force=True,  # the tests run with DEBUG off
        stdout=out,
    )
    return Programme.objects.order_by("-pk").first(), out.getvalue()


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("generate_programme", municipalities=1, stdout=io.StringIO())
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_generates_teams_with_a_coordinator_and_reserves(signing_key, course):
    programme, output = _generate()
    assert "4 municipalities (+2 reserves), 40 officials" in output
    municipalities = Municipality.objects.filter(programme=programme)
    assert municipalities.filter(status=Municipality.Status.SELECTED).count() == 4
    assert municipalities.filter(status=Municipality.Status.RESERVE).count() == 2
    teams = Membership.objects.filter(programme=programme, municipality__isnull=False)
    per_team = teams.values("municipality").annotate(
        officials=Count("pk", filter=Q(role=Role.OFFICIAL)),
        coordinators=Count("pk", filter=Q(role=Role.COORDINATOR)),
    )
    assert {(row["officials"], row["coordinators"]) for row in per_team} == {(10, 1)}
    assert Membership.objects.filter(programme=programme, role=Role.MANAGER).count() == 1
    run = programme.course_runs.get()
    assert run.targets.count() == run.course.modules.count()
    assert Enrolment.objects.filter(course_run=run).count() == 40


@pytest.mark.django_db
def test_progress_is_consistent_and_spread(signing_key, course):
    programme, _ = _generate()
    enrolments = Enrolment.objects.filter(course_run__programme=programme).annotate(
        ledger_seconds=Sum("ledger__seconds")
    )
    for enrolment in enrolments:
        assert (enrolment.ledger_seconds or 0) == enrolment.credited_seconds
        studied = DailyStudyTime.objects.filter(enrolment=enrolment).aggregate(s=Sum("seconds"))
        assert (studied["s"] or 0) == enrolment.active_seconds
        progress = ActivityProgress.objects.filter(enrolment=enrolment).aggregate(
            s=Sum("active_seconds")
        )
        assert (progress["s"] or 0) == enrolment.active_seconds
    hours = sorted(enrolment.credited_seconds for enrolment in enrolments)
    assert hours[0] < hours[-1]  # a spread, not one figure
    stale = TODAY - datetime.timedelta(days=14)
    last = [e.last_heartbeat_at.date() for e in enrolments if e.last_heartbeat_at]
    assert any(day >= TODAY - datetime.timedelta(days=7) for day in last)
    assert any(day < stale for day in last) or any(e.last_heartbeat_at is None for e in enrolments)


@pytest.mark.django_db
def test_certificates_verify_and_h2_follows_them(signing_key):
    """With the real course package: quizzes, the graded project, the gradebook."""
    programme, _ = _generate()
    certificates = Certificate.objects.filter(enrolment__course_run__programme=programme)
    assert certificates.exists()
    certificate = certificates.select_related("enrolment__course_run__course").first()
    assert selectors.verification_of(bytes(certificate.signed_payload)).valid
    # Whoever holds a generated certificate meets the real rule.
    assert selectors.eligibility_of(certificate.enrolment).eligible
    assert len(set(certificates.values_list("status_index", flat=True))) == certificates.count()
    for municipality in Municipality.objects.filter(
        programme=programme, status=Municipality.Status.SELECTED
    ):
        valid = certificates.filter(
            enrolment__municipality=municipality, status=Certificate.Status.VALID
        ).count()
        assert (municipality.h2_reached_on is not None) == (valid >= 10)
    assert Municipality.objects.filter(programme=programme, h2_reached_on__isnull=False).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_programme(signing_key, course):
    def shape(programme):
        return list(
            Enrolment.objects.filter(course_run__programme=programme)
            .order_by("pk")
            .values_list("user__full_name", "credited_seconds", "active_seconds")
        )

    first, _ = _generate(count=2, seed=11)
    second, _ = _generate(count=2, seed=11)
    other, _ = _generate(count=2, seed=12)
    assert shape(first) == shape(second)
    assert shape(first) != shape(other)

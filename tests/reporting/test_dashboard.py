"""Programme dashboards: the figures, computed by the database, on a small programme."""

import datetime

import pytest

from certification import services as certification_services
from certification.models import Certificate, RevocationReason
from courses import services as courses_services
from courses.models import Enrolment
from programs import services as programs_services
from programs.models import Membership, Municipality, Role
from reporting import selectors
from tests.certification.conftest import make_eligible, signing_key  # noqa: F401
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
HOUR = 3600


def at(day: int, month: int = 5) -> datetime.datetime:
    return datetime.datetime(2026, month, day, 12, tzinfo=datetime.UTC)


def enrol(run, municipality, *, gender="", role=Role.OFFICIAL):
    user = UserFactory(gender=gender)
    MembershipFactory(user=user, municipality=municipality, role=role)
    enrolment, _ = courses_services.enrolment_create(
        user=user, course_run=run, municipality=municipality
    )
    return enrolment


def set_figures(enrolment, *, hours, studied=None):
    Enrolment.objects.filter(pk=enrolment.pk).update(
        credited_seconds=int(hours * HOUR), last_heartbeat_at=studied, enrolled_at=at(1, 3)
    )


@pytest.fixture
def programme_data(run, signing_key):  # noqa: F811
    """Tenjo (4 officials), Cota (3, two certified in May), Sopó (1, not enrolled, H2 set
    by hand), Chía (reserve), and people who must not count.

    The course asks 6 h (make_eligible); the run (1 March – 15 December, no targets)
    expects 6876 s by 1 June.
    """
    programme = run.programme
    tenjo = MunicipalityFactory(programme=programme, name="Tenjo")
    cota = MunicipalityFactory(programme=programme, name="Cota")
    sopo = MunicipalityFactory(
        programme=programme, name="Sopó", h2_reached_on=datetime.date(2026, 5, 20)
    )
    MunicipalityFactory(programme=programme, name="Chía", status=Municipality.Status.RESERVE)
    MembershipFactory(municipality=sopo)

    tenjo_people = [enrol(run, tenjo, gender="female") for _ in range(4)]
    set_figures(tenjo_people[0], hours=0)  # behind and inactive
    set_figures(tenjo_people[1], hours=12, studied=at(30))  # active
    set_figures(tenjo_people[2], hours=30, studied=at(20))  # neither active nor inactive
    set_figures(tenjo_people[3], hours=80, studied=at(10))  # inactive, but has the 6 h: not at risk

    cota_people = [enrol(run, cota, gender=g) for g in ("female", "male", "")]
    for enrolment in cota_people[:2]:
        make_eligible(enrolment)
        assert certification_services.certificate_issue(enrolment_id=enrolment.pk, now=at(15))
        set_figures(enrolment, hours=6, studied=at(31))
    set_figures(cota_people[2], hours=3, studied=at(31))

    # Not counted: an official who left, a coordinator who is not an official,
    # a withdrawn enrolment, another programme's official.
    gone = enrol(run, cota, gender="female")
    Membership.objects.filter(user=gone.user).update(ended_on=datetime.date(2026, 4, 1))
    enrol(run, cota, gender="female", role=Role.COORDINATOR)
    withdrawn = enrol(run, tenjo, gender="male")
    Enrolment.objects.filter(pk=withdrawn.pk).update(status=Enrolment.Status.WITHDRAWN)
    other_run = CourseRunFactory(course=run.course)
    enrol(other_run, MunicipalityFactory(programme=other_run.programme), gender="female")
    return programme


def test_expected_seconds_of_the_fixture_run(programme_data):
    calendar = selectors.programme_calendar(programme_data, today=TODAY)
    assert list(calendar.expected_by_run.values()) == [6 * HOUR * 92 // 289]


def test_programme_overview(programme_data):
    overview = selectors.programme_overview(programme_data, today=TODAY)
    assert overview.municipalities_selected == 3
    assert overview.municipalities_reserve == 1
    assert overview.municipalities_active == 2  # Tenjo and Cota
    assert overview.municipalities_h2 == 1
    assert overview.officials_enrolled == 7
    assert overview.active_7_days == 4
    assert overview.median_seconds == 6 * HOUR  # 0, 3, 6, 6, 12, 30, 80
    assert overview.median_hours == 6
    assert overview.distribution == {
        "0–10": 4,
        "10–25": 1,
        "25–50": 1,
        "50–75": 0,
        "75–100": 1,
        "100+": 0,
    }
    assert overview.certified == 2
    assert overview.at_risk == 1
    assert overview.certifications_by_month == [
        (datetime.date(2026, 2, 1), 0),
        (datetime.date(2026, 3, 1), 0),
        (datetime.date(2026, 4, 1), 0),
        (datetime.date(2026, 5, 1), 2),
        (datetime.date(2026, 6, 1), 0),
    ]


def test_gender_breakdown_shows_aggregates_and_never_a_person(programme_data):
    by_gender = selectors.programme_overview(programme_data, today=TODAY).by_gender
    # Five women: 0, 12, 30, 80 (Tenjo) and 6 (Cota, certified).
    assert by_gender["female"] == {"enrolled": 5, "certified": 1, "median_hours": 12}
    # One man and one person who did not say: their certificate or hours would be theirs.
    assert by_gender["male"] == {"enrolled": 1, "certified": None, "median_hours": None}
    assert by_gender[""] == {"enrolled": 1, "certified": None, "median_hours": None}
    assert selectors.MIN_GROUP_SIZE == 5


def test_municipality_rows(programme_data):
    rows = {row.name: row for row in selectors.municipality_rows(programme_data, today=TODAY)}
    assert list(rows) == ["Chía", "Cota", "Sopó", "Tenjo"]
    tenjo, cota, sopo, chia = rows["Tenjo"], rows["Cota"], rows["Sopó"], rows["Chía"]
    # Five officials in the team; one of them left the course run (withdrawn enrolment).
    assert (tenjo.team_size, tenjo.enrolled, tenjo.certified, tenjo.at_risk_count) == (5, 4, 0, 1)
    assert (tenjo.hours_median, tenjo.hours_min, tenjo.active_count) == (21 * HOUR, 0, 1)
    assert tenjo.progress_percent == pytest.approx(75)
    assert (cota.team_size, cota.enrolled, cota.certified, cota.at_risk_count) == (3, 3, 2, 0)
    assert (cota.hours_median, cota.hours_min, cota.active_count) == (6 * HOUR, 3 * HOUR, 3)
    assert cota.progress_percent == pytest.approx(250 / 3)
    assert cota.h2_reached_on is None
    assert (sopo.team_size, sopo.enrolled, sopo.hours_median, sopo.hours_min) == (1, 0, None, None)
    assert sopo.h2_reached_on == datetime.date(2026, 5, 20)
    assert (chia.team_size, chia.enrolled, chia.certified, chia.at_risk_count) == (0, 0, 0, 0)


def test_municipality_rows_sort_and_filter(programme_data):
    def names(**kwargs):
        return [
            row.name for row in selectors.municipality_rows(programme_data, today=TODAY, **kwargs)
        ]

    assert names(order="-hours_median") == ["Tenjo", "Cota", "Chía", "Sopó"]
    assert names(order="hours_median") == ["Chía", "Sopó", "Cota", "Tenjo"]  # empty first
    assert names(order="-certified") == ["Cota", "Chía", "Sopó", "Tenjo"]
    assert names(order="-h2_reached_on")[0] == "Sopó"
    for order in selectors.MUNICIPALITY_ORDERS:
        assert len(names(order=order)) == 4
        assert len(names(order=f"-{order}")) == 4
    assert names(order="nonsense; drop table") == names()
    assert names(only_at_risk=True) == ["Tenjo"]
    assert names(status="reserve") == ["Chía"]
    assert names(search="co") == ["Cota"]
    assert names(h2="yes") == ["Sopó"]
    assert names(h2="no") == ["Chía", "Cota", "Tenjo"]


def test_team_rows(programme_data):
    tenjo = Municipality.objects.get(name="Tenjo")
    rows = list(selectors.municipality_team_rows(tenjo, today=TODAY))
    assert len(rows) == 4
    flags = sorted(
        (row.credited_seconds // HOUR, row.active, row.behind, row.inactive, row.at_risk)
        for row in rows
    )
    assert flags == [
        (0, False, True, True, True),
        (12, True, False, False, False),
        (30, False, False, False, False),
        (80, False, False, False, False),
    ]
    cota = Municipality.objects.get(name="Cota")
    assert sorted(row.certified for row in selectors.municipality_team_rows(cota, today=TODAY)) == [
        False,
        True,
        True,
    ]


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(programme_data):
    tenjo = Municipality.objects.get(name="Tenjo")
    row = selectors.municipality_rows(programme_data, today=TODAY).get(pk=tenjo.pk)
    assert row.hours_median == (12 + 30) / 2 * HOUR


def build(programme, run, count):
    for _ in range(count):
        municipality = MunicipalityFactory(programme=programme)
        for index in range(3):
            enrolment = enrol(run, municipality, gender=("female", "male", "")[index])
            set_figures(enrolment, hours=index * 20, studied=at(25 + index))


def test_query_counts_do_not_grow_with_the_programme(
    run, django_assert_num_queries, django_db_blocker
):
    programme = run.programme
    counts = []
    for size in (3, 12):
        build(programme, run, size - len(counts) * 3)
        # The calendar (2), the municipalities and the cache's stamp (2), the figures (3).
        with django_assert_num_queries(7) as overview_queries:
            selectors.programme_overview(programme, today=TODAY)
        calendar = selectors.programme_calendar(programme, today=TODAY)
        with django_assert_num_queries(1):
            rows = list(
                selectors.municipality_rows(
                    programme, today=TODAY, order="-at_risk_count", calendar=calendar
                )
            )
        municipality = rows[0]
        with django_assert_num_queries(1):
            team = list(
                selectors.municipality_team_rows(municipality, today=TODAY, calendar=calendar)
            )
            assert all(row.user.full_name for row in team)
        counts.append(len(overview_queries))
        assert len(rows) == size
    assert counts[0] == counts[1]


def test_a_single_small_group_cannot_be_recovered_from_the_totals(run):
    municipality = MunicipalityFactory(programme=run.programme)
    for gender in ["female"] * 6 + ["male"]:
        set_figures(enrol(run, municipality, gender=gender), hours=3, studied=at(30))

    by_gender = selectors.programme_overview(run.programme, today=TODAY).by_gender

    assert by_gender["male"]["certified"] is None  # one man: withheld
    # Otherwise total certified minus the women's would give the man's.
    assert by_gender["female"] == {"enrolled": 6, "certified": None, "median_hours": None}


# --- The overview's cache ------------------------------------------------------------


def test_the_overview_is_kept_until_its_certificates_change(
    programme_data, django_assert_num_queries
):
    first = selectors.programme_overview(programme_data, today=TODAY)
    with django_assert_num_queries(4):  # the calendar and the stamp; no figures
        assert selectors.programme_overview(programme_data, today=TODAY) == first

    certificate = Certificate.objects.filter(status=Certificate.Status.VALID).first()
    certification_services.certificate_revoke(
        certificate=certificate, reason=RevocationReason.values[0], by=UserFactory()
    )
    revoked = selectors.programme_overview(programme_data, today=TODAY)
    assert (first.certified, revoked.certified) == (2, 1)

    renamed = Certificate.objects.get(status=Certificate.Status.VALID)
    certification_services.certificate_reissue_with_name(certificate=renamed, name="Otra Persona")
    assert selectors.programme_overview(programme_data, today=TODAY).certified == 1


def test_team_and_municipality_changes_show_at_once(programme_data):
    first = selectors.programme_overview(programme_data, today=TODAY)
    tenjo = Municipality.objects.get(name="Tenjo")
    leaving = Membership.objects.filter(municipality=tenjo, role=Role.OFFICIAL).first()
    programs_services.membership_end(membership=leaving, reason="Dejó la alcaldía")
    assert selectors.programme_overview(programme_data, today=TODAY).officials_enrolled == (
        first.officials_enrolled - 1
    )

    enrolment = Enrolment.objects.get(municipality__name="Cota", credited_seconds=3 * HOUR)
    courses_services.enrolment_withdraw(enrolment=enrolment)
    assert selectors.programme_overview(programme_data, today=TODAY).officials_enrolled == (
        first.officials_enrolled - 2
    )

    Municipality.objects.filter(name="Chía").update(h2_reached_on=TODAY)  # no save(): no signal
    Municipality.objects.filter(name="Chía").update(status=Municipality.Status.SELECTED)
    overview = selectors.programme_overview(programme_data, today=TODAY)
    assert (overview.municipalities_selected, overview.municipalities_h2) == (4, 2)


def test_study_figures_may_lag_for_the_cache_time_and_fresh_reads_now(programme_data, settings):
    first = selectors.programme_overview(programme_data, today=TODAY)
    zero = Enrolment.objects.filter(credited_seconds=0, status="active").first()
    set_figures(zero, hours=50, studied=at(31))  # a heartbeat's or a completion's update

    assert selectors.programme_overview(programme_data, today=TODAY) == first
    fresh = selectors.programme_overview(programme_data, today=TODAY, fresh=True)
    assert fresh.active_7_days == first.active_7_days + 1
    assert selectors.programme_overview(programme_data, today=TODAY + datetime.timedelta(1)) != (
        first
    )  # another day: another entry

    settings.REPORTING_OVERVIEW_CACHE_SECONDS = 0  # no cache at all
    assert selectors.programme_overview(programme_data, today=TODAY) == fresh

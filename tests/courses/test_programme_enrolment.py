"""Enrolling the teams of every selected municipality of a programme in one action."""

import pytest
from django.core.exceptions import ValidationError

from courses import services
from courses.models import Enrolment
from programs.models import Municipality, Role
from tests.factories import CourseRunFactory, MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_run():
    """A run whose programme has two selected teams (10 and 3 officials, one of the ten
    also coordinating), a selected municipality without officials yet and a reserve."""
    run = CourseRunFactory()
    programme = run.programme
    tenjo = MunicipalityFactory(programme=programme, name="Tenjo")
    members = MembershipFactory.create_batch(10, municipality=tenjo)
    MembershipFactory(user=members[0].user, municipality=tenjo, role=Role.COORDINATOR)
    cota = MunicipalityFactory(programme=programme, name="Cota")
    MembershipFactory.create_batch(3, municipality=cota)
    MunicipalityFactory(programme=programme, name="Sopó")  # no team yet
    reserve = MunicipalityFactory(
        programme=programme, name="Cajicá", status=Municipality.Status.RESERVE
    )
    MembershipFactory.create_batch(2, municipality=reserve)
    return run


def test_every_selected_team_is_enrolled_once_and_reserves_wait(programme_run):
    first = services.enrolment_create_for_programme(course_run=programme_run)
    again = services.enrolment_create_for_programme(course_run=programme_run)

    assert (first.teams, first.created, first.already_enrolled) == (2, 13, 0)
    assert first.without_officials == ("Sopó",)
    assert (again.created, again.reactivated, again.already_enrolled) == (0, 0, 13)
    enrolments = Enrolment.objects.filter(course_run=programme_run)
    assert enrolments.count() == 13
    assert {e.municipality.name for e in enrolments} == {"Tenjo", "Cota"}
    assert all(e.status == Enrolment.Status.ACTIVE for e in enrolments)


def test_withdrawn_officials_are_enrolled_again_and_others_runs_untouched(programme_run):
    services.enrolment_create_for_programme(course_run=programme_run)
    withdrawn = Enrolment.objects.filter(course_run=programme_run).first()
    services.enrolment_withdraw(enrolment=withdrawn)
    other_run = CourseRunFactory(programme=programme_run.programme)

    result = services.enrolment_create_for_programme(course_run=programme_run)

    assert (result.created, result.reactivated, result.already_enrolled) == (0, 1, 12)
    withdrawn.refresh_from_db()
    assert withdrawn.status == Enrolment.Status.ACTIVE and withdrawn.withdrawn_at is None
    assert not Enrolment.objects.filter(course_run=other_run).exists()


def test_a_programme_without_officials_is_refused_and_nothing_changes():
    run = CourseRunFactory()
    MunicipalityFactory(programme=run.programme, name="Sopó")
    with pytest.raises(ValidationError, match="import the municipalities"):
        services.enrolment_create_for_programme(course_run=run)
    assert not Enrolment.objects.exists()


def test_the_queries_do_not_grow_with_the_programme(programme_run, django_assert_max_num_queries):
    for number in range(20):
        municipality = MunicipalityFactory(programme=programme_run.programme, name=f"M{number}")
        MembershipFactory.create_batch(2, municipality=municipality)
    with django_assert_max_num_queries(8):
        result = services.enrolment_create_for_programme(course_run=programme_run)
    assert result.created == 53

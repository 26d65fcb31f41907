"""Managers' and tutors' screens from the outside."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import Enrolment, LedgerEntry
from programs.models import Membership, Municipality, Role
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Programa MuNet Colombia")


@pytest.fixture
def manager(programme, manager_of):
    return manager_of(programme)


@pytest.fixture
def team(programme):
    municipality = MunicipalityFactory(programme=programme, name="Tenjo")
    MembershipFactory.create_batch(10, municipality=municipality)
    return municipality


def test_programme_pages_are_for_its_managers_only(client, programme, manager, team):
    urls = [
        reverse("manage_programme", args=[programme.pk]),
        reverse("manage_municipality", args=[team.pk]),
    ]
    for user, expected in [(manager, 200), (UserFactory(), 404)]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == expected, (user, url)
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    client.force_login(other_manager)
    assert all(client.get(url).status_code == 404 for url in urls)


def test_municipality_table_is_paginated_and_filtered(client, programme, manager):
    MunicipalityFactory.create_batch(30, programme=programme)
    MunicipalityFactory.create_batch(3, programme=programme, status=Municipality.Status.RESERVE)
    client.force_login(manager)
    url = reverse("manage_programme", args=[programme.pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == 33
    reserves = client.get(url, {"status": "reserve"})
    assert reserves.context["page"].paginator.count == 3


def test_municipality_table_query_count_does_not_grow(
    client, programme, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("manage_programme", args=[programme.pk])
    counts = []
    for size in (2, 25):
        for municipality in MunicipalityFactory.create_batch(size, programme=programme):
            MembershipFactory.create_batch(2, municipality=municipality)
        with django_assert_max_num_queries(15) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_manager_enrols_a_whole_team_in_one_action(client, programme, manager, team):
    run = CourseRunFactory(programme=programme)
    client.force_login(manager)
    url = reverse("manage_municipality_enrol", args=[team.pk])
    response = client.post(url, {"enrol-course_run": run.pk}, follow=True)
    assert response.status_code == 200
    assert Enrolment.objects.filter(course_run=run, municipality=team).count() == 10
    client.post(url, {"enrol-course_run": run.pk})
    assert Enrolment.objects.filter(course_run=run).count() == 10


def test_manager_cannot_enrol_into_another_programmes_run(client, manager, team):
    foreign_run = CourseRunFactory()
    client.force_login(manager)
    response = client.post(
        reverse("manage_municipality_enrol", args=[team.pk]),
        {"enrol-course_run": foreign_run.pk},
    )
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_manager_replaces_an_official_and_the_newcomer_gets_a_link(
    client, programme, manager, team, mailoutbox, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(programme=programme)
    client.force_login(manager)
    client.post(reverse("manage_municipality_enrol", args=[team.pk]), {"enrol-course_run": run.pk})
    leaving = Membership.objects.filter(municipality=team, role=Role.OFFICIAL).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage_official_replace", args=[team.pk]),
            {
                "turnover-leaving": leaving.pk,
                "turnover-email": "andrea.cifuentes@tenjo.gov.co",
                "turnover-full_name": "Andrea Cifuentes Ávila",
                "turnover-reason": "Renunció a la alcaldía",
                "turnover-confirm": "on",
            },
        )
    assert response.status_code == 302
    newcomer = Enrolment.objects.get(user__email="andrea.cifuentes@tenjo.gov.co")
    assert newcomer.course_run == run
    assert Enrolment.objects.get(user=leaving.user).status == Enrolment.Status.WITHDRAWN
    assert [m.to for m in mailoutbox] == [["andrea.cifuentes@tenjo.gov.co"]]
    page = client.get(reverse("manage_municipality", args=[team.pk]))
    assert "Renunció a la alcaldía" in page.text  # history shown
    assert "/activate/" in page.text  # the newcomer's link can be copied


def test_manager_swaps_in_a_reserve(client, programme, manager, team):
    reserve = MunicipalityFactory(
        programme=programme, name="Sutatausa", status=Municipality.Status.RESERVE
    )
    client.force_login(manager)
    url = reverse("manage_municipality_replace", args=[team.pk])
    unconfirmed = {"reserve-reserve": reserve.pk, "reserve-reason": "Cambio de administración"}
    assert client.post(url, unconfirmed).status_code == 400
    team.refresh_from_db()
    assert team.status == Municipality.Status.SELECTED
    response = client.post(url, {**unconfirmed, "reserve-confirm": "on"})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.status == Municipality.Status.REPLACED and team.replaced_by == reserve


def test_invalid_forms_explain_and_change_nothing(client, programme, manager, team):
    client.force_login(manager)
    response = client.post(reverse("manage_municipality_replace", args=[team.pk]), {})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    team.refresh_from_db()
    assert team.status == Municipality.Status.SELECTED


def test_tutor_adjusts_hours_with_a_reason(client, programme, team):
    run = CourseRunFactory(programme=programme)
    tutor = UserFactory(full_name="Ana Tutora")
    run.tutors.add(tutor)
    official = Membership.objects.filter(municipality=team).first().user
    enrolment = Enrolment.objects.create(user=official, course_run=run, municipality=team)
    client.force_login(tutor)
    url = reverse("tutor_enrolment", args=[enrolment.pk])
    refused = client.post(url, {"hours": "1,5", "reason": ""})
    assert refused.status_code == 200 and not LedgerEntry.objects.exists()
    accepted = client.post(url, {"hours": "1.5", "reason": "Taller presencial en Tenjo"})
    assert accepted.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.seconds, entry.recorded_by) == (5400, tutor)


def test_tutor_run_list_query_count_does_not_grow_with_learners(
    client, programme, team, django_assert_max_num_queries
):
    run = CourseRunFactory(programme=programme)
    tutor = UserFactory()
    run.tutors.add(tutor)
    client.force_login(tutor)
    url = reverse("tutor_run", args=[run.pk])
    counts = []
    for batch in (2, 30):
        for membership in MembershipFactory.create_batch(batch, municipality=team):
            Enrolment.objects.create(user=membership.user, course_run=run, municipality=team)
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_form_addresses_answer_a_get_with_the_municipality_page(client, manager, team):
    client.force_login(manager)
    for name in ("manage_municipality_enrol", "manage_official_replace"):
        response = client.get(reverse(name, args=[team.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("manage_municipality", args=[team.pk])


def test_each_person_appears_once_with_all_their_roles(client, manager, team):
    official = Membership.objects.filter(municipality=team).first()
    MembershipFactory(municipality=team, user=official.user, role=Role.COORDINATOR)
    client.force_login(manager)
    page = client.get(reverse("manage_municipality", args=[team.pk]))
    assert len(page.context["team"]) == 10
    assert page.text.count(official.user.email) == 1
    assert (
        "Funcionario/a, Coordinador/a" in page.text or "Coordinador/a, Funcionario/a" in page.text
    )


def test_start_page_depends_on_the_role(client, programme, manager, team, small_enrolment):
    client.force_login(manager)
    assert client.get(reverse("home"))["Location"] == reverse("manage_programmes")
    tutor = UserFactory()
    MembershipFactory(user=tutor, municipality=None, programme=programme, role=Role.TUTOR)
    client.force_login(tutor)
    assert client.get(reverse("home"))["Location"] == reverse("tutor_runs")
    client.force_login(small_enrolment.user)
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")


def test_someone_allowed_to_create_programmes_starts_at_the_programme_list(client):
    """Before managing any programme, their start page is where "New programme" is."""
    creator = UserFactory()
    client.force_login(creator)
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")
    creator.user_permissions.add(Permission.objects.get(codename="add_programme"))
    client.force_login(creator)
    assert client.get(reverse("home"))["Location"] == reverse("manage_programmes")

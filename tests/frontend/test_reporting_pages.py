"""The programme dashboards from the outside: who sees what, in Spanish, in bounded queries."""

import datetime
import re

import pytest
from django.urls import reverse

from courses import services as courses_services
from courses.models import Enrolment
from programs.models import Role
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOUR = 3600


def add_team(run, *, name=None, size=3, hours=(0, 20, 45)):
    municipality = MunicipalityFactory(programme=run.programme, **({"name": name} if name else {}))
    enrolments = []
    for index in range(size):
        user = UserFactory(gender=("female", "male", "")[index % 3])
        MembershipFactory(user=user, municipality=municipality, role=Role.OFFICIAL)
        enrolment, _ = courses_services.enrolment_create(
            user=user, course_run=run, municipality=municipality
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(
            credited_seconds=hours[index % len(hours)] * HOUR,
            last_heartbeat_at=datetime.datetime.now(tz=datetime.UTC),
        )
        enrolments.append(enrolment)
    return municipality, enrolments


@pytest.fixture
def run():
    return CourseRunFactory(
        programme=ProgrammeFactory(name="Programa MuNet Colombia"),
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2027, 3, 1),
    )


@pytest.fixture
def manager(run, manager_of):
    return manager_of(run.programme)


@pytest.fixture
def tenjo(run):
    municipality, _ = add_team(run, name="Tenjo")
    return municipality


@pytest.fixture
def coordinator(tenjo):
    user = UserFactory(full_name="Coordinadora Marta Ruiz")
    MembershipFactory(user=user, municipality=tenjo, role=Role.COORDINATOR)
    return user


def manager_urls(run, municipality):
    return [
        reverse("reporting_dashboard", args=[run.programme_id]),
        reverse("reporting_municipality_table", args=[run.programme_id]),
        reverse("reporting_municipality_team", args=[municipality.pk]),
    ]


def test_manager_pages_are_for_the_programme_managers_only(client, run, manager, tenjo):
    urls = manager_urls(run, tenjo)
    client.force_login(manager)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]

    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    official = Enrolment.objects.filter(municipality=tenjo).first().user
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, municipality=tenjo, role=Role.COORDINATOR)
    for outsider in (other_manager, official, coordinator):
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404], outsider
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)


def test_coordinator_sees_only_their_own_team(client, run, tenjo, coordinator):
    cota, _ = add_team(run, name="Cota")
    client.force_login(coordinator)
    page = client.get(reverse("coordinator_home"))
    assert page.status_code == 200
    assert page.context["municipality"] == tenjo
    assert len(page.context["members"]) == 3
    assert "Equipo de Tenjo" in page.content.decode()
    # No drill-down into an official's record: that page is for tutors and managers.
    assert reverse("tutor_enrolment", args=[page.context["members"][0].pk]) not in (
        page.content.decode()
    )
    assert client.get(reverse("coordinator_team", args=[tenjo.pk])).status_code == 200
    assert client.get(reverse("coordinator_team", args=[cota.pk])).status_code == 404

    official = Enrolment.objects.filter(municipality=tenjo).first().user
    client.force_login(official)
    assert client.get(reverse("coordinator_home")).status_code == 404
    assert client.get(reverse("coordinator_team", args=[tenjo.pk])).status_code == 404


def test_coordinator_of_two_municipalities_chooses_one(client, run, tenjo, coordinator):
    other_run = CourseRunFactory()
    elsewhere, _ = add_team(other_run, name="Guatavita")
    MembershipFactory(user=coordinator, municipality=elsewhere, role=Role.COORDINATOR)
    client.force_login(coordinator)
    page = client.get(reverse("coordinator_home"))
    assert [m.name for m in page.context["municipalities"]] == ["Guatavita", "Tenjo"]
    assert reverse("coordinator_team", args=[elsewhere.pk]) in page.content.decode()


def test_dashboard_in_spanish_with_accessible_charts(client, run, manager, tenjo):
    client.force_login(manager)
    page = client.get(reverse("reporting_dashboard", args=[run.programme_id]))
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "Panel" in html
    assert "Certificaciones en el tiempo" in html
    assert "Por género autodeclarado" in html
    # Two charts, each named by its title and described (every value) by its desc.
    assert html.count('role="img"') == 2
    for title_id, desc_id in re.findall(
        r'aria-labelledby="(chart-\d+-title) (chart-\d+-desc)"', html
    ):
        assert f'<title id="{title_id}">' in html
        assert f'<desc id="{desc_id}">' in html
    assert "Funcionarios por horas acreditadas" in html
    assert "0–10 horas: 1 funcionario" in html
    # The figures as tables as well.
    assert html.count("Mostrar las cifras en una tabla") == 2
    # Three people of three genders: groups too small to show more than the count.
    assert page.context["gender_rows"] == [
        {"label": "Prefiero no decirlo", "enrolled": 1, "certified": None, "median_hours": None},
        {"label": "Femenino", "enrolled": 1, "certified": None, "median_hours": None},
        {"label": "Masculino", "enrolled": 1, "certified": None, "median_hours": None},
    ]
    assert page.context["median_hours"] == "20,0"


def test_municipality_table_sorts_filters_and_drills_down(client, run, manager, tenjo):
    add_team(run, name="Cota", hours=(100, 110, 120))  # never behind
    add_team(run, name="Sopó", size=2, hours=(1,))
    client.force_login(manager)
    url = reverse("reporting_municipality_table", args=[run.programme_id])
    page = client.get(url, {"order": "-hours_median"})
    assert [row.name for row in page.context["page"]] == ["Cota", "Tenjo", "Sopó"]
    html = page.content.decode()
    assert "Tabla de municipios" in html
    assert 'aria-sort="descending"' in html
    assert "Mediana de horas" in html
    assert "110,0" in html  # Cota's median, in the Spanish number format
    assert reverse("reporting_municipality_team", args=[tenjo.pk]) in html
    # Sopó's two officials have 1 h each: behind the calendar.
    at_risk = client.get(url, {"at_risk": "1"})
    assert [row.name for row in at_risk.context["page"]] == ["Sopó", "Tenjo"]
    assert [row.name for row in client.get(url, {"q": "cot"}).context["page"]] == ["Cota"]

    team = client.get(reverse("reporting_municipality_team", args=[tenjo.pk]))
    enrolment = team.context["members"][0]
    link = reverse("tutor_enrolment", args=[enrolment.pk])
    assert link in team.content.decode()
    assert client.get(link).status_code == 200


def test_municipality_table_is_paginated(client, run, manager):
    for _ in range(27):
        MunicipalityFactory(programme=run.programme)
    client.force_login(manager)
    url = reverse("reporting_municipality_table", args=[run.programme_id])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == 27
    assert len(client.get(url, {"page": 2}).context["page"].object_list) == 2


def test_manager_programme_page_links_to_the_dashboards(client, run, manager):
    client.force_login(manager)
    html = client.get(reverse("manage_programme", args=[run.programme_id])).content.decode()
    assert reverse("reporting_dashboard", args=[run.programme_id]) in html
    assert reverse("reporting_municipality_table", args=[run.programme_id]) in html


# Session, person, menu roles, the access check, the programme's run and its calendar, then
# the page's own figures (and, for managers, their recent exports): the same at 3 and at 12
# municipalities.
BUDGETS = {"dashboard": 12, "table": 9, "team": 8, "coordinator": 8}


@pytest.mark.parametrize("page_name", list(BUDGETS))
def test_page_queries_do_not_grow_with_the_programme(
    client, run, manager, tenjo, coordinator, page_name, django_assert_num_queries
):
    urls = {
        "dashboard": reverse("reporting_dashboard", args=[run.programme_id]),
        "table": reverse("reporting_municipality_table", args=[run.programme_id]),
        "team": reverse("reporting_municipality_team", args=[tenjo.pk]),
        "coordinator": reverse("coordinator_home"),
    }
    client.force_login(coordinator if page_name == "coordinator" else manager)
    for size in (3, 12):
        while run.programme.municipalities.count() < size:
            add_team(run)
        if size == 12:  # Tenjo's team grows too
            add_team_members = [UserFactory() for _ in range(3)]
            for user in add_team_members:
                MembershipFactory(user=user, municipality=tenjo, role=Role.OFFICIAL)
                courses_services.enrolment_create(user=user, course_run=run, municipality=tenjo)
        with django_assert_num_queries(BUDGETS[page_name]):
            assert client.get(urls[page_name]).status_code == 200


def test_a_programme_without_course_runs_shows_empty_figures(client, manager_of):
    programme = ProgrammeFactory()
    municipality = MunicipalityFactory(programme=programme)
    MembershipFactory(municipality=municipality)
    client.force_login(manager_of(programme))
    dashboard = client.get(reverse("reporting_dashboard", args=[programme.pk]))
    assert dashboard.status_code == 200
    assert dashboard.context["overview"].officials_enrolled == 0
    assert dashboard.context["median_hours"] is None
    table = client.get(reverse("reporting_municipality_table", args=[programme.pk]))
    row = table.context["page"].object_list[0]
    assert (row.team_size, row.enrolled, row.hours_median) == (1, 0, None)
    team = client.get(reverse("reporting_municipality_team", args=[municipality.pk]))
    assert team.status_code == 200

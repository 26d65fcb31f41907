"""The programme page's form that enrols the teams of every selected municipality."""

import pytest
from django.urls import reverse

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


@pytest.fixture
def run():
    run = CourseRunFactory(title="Cohorte 1 · 2026")
    for name in ("Tenjo", "Cota"):
        municipality = MunicipalityFactory(programme=run.programme, name=name)
        MembershipFactory.create_batch(3, municipality=municipality)
    MunicipalityFactory(programme=run.programme, name="Sopó")
    return run


@pytest.fixture
def manager(run, manager_of):
    return manager_of(run.programme)


def test_the_manager_enrols_every_team_from_the_programme_page(client, run, manager):
    client.force_login(manager)
    page = client.get(reverse("manage_programme", args=[run.programme_id]))
    html = page.content.decode()
    assert "Inscribir a los equipos de todos los municipios seleccionados" in html
    assert f'action="{reverse("manage_programme_enrol", args=[run.programme_id])}"' in html

    url = reverse("manage_programme_enrol", args=[run.programme_id])
    response = client.post(url, {"enrol-course_run": run.pk}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("manage_programme", args=[run.programme_id])
    text = response.content.decode()
    assert (
        "Equipos inscritos en Cohorte 1 · 2026: 2. Funcionarios inscritos ahora: 6; "
        "ya estaban inscritos: 0."
    ) in text
    assert "todavía no tienen funcionarios: Sopó." in text
    assert Enrolment.objects.filter(course_run=run).count() == 6


def test_bad_input_says_why_and_changes_nothing(client, run, manager):
    client.force_login(manager)
    url = reverse("manage_programme_enrol", args=[run.programme_id])
    foreign = CourseRunFactory()  # another programme's run is not a choice
    for data in ({}, {"enrol-course_run": foreign.pk}):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "course_run" in response.context["enrol_form"].errors
    empty = CourseRunFactory(programme=ProgrammeFactory())
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=empty.programme, role=Role.MANAGER
    )
    client.force_login(other_manager)
    response = client.post(
        reverse("manage_programme_enrol", args=[empty.programme_id]),
        {"enrol-course_run": empty.pk},
    )
    assert response.status_code == 400
    assert "importe primero los municipios y sus equipos" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_only_the_programmes_managers_enrol_and_a_get_goes_back_to_the_page(client, run, manager):
    url = reverse("manage_programme_enrol", args=[run.programme_id])
    client.force_login(UserFactory())
    assert client.post(url, {"enrol-course_run": run.pk}).status_code == 404
    client.force_login(manager)
    assert client.get(url)["Location"] == reverse("manage_programme", args=[run.programme_id])
    assert not Enrolment.objects.exists()

"""Creating a programme: who may, what is checked, and who becomes its manager."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import selectors, services
from programs.models import Membership, Programme, Role
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/manage/programmes/new/"
FORM = {
    "name": "  Programa MuNet   Perú ",
    "country": "pe",
    "languages": ["es", "en"],
    "time_zone": "America/Lima",
    "starts_on": "2027-02-01",
    "ends_on": "2028-03-31",
    "grade_scale": "twenty",
}


@pytest.fixture
def creator():
    user = UserFactory(full_name="Ana Quispe")
    user.user_permissions.add(Permission.objects.get(codename="add_programme"))
    return user


def test_the_url():
    assert reverse("manage_programme_create") == URL


def test_a_person_with_the_permission_creates_a_programme_and_manages_it(client, creator):
    client.force_login(creator)
    listing = client.get(reverse("manage_programmes")).content.decode()
    assert f'href="{URL}"' in listing  # the programme list links to the form
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<legend>Idiomas del programa</legend>" in html
    assert 'type="date"' in html and 'value="America/Bogota"' in html

    response = client.post(URL, FORM)
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("manage_programme", args=[programme.pk])
    assert programme.name == "Programa MuNet Perú"
    assert (programme.country, programme.languages, programme.time_zone) == (
        "PE",
        ["es", "en"],
        "America/Lima",
    )
    assert programme.grade_scale == Programme.GradeScale.TWENTY
    assert programme.starts_on == datetime.date(2027, 2, 1)
    membership = Membership.objects.get(programme=programme)
    assert (membership.user, membership.role, membership.ended_on) == (creator, Role.MANAGER, None)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "y usted es su gestor" in page.content.decode()


def test_bad_input_is_explained_in_spanish_and_creates_nothing(client, creator):
    ProgrammeFactory(name="Programa MuNet Perú")
    client.force_login(creator)
    bad = {
        **FORM,
        "country": "XX",
        "languages": [],
        "time_zone": "Lima",
        "ends_on": "2026-01-01",
    }
    response = client.post(URL, bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"languages"}  # the form's own checks first
    html = response.content.decode()
    assert 'role="alert"' in html and "Elija uno o más idiomas." in html

    response = client.post(URL, {**bad, "languages": ["es"]})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"name", "country", "time_zone", "ends_on"}
    html = response.content.decode()
    assert "Ya hay un programa con este nombre." in html
    assert "código ISO 3166" in html
    assert Programme.objects.count() == 1 and not Membership.objects.exists()


def test_the_service_checks_every_field(creator):
    with pytest.raises(ValidationError) as raised:
        services.programme_create(
            name=" ",
            country="Colombia",
            languages=["es", "de"],
            time_zone="UTC+5",
            starts_on=datetime.date(2027, 1, 2),
            ends_on=datetime.date(2027, 1, 1),
            grade_scale="letters",
            by=creator,
        )
    assert set(raised.value.message_dict) == {
        "name",
        "country",
        "languages",
        "time_zone",
        "ends_on",
        "grade_scale",
    }
    programme = services.programme_create(
        name="Programa MuNet Bolivia",
        country="bo",
        languages=["fr", "es", "es"],
        time_zone="America/La_Paz",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 1, 1),
        grade_scale="percent",
        by=creator,
    )
    assert programme.languages == ["es", "fr"] and programme.country == "BO"
    assert selectors.is_manager_of(creator, programme.pk)


def test_only_people_allowed_may_create_programmes(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.post(URL, FORM).status_code == 302
    programme = ProgrammeFactory()
    official = MembershipFactory(municipality__programme=programme).user
    manager = UserFactory()
    MembershipFactory(user=manager, municipality=None, programme=programme, role=Role.MANAGER)
    for person in (official, manager):
        client.force_login(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, FORM).status_code == 403
        assert f'href="{URL}"' not in client.get(reverse("manage_programmes")).content.decode()
    assert Programme.objects.count() == 1
    administrator = UserFactory(is_staff=True)
    client.force_login(administrator)
    assert client.post(URL, FORM).status_code == 302
    assert selectors.is_manager_of(administrator, Programme.objects.get(name__contains="Perú").pk)

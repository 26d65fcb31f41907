import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from programs import selectors, services
from programs.models import Membership, Municipality, Role
from programs.tasks import send_activation_emails
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_people_are_found_by_e_mail_whatever_its_case():
    first, created = services.user_get_or_create(
        email=" Jose.Nunez@Chia-Cundinamarca.GOV.co ", full_name="José Núñez Peña"
    )
    again, created_again = services.user_get_or_create(
        email="JOSE.NUNEZ@chia-cundinamarca.gov.co", full_name="Otro"
    )
    assert created and not created_again
    assert first == again
    assert first.full_name == "José Núñez Peña"
    assert not first.has_usable_password()


def test_one_person_may_hold_several_roles_but_each_role_once():
    municipality = MunicipalityFactory()
    user = UserFactory()
    programme = municipality.programme
    official, _ = services.membership_add(
        user=user, programme=programme, role=Role.OFFICIAL, municipality=municipality
    )
    coordinator, _ = services.membership_add(
        user=user, programme=programme, role=Role.COORDINATOR, municipality=municipality
    )
    same, created = services.membership_add(
        user=user, programme=programme, role=Role.OFFICIAL, municipality=municipality
    )
    assert (same, created) == (official, False)
    assert selectors.roles_of(user) == {Role.OFFICIAL, Role.COORDINATOR}
    other = MunicipalityFactory(programme=programme)
    with pytest.raises(ValidationError, match="already"):
        services.membership_add(
            user=user, programme=programme, role=Role.OFFICIAL, municipality=other
        )
    assert coordinator.pk != official.pk


def test_the_database_refuses_a_team_role_without_municipality():
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=UserFactory(), programme=ProgrammeFactory(), role=Role.OFFICIAL
        )


def test_a_reserve_replaces_a_selected_municipality_keeping_history():
    selected = MunicipalityFactory(name="Guatavita")
    reserve = MunicipalityFactory(
        programme=selected.programme, name="Sesquilé", status=Municipality.Status.RESERVE
    )
    services.municipality_replace_with_reserve(
        selected=selected, reserve=reserve, reason="El concejo retiró su participación"
    )
    selected.refresh_from_db()
    reserve.refresh_from_db()
    assert selected.status == Municipality.Status.REPLACED
    assert selected.replaced_by == reserve and selected.replaced_on is not None
    assert reserve.status == Municipality.Status.SELECTED
    with pytest.raises(ValidationError):
        services.municipality_replace_with_reserve(
            selected=selected, reserve=reserve, reason="otra vez"
        )


def test_only_a_reserve_of_the_same_programme_can_replace():
    selected = MunicipalityFactory()
    foreign_reserve = MunicipalityFactory(status=Municipality.Status.RESERVE)
    with pytest.raises(ValidationError, match="same programme"):
        services.municipality_replace_with_reserve(
            selected=selected, reserve=foreign_reserve, reason="x"
        )
    not_reserve = MunicipalityFactory(programme=selected.programme)
    with pytest.raises(ValidationError, match="not a reserve"):
        services.municipality_replace_with_reserve(
            selected=selected, reserve=not_reserve, reason="x"
        )


def test_activation_e_mail_is_sent_once_in_the_persons_language(mailoutbox, client):
    user, _ = services.user_get_or_create(
        email="maria.lopez@tenjo.gov.co", full_name="María López", preferred_language="en"
    )
    assert send_activation_emails([user.pk]) == 1
    assert send_activation_emails([user.pk]) == 0  # a retry sends nothing
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["maria.lopez@tenjo.gov.co"]
    assert message.subject == "Activate your MuNet Aula account"
    link = next(line for line in message.body.splitlines() if "/activate/" in line)
    path = link.split("127.0.0.1:8000", 1)[1].strip()

    # Following the link lets the person choose a password and logs them in.
    page = client.get(path, follow=True)
    assert page.status_code == 200 and page.context["validlink"]
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Transparencia-2026", "new_password2": "Transparencia-2026"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user.refresh_from_db()
    assert user.has_usable_password()
    # The link works once.
    assert not client.get(path, follow=True).context["validlink"]


def test_managers_see_only_their_programmes():
    manager = UserFactory()
    mine = ProgrammeFactory()
    ProgrammeFactory()
    MembershipFactory(user=manager, municipality=None, programme=mine, role=Role.MANAGER)
    assert list(selectors.programmes_managed_by(manager)) == [mine]

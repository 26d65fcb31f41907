import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_spanish_by_default_whatever_the_browser_says(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.text
    assert "Entrar en MuNet Aula" in response.text


def test_the_language_switch_is_remembered_for_anonymous_visitors(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert "Log in to MuNet Aula" in response.text


def test_a_person_keeps_the_language_they_chose(client):
    user = UserFactory(preferred_language="es")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"

    other_browser = client.__class__()
    other_browser.force_login(user)
    assert other_browser.get(reverse("dashboard"))["Content-Language"] == "en"


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory(preferred_language="es")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "es"

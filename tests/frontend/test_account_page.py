"""The account page: personal API tokens created, shown once, listed and revoked."""

import pytest
from django.urls import reverse

from programs import api_tokens
from programs.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_login(client):
    response = client.get(reverse("account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_token_is_created_shown_once_and_then_works(client):
    person = UserFactory()
    client.force_login(person)
    created = client.post(reverse("account"), {"name": "Sistema de RR. HH.", "scope": "write"})
    assert created.status_code == 302 and created["Location"] == reverse("account")
    response = client.get(reverse("account"))
    assert "no-store" in response["Cache-Control"]
    secret = response.context["new_secret"]
    assert secret.startswith("mna_") and secret in response.content.decode()
    assert "Copie el token ahora" in response.content.decode()
    again = client.get(reverse("account")).content.decode()  # a reload: shown no more
    assert secret not in again and "Sistema de RR. HH." in again
    assert ApiToken.objects.filter(user=person).count() == 1
    token = ApiToken.objects.get(user=person)
    assert token.scope == "write" and api_tokens.api_token_authenticate(secret) == token


def test_bad_input_is_explained_and_creates_nothing(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("account"), {"name": "", "scope": "todo", "expires_on": "2001-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-summary"' in page and 'href="#id_name"' in page
    assert not ApiToken.objects.exists()


def test_a_past_expiry_is_refused_in_the_persons_language(client):
    client.force_login(UserFactory(preferred_language="en"))
    response = client.post(
        reverse("account"), {"name": "Registry", "scope": "read", "expires_on": "2001-01-01"}
    )
    assert response.status_code == 400
    assert "The expiry date must be in the future." in response.content.decode()


def test_only_the_owner_revokes_a_token(client):
    owner, other = UserFactory(), UserFactory()
    token = api_tokens.api_token_create(user=owner, name="Registro", scope="read").token
    url = reverse("account_token_revoke", args=[token.pk])
    client.force_login(other)
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(owner)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revocado el" in client.get(reverse("account")).content.decode()


def test_the_menu_links_to_the_account(client):
    client.force_login(UserFactory())
    assert reverse("account") in client.get(reverse("dashboard")).content.decode()


def test_the_account_page_costs_few_queries(client, django_assert_max_num_queries):
    person = UserFactory()
    for n in range(5):
        api_tokens.api_token_create(user=person, name=f"Sistema {n}", scope="read")
    client.force_login(person)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("account")).status_code == 200


def test_tokens_revoked_long_ago_are_no_longer_listed(client):
    import datetime

    from django.utils import timezone

    person = UserFactory()
    old = api_tokens.api_token_create(user=person, name="Sistema antiguo", scope="read").token
    recent = api_tokens.api_token_create(user=person, name="Sistema reciente", scope="read").token
    api_tokens.api_token_revoke(token=old, now=timezone.now() - datetime.timedelta(days=91))
    api_tokens.api_token_revoke(token=recent)
    client.force_login(person)
    page = client.get(reverse("account")).content.decode()
    assert "Sistema reciente" in page and "Sistema antiguo" not in page

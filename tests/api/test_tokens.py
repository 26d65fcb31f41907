"""Personal API tokens: created, used, limited to their scope, throttled and revoked."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lms.api import TokenRateThrottle
from programs import api_tokens
from programs.models import ApiToken
from tests.api.conftest import client_with_token, token_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_digest_is_stored_and_the_secret_is_shown_once():
    user = UserFactory()
    new = api_tokens.api_token_create(user=user, name="Registro nacional", scope="read")
    assert new.secret.startswith("mna_") and len(new.secret) > 40
    stored = ApiToken.objects.get()
    assert new.secret not in (stored.digest, stored.prefix)
    assert stored.prefix == new.secret[:12]
    assert api_tokens.api_token_authenticate(new.secret) == stored


@pytest.mark.parametrize(
    ("name", "scope", "expires_in_days"),
    [("", "read", None), ("RR. HH.", "admin", None), ("RR. HH.", "read", -1)],
)
def test_a_token_is_refused_without_a_name_a_known_scope_or_a_future_expiry(
    name, scope, expires_in_days
):
    expires = timezone.now() + datetime.timedelta(days=expires_in_days) if expires_in_days else None
    with pytest.raises(ValidationError):
        api_tokens.api_token_create(user=UserFactory(), name=name, scope=scope, expires_at=expires)
    assert not ApiToken.objects.exists()


def test_a_token_authenticates_its_owner_and_says_its_scope(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    response = client.get(reverse("api:me"))
    assert response.status_code == 200
    assert response.json()["email"] == world.a.manager.email
    assert response.json()["token_scope"] == "write"
    assert response.json()["roles"] == ["manager"]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_read_only_token_may_read_but_not_change(world):
    client = client_with_token(token_for(world.a.manager, "read"))
    assert client.get(reverse("api:certificates")).status_code == 200
    refused = client.post(
        reverse("api:certificates"), {"enrolment": world.a.enrolments[1].pk}, format="json"
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert "solo puede leer" in refused.json()["detail"]


def test_a_write_token_may_change_what_its_owner_may(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    certificate = world.a.certificates[0]
    response = client.post(
        reverse("api:certificate_revoke", args=[certificate.pk]),
        {"reason": "error", "note": "Duplicado"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"


@pytest.mark.parametrize("state", ["revoked", "expired", "owner inactive", "unknown"])
def test_a_token_that_no_longer_works_gets_401(world, state):
    secret = token_for(world.a.manager)
    token = ApiToken.objects.get()
    if state == "revoked":
        api_tokens.api_token_revoke(token=token)
    elif state == "expired":
        ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif state == "owner inactive":
        world.a.manager.is_active = False
        world.a.manager.save()
    else:
        secret = secret[:-4] + "AAAA"
    response = client_with_token(secret).get(reverse("api:me"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["title"] == "Autenticación requerida"


def test_requests_are_throttled_per_token(world, monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "rate", "3/min", raising=False)
    first = client_with_token(token_for(world.a.manager))
    second = client_with_token(token_for(world.a.manager))
    assert [first.get(reverse("api:me")).status_code for _ in range(4)] == [200] * 3 + [429]
    throttled = first.get(reverse("api:me"))
    assert throttled["Retry-After"].isdigit()
    assert throttled.json()["type"] == "urn:munet-aula:problem:throttled"
    assert "inténtelo de nuevo en" in throttled.json()["detail"]
    assert second.get(reverse("api:me")).status_code == 200  # each token its own budget
    cache.clear()


def test_errors_speak_the_accept_language_else_the_token_owners_language(world):
    world.a.manager.preferred_language = "fr"
    world.a.manager.save()
    client = client_with_token(token_for(world.a.manager))
    missing = reverse("api:certificate", args=[999_999])
    assert client.get(missing).json()["title"] == "Introuvable"
    english = client.get(missing, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["title"] == "Not found"
    assert english["Content-Language"] == "en"
    portuguese = client.get(missing, HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    assert portuguese.json()["title"] == "Não encontrado"
    # A plain "pt" is our Portuguese too (it fell back to the owner's French).
    assert client.get(missing, HTTP_ACCEPT_LANGUAGE="pt").json()["title"] == "Não encontrado"
    assert client.get(missing, HTTP_ACCEPT_LANGUAGE="en-US").json()["title"] == "Not found"


def test_a_token_reads_times_in_its_owners_programme_zone_as_a_session_does(world, api):
    url = reverse("api:certificate", args=[world.a.certificates[0].pk])
    by_token = client_with_token(token_for(world.a.manager)).get(url).json()
    api.force_login(world.a.manager)
    by_session = api.get(url).json()
    assert world.a.programme.time_zone == "America/Bogota"
    assert by_token["issued_at"] == by_session["issued_at"]  # the token's was in UTC
    assert by_token["issued_at"].endswith("-05:00")


def test_a_token_cannot_be_used_to_create_tokens_there_is_no_such_endpoint(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    assert client.post("/api/v1/tokens/", {}, format="json").status_code == 404

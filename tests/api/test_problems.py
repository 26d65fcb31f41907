"""Errors are RFC 9457 problems, in the caller's language, with the fields at fault."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.conftest import client_with_token, token_for

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def test_an_unknown_api_address_is_a_problem_not_an_html_page(api):
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["instance"] == "/api/v1/no-such-thing/"
    assert body["type"] == "about:blank"
    assert body["title"] == "No encontrado"


def test_outside_the_api_a_missing_page_stays_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "problem" not in response["Content-Type"]


def test_invalid_input_points_at_each_field(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    url = reverse("api:municipality_team", args=[world.a.municipality.pk])
    response = client.post(url, {"email": "no es un correo", "role": "rey"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:munet-aula:problem:invalid"
    pointers = {error["pointer"] for error in body["errors"]}
    assert pointers == {"#/email", "#/full_name", "#/role"}
    assert all(error["detail"] for error in body["errors"])


def test_a_rule_refusing_says_why(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    not_yet = world.a.enrolments[2]
    response = client.post(reverse("api:certificates"), {"enrolment": not_yet.pk}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:munet-aula:problem:refused"
    assert "horas acreditadas" in body["detail"]


def test_a_wrong_method_is_a_problem_with_allow(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    response = client.delete(reverse("api:programmes"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["status"] == 405


def test_a_malformed_json_body_is_a_problem(world):
    client = client_with_token(token_for(world.a.manager, "write"))
    response = client.post(
        reverse("api:certificates"), "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["title"] == "Solicitud no válida"


def test_a_crash_under_api_answers_a_problem_without_details(world, monkeypatch):
    from certification import selectors

    def broken(user):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "certificates_visible_to", broken)
    client = client_with_token(token_for(world.a.manager))
    client.raise_request_exception = False
    response = client.get(reverse("api:certificates"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert "secret" not in response.content.decode()


def test_json_nested_too_deep_is_a_problem_not_a_crash(api):
    body = '{"payload": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = api.post(reverse("api:certificate_verify"), body, content_type="application/json")
    assert response.status_code == 400  # was a 500: RecursionError in the JSON decoder
    assert response["Content-Type"] == "application/problem+json"


def test_a_body_over_the_upload_limit_is_a_413_problem(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = '{"payload": "' + "1" * (2 * 1024 * 1024) + '"}'
    response = api.post(reverse("api:certificate_verify"), body, content_type="application/json")
    assert response.status_code == 413  # was Django's HTML "Bad Request (400)" page
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "La solicitud es demasiado grande (como máximo 1 MB)."


def test_a_session_without_its_csrf_token_is_told_why_in_its_language(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.a.manager)
    response = client.post(
        reverse("api:certificates"), {"enrolment": world.a.enrolments[0].pk}, format="json"
    )
    assert response.status_code == 403
    assert "recargue la página" in response.json()["detail"]

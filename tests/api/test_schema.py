"""The OpenAPI schema: generated from the code, committed, valid, served with its documentation."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
COMMITTED = ROOT / "docs" / "api" / "openapi.yaml"
REGENERATE = (
    "DEBUG=true .venv/bin/python manage.py spectacular --lang en --file docs/api/openapi.yaml"
)


def test_the_committed_schema_is_the_code_s_schema(tmp_path):
    """No drift: the schema generated now (valid, without a single warning) is the committed one."""
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "en", "--file", str(generated), "--validate", "--fail-on-warn"
    )
    assert generated.read_text() == COMMITTED.read_text(), f"the API changed: run {REGENERATE}"


def test_every_operation_documents_its_problems():
    schema = yaml.safe_load(COMMITTED.read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), (method, path)
            if path != "/api/v1/certificates/verify/":
                assert {"401", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for code, response in responses.items():
                if code >= "400":
                    assert "application/problem+json" in response.get("content", {}), (code, path)


@pytest.mark.django_db
def test_the_schema_and_its_documentation_are_served(client):
    schema = client.get(reverse("api_schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "MuNet Aula API"
    docs = client.get(reverse("api_docs"))
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()  # every asset from our own static files

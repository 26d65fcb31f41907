"""How drf-spectacular describes our API: token security and the problems each call may answer.

The schema is generated from the code; `docs/api/openapi.yaml` is its committed
copy, and tests/api/test_schema.py fails when the two differ (regenerate with
`DEBUG=true .venv/bin/python manage.py spectacular --file docs/api/openapi.yaml`).
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework.permissions import AllowAny

from lms.api import PROBLEM_CONTENT_TYPE, Problem

PROBLEM_DESCRIPTIONS = {
    "400": "Invalid input, or a request the rules refuse (RFC 9457 problem).",
    "401": "No valid credentials: sign in, or send a valid token.",
    "403": "Not allowed: the person may not do this, or the token may only read.",
    "404": "Nothing here that the person may see.",
    "409": "The request conflicts with the current state.",
    "429": "Too many requests: wait for Retry-After seconds.",
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "lms.api.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 - the scheme's name, not a secret
        )
        definition["description"] = (
            "A personal API token (mna_…) created on the account page; read-only or read and write."
        )
        return definition


class BrowserSessionScheme(OpenApiAuthenticationExtension):
    target_class = "lms.api.BrowserSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class AutoSchema(SpectacularAutoSchema):
    """Adds to each operation the problems it may answer, unless it declares them itself."""

    def _problem_codes(self) -> list[str]:
        codes = []
        if self.method in ("POST", "PUT", "PATCH") or self._has_query_input():
            codes.append("400")
        public = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            codes += ["401", "403"]
        if "{" in self.path:
            codes.append("404")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _has_query_input(self) -> bool:
        return any(parameter.get("in") == "query" for parameter in self._get_parameters())

    def _problem_response(self, code: str, direction: str) -> dict:
        return self._get_response_for_code(
            Problem, code, media_types=[PROBLEM_CONTENT_TYPE], direction=direction
        )

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in responses.items():
            if code >= "400" and not response.get("content"):
                # An endpoint declared an error by its description: its body is a problem.
                content = self._problem_response(code, direction)["content"]
                responses[code] = {**response, "content": content}
        for code in self._problem_codes():
            if code in responses:
                continue
            response = self._problem_response(code, direction)
            response["description"] = PROBLEM_DESCRIPTIONS[code]
            responses[code] = response
        return responses


def drop_storage_bounds(result, generator, request, public):
    """Answers say what a number is, not how the database stores it.

    drf-spectacular copies a model field's range into the schema, and that range
    is the database's (a small integer is 32767 at most on PostgreSQL, 2**63 - 1
    on SQLite): the contract would change with the database. Input shapes keep
    their own explicit bounds.
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            continue
        for field in component.get("properties", {}).values():
            if field.get("type") == "integer":
                for key in ("minimum", "maximum", "format"):
                    field.pop(key, None)
    return result

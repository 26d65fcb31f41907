"""API plumbing shared by every app's endpoints, wired in by settings.REST_FRAMEWORK.

- Authentication: the browser's session, or a personal token
  (`Authorization: Bearer mna_…`) created on the account page.
- A read-only token may only read (TokenScopePermission).
- Requests are throttled per token (TokenRateThrottle).
- Lists are paginated with `limit` and `offset`.
- Every error is an RFC 9457 problem (`application/problem+json`) whose title
  and detail are in the caller's language: the API's own `Accept-Language`
  when it names one of ours, else the person's preference, else Spanish.

Apps never import this module (it sits in the top layer); they get it through
the settings.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from programs import api_tokens
from programs import selectors as programs_selectors
from programs.models import ApiToken

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:munet-aula:problem:"


# --- Language -------------------------------------------------------------------------


def requested_language(request) -> str | None:
    """The supported language an API client asked for with Accept-Language, if any.

    Django's matching: `en-US` is `en`, and a plain `pt` (or `pt-PT`) is `pt-br`.
    """
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class ApiLanguageMiddleware:
    """On /api/, an explicit Accept-Language naming one of our languages wins.

    The pages ignore the browser's Accept-Language on purpose (shared computers
    come set to English); a program calling the API chooses deliberately.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = requested_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The language the answer is in: a token's owner's may have been chosen meanwhile.
        response.headers["Content-Language"] = translation.get_language()
        return response


# --- Authentication, scope and throttling ----------------------------------------------


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>` with a personal API token."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        try:
            secret = parts[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from error
        token = api_tokens.api_token_authenticate(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or was revoked.")
            )
        if not requested_language(request):
            translation.activate(token.user.preferred_language)
            request.LANGUAGE_CODE = token.user.preferred_language
        # As ProgrammeTimeZoneMiddleware does for a session (it ran before this, anonymous):
        # dates are read and days counted in the programme's zone, not in UTC.
        zone = programs_selectors.time_zone_of(token.user)
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class BrowserSessionAuthentication(SessionAuthentication):
    """The browser's session, its CSRF failure explained in the person's language."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as error:
            raise exceptions.PermissionDenied(
                _(
                    "The page's security token is missing or out of date: reload the page and "
                    "try again. Programs calling the API send a personal token instead."
                )
            ) from error


class TokenScopePermission(BasePermission):
    """A read-only token may read and nothing else."""

    message = gettext_lazy(
        "This token may only read: create a token with write access to change data."
    )

    def has_permission(self, request, view):
        token = request.auth
        if isinstance(token, ApiToken) and token.scope != ApiToken.Scope.WRITE:
            return request.method in SAFE_METHODS
        return True


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (API_TOKEN_THROTTLE_RATE); sessions are not limited here."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class JsonParser(JSONParser):
    """DRF's JSON parser; a body nested deeper than Python's decoder goes is a 400, not a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError() from error


class Pagination(LimitOffsetPagination):
    """`limit` (1–200, default 50) and `offset`; a value out of range is a 400, not a guess."""

    default_limit = 50
    max_limit = 200
    max_offset = 10**9  # beyond what any list holds, and within what databases take

    def _whole_number(self, request, name: str, default: int, low: int, high: int) -> int:
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        if not raw.isdigit() or not low <= int(raw) <= high:
            message = _("Give a whole number from %(low)d to %(high)d.") % {
                "low": low,
                "high": high,
            }
            raise exceptions.ValidationError({name: [message]})
        return int(raw)

    def get_limit(self, request):
        return self._whole_number(
            request, self.limit_query_param, self.default_limit, 1, self.max_limit
        )

    def get_offset(self, request):
        return self._whole_number(request, self.offset_query_param, 0, 0, self.max_offset)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: (1, self.max_limit),
            self.offset_query_param: (0, self.max_offset),
        }
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update(minimum=low, maximum=high)
        return parameters


# --- Problems (RFC 9457) ---------------------------------------------------------------


class ProblemFieldError(serializers.Serializer):
    pointer = serializers.CharField(help_text="JSON Pointer to the field at fault, e.g. #/name.")
    detail = serializers.CharField()


class Problem(serializers.Serializer):
    """An error, as RFC 9457 problem details."""

    type = serializers.CharField(help_text="A URI naming the kind of problem, or about:blank.")
    title = serializers.CharField(help_text="Short summary, in the caller's language.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong here, in the caller's language.")
    instance = serializers.CharField(help_text="The path of the request.")
    errors = ProblemFieldError(
        many=True, required=False, help_text="For invalid input: each field at fault."
    )


def _titles() -> dict[int, str]:
    return {
        400: _("Invalid request"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Request too large"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


def problem_data(
    status_code: int, detail: str, *, path: str, kind: str = "", errors: list | None = None
) -> dict:
    data = {
        "type": PROBLEM_TYPE_PREFIX + kind if kind else "about:blank",
        "title": _titles().get(status_code, _("Error")),
        "status": status_code,
        "detail": detail,
        "instance": path,
    }
    if errors:
        data["errors"] = errors
    return data


def _field_errors(detail, pointer: str = "#") -> list[dict]:
    """DRF's nested validation errors as a flat list of {pointer, detail}."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            path = pointer if key == api_settings.NON_FIELD_ERRORS_KEY else f"{pointer}/{key}"
            found += _field_errors(value, path)
        return found
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"pointer": pointer, "detail": str(item)} for item in detail]
        found = []
        for index, item in enumerate(detail):
            found += _field_errors(item, f"{pointer}/{index}")
        return found
    return [{"pointer": pointer, "detail": str(detail)}]


def _problem(request_path: str, exc) -> tuple[int, dict, dict]:
    """(status, body, headers) for an exception, or (0, …) when it is not ours to answer."""
    headers: dict[str, str] = {}
    if isinstance(exc, DjangoValidationError):
        # A service refused: the rules say no (the message says why).
        return 400, problem_data(400, " ".join(exc.messages), path=request_path, kind="refused"), {}
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if not isinstance(exc, exceptions.APIException):
        return 0, {}, {}
    code = exc.status_code
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        detail = _("Some of what was sent is not valid: see errors.")
        body = problem_data(code, detail, path=request_path, kind="invalid", errors=errors)
        return code, body, {}
    if isinstance(exc, exceptions.Throttled):
        kind = "throttled"
        detail = (
            _("Too many requests: try again in %(seconds)d seconds.") % {"seconds": exc.wait}
            if exc.wait is not None
            else _("Too many requests: try again later.")
        )
        if exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait))
    else:
        kind = ""
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return code, problem_data(code, str(detail), path=request_path, kind=kind), headers


def exception_handler(exc, context):
    """Every error the API raises, as a problem in the caller's language."""
    # Imported here: rest_framework.views imports these settings' classes from this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    request = context["request"]
    response = drf_exception_handler(exc, context)  # for its WWW-Authenticate and Allow headers
    code, body, headers = _problem(request.path, exc)
    if not code:
        return response  # None: Django's 500 handler answers (handler500 below)
    if response is not None:
        for name in ("WWW-Authenticate", "Allow"):
            if name in response:
                headers[name] = response[name]
        if response.status_code in (status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN):
            code = body["status"] = response.status_code
            body["title"] = _titles()[code]
    return Response(body, status=code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def problem_response(request, status_code: int, detail: str) -> JsonResponse:
    return JsonResponse(
        problem_data(status_code, detail, path=request.path),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


# --- Errors outside the API views: unknown addresses and crashes -----------------------


def not_found(request, exception):
    """handler404: a problem under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return problem_response(request, 404, _("There is nothing at this address."))
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """handler400: a problem under /api/ (413 when the body is over the limit), else a page."""
    if not request.path.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        detail = _("The request is too large (at most %(megabytes)d MB).") % {
            "megabytes": megabytes
        }
        return problem_response(request, 413, detail)
    return problem_response(request, 400, _("The request could not be read."))


def server_error(request):
    """handler500: a problem under /api/ (nothing of the failure shown), Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return problem_response(
            request, 500, _("Something failed on our side and was logged. Try again later.")
        )
    return defaults.server_error(request)

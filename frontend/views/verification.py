"""The public verification page: anyone checks a certificate, no login.

The QR code's link carries the signed bytes in the URL fragment, which never
reaches the server: verify.js checks the signature in the browser against
/.well-known/jwks.json and asks /v/status/<serial>/ for the current status.
Typing the short code gives the same page rendered here from the database
(and verified again in the browser when JavaScript runs).

Every page here is `noindex`, speaks one of four languages (?lang=, the
language switch, Accept-Language, else Spanish) and the look-ups are
rate-limited per client address through Django's cache.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET, require_safe

from certification import publication, qr_payload, selectors

# The page's languages, named in themselves (never translated).
PAGE_LANGUAGES = [
    ("es", "Español"),
    ("en", "English"),
    ("pt-br", "Português (Brasil)"),
    ("fr", "Français"),
]
_CODES = [code for code, _name in PAGE_LANGUAGES]
DEFAULT_RATE_PER_MINUTE = 60
_SERIAL_PLACEHOLDER = "0" * 32


def _supported(language: str | None) -> str | None:
    """One of the page's languages for a code such as `pt-BR`, `fr-CA` or `en`."""
    if not language:
        return None
    language = language.lower().replace("_", "-")
    if language in _CODES:
        return language
    base = language.split("-")[0]
    return next((code for code in _CODES if code.split("-")[0] == base), None)


def _page_language(request) -> str:
    chosen = _supported(request.GET.get("lang"))
    if chosen:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        chosen = _supported(getattr(user, "preferred_language", None))
    chosen = chosen or _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        chosen = _supported(accepted)
        if chosen:
            return chosen
    return "es" if "es" in _CODES else settings.LANGUAGE_CODE


def public(view):
    """No login; in the person's language; never indexed by search engines."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        language = _page_language(request)
        request.verify_language = language
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    return require_GET(wrapper)


def _client_address(request) -> str:
    """The client's address; behind the TLS proxy, the one the proxy appended last."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(request) -> bool:
    """Count this look-up against the client's address; True once past the minute's limit."""
    limit = int(getattr(settings, "VERIFY_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE))
    key = f"verify-rate:{_client_address(request)}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > limit


def _too_many_message() -> str:
    return _("Too many checks from your connection. Please wait a minute and try again.")


def _js_strings() -> dict:
    """Every sentence verify.js shows, in the page's language."""
    return {
        "checking": _("Checking the certificate…"),
        "genuine": _("Genuine certificate"),
        "genuine_help": _(
            "The digital signature matches a key published by this site: "
            "the details below are exactly what was issued."
        ),
        "forged": _("NOT genuine"),
        "forged_help": _(
            "Do not trust this certificate: it was not issued by us, or it has been altered."
        ),
        "unreadable": _(
            "The link does not contain a readable certificate (it may be cut short or altered)."
        ),
        "unknown_key": _("It is signed with a key this site has never published."),
        "bad_algorithm": _("It uses a signature algorithm we do not issue."),
        "bad_signature": _("The signature does not match the data: something has been changed."),
        "unverifiable": _("The signature could not be checked"),
        "no_keys": _(
            "The published keys could not be loaded. Check your connection and reload the page."
        ),
        "no_crypto": _(
            "This browser cannot check signatures: open the page over https in a recent browser."
        ),
        "valid": _("Valid"),
        "valid_help": _("This certificate is valid."),
        "revoked": _("Revoked"),
        "revoked_on": _("Revoked on %(date)s."),
        "reason": _("Reason: %(reason)s"),
        "superseded": _("Superseded"),
        "superseded_help": _("Replaced by a newer certificate (for example, to correct the name)."),
        "superseded_link": _("See the current certificate: %(code)s"),
        "unknown": _("Not in the register"),
        "unknown_help": _(
            "The signature is genuine, but the issuer's register has no record of this certificate."
        ),
        "checked_at": _("Status checked on %(date)s."),
        "last_known": _("Status last known on %(date)s (no connection now)."),
        "no_status": _(
            "The current status could not be checked (no connection). "
            "Reload the page when you are online."
        ),
        "too_many": _too_many_message(),
        "status": _("Status"),
        "name": _("Name"),
        "course": _("Course"),
        "course_code": _("Course code"),
        "hours": _("Hours"),
        "completed_on": _("Completed on"),
        "issued_on": _("Issued on"),
        "issuer": _("Issuer"),
        "domain": _("Domain"),
        "short_code": _("Short code"),
        "key_id": _("Key id"),
        "pdf_checking": _("Checking the file…"),
        "pdf_same": _("This file is the one issued."),
        "pdf_differs": _(
            "This file differs from the one issued: it may have been edited. "
            "Trust the details on this page, not the file."
        ),
    }


def _language_links(request) -> list[tuple[str, str, str]]:
    """(code, name, link to this page in that language), keeping the rest of the query."""
    links = []
    for code, name in PAGE_LANGUAGES:
        query = request.GET.copy()
        query["lang"] = code
        links.append((code, name, f"?{query.urlencode()}"))
    return links


def _context(request, **extra) -> dict:
    return {
        "page_language": request.verify_language,
        "languages": _language_links(request),
        "strings": _js_strings(),
        "jwks_url": reverse("verification_jwks"),
        "status_url": reverse("verification_status", args=[_SERIAL_PLACEHOLDER]),
        "code_url": reverse("verification_code", args=["CODE"]),
        "sw_url": reverse("verification_service_worker"),
        "scope_url": reverse("verification"),
        "lang_in_query": "lang" in request.GET,
        **extra,
    }


@public
def page(request):
    """/v/ (the QR link adds #<digits>): the page verify.js fills in."""
    return render(request, "frontend/verification/page.html", _context(request))


def _code_problem_page(request, lookup: publication.CodeLookup, typed: str):
    messages = {
        "typo": _(
            "The code has a typo: one character does not match its check character. "
            "Please compare it with the certificate again."
        ),
        "malformed": _(
            "That is not a short code: it has 12 letters and digits, for example 7K2M-QX4P-9RTD."
        ),
        "unknown": _("No certificate has this code. Please check it against the certificate."),
    }
    return render(
        request,
        "frontend/verification/page.html",
        _context(request, code_error=messages[lookup.problem], typed_code=typed),
        status=404 if lookup.problem == "unknown" else 400,
    )


def _too_many_page(request):
    response = render(
        request,
        "frontend/verification/page.html",
        _context(request, code_error=_too_many_message(), too_many=True),
        status=429,
    )
    response.headers["Retry-After"] = "60"
    return response


def _keep_language(request, url: str) -> str:
    return f"{url}?lang={request.verify_language}" if "lang" in request.GET else url


@public
def code_form(request):
    """The short-code form's target: /v/c/?code=… goes to /v/c/<CODE>/."""
    typed = request.GET.get("code", "")
    if _over_limit(request):
        return _too_many_page(request)
    lookup = publication.certificate_by_short_code(typed)
    if lookup.problem in ("typo", "malformed"):
        return _code_problem_page(request, lookup, typed)
    return redirect(_keep_language(request, reverse("verification_code", args=[lookup.code])))


@public
def code_page(request, code: str):
    """/v/c/<CODE>/: the certificate checked on the server, and its digits for the browser."""
    if _over_limit(request):
        return _too_many_page(request)
    lookup = publication.certificate_by_short_code(code)
    if lookup.problem:
        return _code_problem_page(request, lookup, code)
    certificate = lookup.certificate
    signed = bytes(certificate.signed_payload)
    verification = selectors.verification_of(signed)
    belongs = verification.certificate is not None and verification.certificate.pk == certificate.pk
    claims = publication.claims_for_display(verification.claims) if verification.genuine else None
    return render(
        request,
        "frontend/verification/page.html",
        _context(
            request,
            checked=True,
            genuine=verification.genuine and belongs and claims is not None,
            problem=_("The signature does not match the data: something has been changed.")
            if not verification.genuine
            else _("The signed data belongs to a different certificate."),
            claims=claims,
            kid=verification.kid,
            public_status=publication.public_status_of(certificate),
            checked_at=timezone.now(),
            digits=qr_payload.digits_from_bytes(signed),
        ),
    )


@public
def status(request, serial: str):
    """The current status of a certificate, for verify.js (nothing else about the person)."""
    if _over_limit(request):
        response = JsonResponse({"error": _too_many_message()}, status=429)
        response.headers["Retry-After"] = "60"
        return response
    answer = publication.status_by_serial(serial).as_json(checked_at=timezone.now())
    response = JsonResponse(answer)
    response.headers["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request):
    """The offline worker, served under /v/ so that its scope is /v/."""
    response = render(
        request,
        "frontend/verification/sw.js",
        {"scope_url": reverse("verification"), "jwks_url": reverse("verification_jwks")},
        content_type="text/javascript; charset=utf-8",
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


def _published(document: dict) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params={"indent": 1})
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def jwks(request):
    """/.well-known/jwks.json: every signing key ever used, retired ones too."""
    return _published(publication.jwks())


@require_safe
def did_document(request):
    """/.well-known/did.json: the same keys as a did:web document."""
    return _published(publication.did_document())

"""Published credentials: the signed revocation list, course achievements, Open Badges.

The status list and the achievements are public, CORS open and cacheable for a
few minutes; an OpenBadgeCredential is downloaded by the certificate's own
official or a manager of its programme (anyone else: 404).
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from certification import badges, codes, status_list


def _public(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={status_list.TTL_SECONDS}"
    return response


@require_safe
def status_list_credential(request):
    """The BitstringStatusListCredential as VC-JWT; `?format=json` gives it unsigned."""
    try:
        published = status_list.published()
    except ValidationError as error:  # no signing key yet
        return HttpResponse(" ".join(error.messages), status=503, content_type="text/plain")
    if request.GET.get("format") == "json":
        return _public(JsonResponse(published.credential, json_dumps_params={"indent": 1}))
    return _public(HttpResponse(published.token, content_type=status_list.MEDIA_TYPE))


@require_safe
def achievement(request, course_code: str):
    """The Achievement an Open Badge of this course points to."""
    found = badges.achievement_for_code(course_code)
    if found is None:
        raise Http404
    return _public(JsonResponse(found, json_dumps_params={"ensure_ascii": False}))


@login_required
@require_safe
def openbadge(request, serial: str):
    certificate = badges.certificate_for_download(request.user, uuid.UUID(hex=serial))
    if certificate is None:
        raise Http404
    try:
        token = badges.signed(certificate)
    except ValidationError as error:  # no signing key
        return HttpResponse(" ".join(error.messages), status=503, content_type="text/plain")
    response = HttpResponse(token, content_type=badges.MEDIA_TYPE)
    name = f"openbadge-{codes.short_code_display(certificate.short_code)}.jwt"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response

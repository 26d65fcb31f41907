"""The public verification page and the published keys (no login)."""

from django.urls import path, re_path

from frontend.views import verification

urlpatterns = [
    path(".well-known/jwks.json", verification.jwks, name="verification_jwks"),
    path(".well-known/did.json", verification.did_document, name="verification_did"),
    path("v/", verification.page, name="verification"),
    path("v/sw.js", verification.service_worker, name="verification_service_worker"),
    re_path(
        r"^v/status/(?P<serial>[0-9a-f]{32})/$",
        verification.status,
        name="verification_status",
    ),
    path("v/c/", verification.code_form, name="verification_code_form"),
    path("v/c/<str:code>/", verification.code_page, name="verification_code"),
]

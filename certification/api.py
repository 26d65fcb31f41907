"""REST endpoints of certification (thin): certificates listed, issued, revoked and verified.

Managers see and act on the certificates of their programmes' runs; officials
see their own; anyone may verify a signed payload.
"""

import dataclasses

import django_filters
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from certification import batches, pdf, publication, reading, selectors, services
from certification.models import Certificate
from certification.serializers import (
    CertificateIssueInput,
    CertificateOutput,
    CertificateRevokeInput,
    VerificationInput,
    VerificationOutput,
)
from courses.api import id_filter


class CertificateFilter(django_filters.FilterSet):
    issued_after = django_filters.DateFilter(field_name="issued_at", lookup_expr="date__gte")
    issued_before = django_filters.DateFilter(field_name="issued_at", lookup_expr="date__lte")
    course_run = id_filter("course_run")
    municipality = id_filter("enrolment__municipality")
    person = id_filter("enrolment__user")

    class Meta:
        model = Certificate
        fields = [
            "status", "course_run", "municipality", "person", "issued_after", "issued_before",
        ]  # fmt: skip


class CertificateListApi(generics.ListCreateAPIView):
    """GET: certificates of the runs the person manages, and their own.

    POST: issue the certificate of an enrolment (managers of its programme):
    201 with the new certificate, 200 with the one it already has, 400 with the
    reasons when the official does not meet the rule.
    """

    serializer_class = CertificateOutput
    queryset = Certificate.objects.none()
    filterset_class = CertificateFilter
    search_fields = ["name_printed", "short_code"]
    ordering_fields = ["issued_at", "name_printed", "hours", "id"]
    ordering = ["-issued_at", "-id"]

    def get_queryset(self):
        return selectors.certificates_visible_to(self.request.user)

    @extend_schema(
        request=CertificateIssueInput,
        responses={201: CertificateOutput, 200: CertificateOutput},
        tags=["certificates"],
    )
    def post(self, request):
        data = CertificateIssueInput(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = selectors.enrolment_get_for_manager(
            request.user, data.validated_data["enrolment"]
        )
        if enrolment is None:
            raise serializers.ValidationError(
                {"enrolment": [_("No enrolment in your programmes has this number.")]}
            )
        certificate, issued = services.certificate_issue_on_request(enrolment=enrolment)
        return Response(
            CertificateOutput(certificate).data,
            status=status.HTTP_201_CREATED if issued else status.HTTP_200_OK,
        )


def _visible(request, certificate_id: int) -> Certificate:
    certificate = selectors.certificates_visible_to(request.user).filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404
    return certificate


class CertificateDetailApi(generics.RetrieveAPIView):
    serializer_class = CertificateOutput
    queryset = Certificate.objects.none()

    def get_object(self):
        return _visible(self.request, self.kwargs["certificate_id"])


class CertificatePdfApi(APIView):
    """The certificate's PDF exactly as issued (its SHA-256 is `pdf_sha256`)."""

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        tags=["certificates"],
    )
    def get(self, request, certificate_id: int):
        certificate = selectors.certificate_get_for_viewer(request.user, certificate_id)
        if certificate is None:
            raise Http404
        response = HttpResponse(pdf.certificate_pdf_as_issued(certificate), "application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            False, batches.pdf_file_name(certificate)
        )
        return response


class CertificateRevokeApi(APIView):
    """Revoke a valid certificate (managers of its programme); it shows as revoked publicly."""

    @extend_schema(
        request=CertificateRevokeInput, responses=CertificateOutput, tags=["certificates"]
    )
    def post(self, request, certificate_id: int):
        certificate = batches.certificate_get_for_manager(request.user, certificate_id)
        if certificate is None:
            raise Http404
        data = CertificateRevokeInput(data=request.data)
        data.is_valid(raise_exception=True)
        revoked = services.certificate_revoke(
            certificate=certificate,
            reason=data.validated_data["reason"],
            note=data.validated_data["note"],
            by=request.user,
        )
        return Response(CertificateOutput(_visible(request, revoked.pk)).data)


class CertificateVerifyApi(APIView):
    """Anyone may verify: the signature against every published key, then the status now."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "certificate_verify"

    @extend_schema(request=VerificationInput, responses=VerificationOutput, tags=["certificates"])
    def post(self, request):
        data = VerificationInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            signed = reading.signed_bytes_from_text(data.validated_data["payload"])
        except reading.UnreadableInput as error:
            return Response(VerificationOutput(_unreadable(str(error))).data)
        verification = selectors.verification_of(signed)
        if verification.genuine:
            status_now = publication.public_status_of(verification.certificate)
            claims = publication.claims_for_display(verification.claims)
        else:
            status_now, claims = publication.UNKNOWN, None
        return Response(
            VerificationOutput(
                {
                    "genuine": verification.genuine,
                    "valid": verification.valid,
                    "status": verification.status,
                    "problem": verification.problem,
                    "key_id": verification.kid,
                    "claims": dataclasses.asdict(claims) if claims else None,
                    "short_code": status_now.short_code,
                    "revoked_on": status_now.revoked_on,
                    "reason": status_now.reason,
                    "superseded_by_code": status_now.superseded_by_code,
                }
            ).data
        )


def _unreadable(problem: str) -> dict:
    return {
        "genuine": False, "valid": False, "status": "unreadable", "problem": problem,
        "key_id": "", "claims": None, "short_code": "", "revoked_on": None, "reason": "",
        "superseded_by_code": "",
    }  # fmt: skip

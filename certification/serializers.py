"""Shapes of the certification API's input and output."""

from django.conf import settings
from rest_framework import serializers

from certification.models import Certificate, RevocationReason

VERIFICATION_STATUSES = ["valid", "revoked", "superseded", "unknown", "forged", "unreadable"]
CERTIFICATE_STATUSES = Certificate.Status.choices


class VerificationInput(serializers.Serializer):
    payload = serializers.CharField(
        max_length=4000,
        help_text="The verification link read from the QR code, or the digits after its '#'.",
    )


class VerifiedClaimsOutput(serializers.Serializer):
    name = serializers.CharField()
    course_title = serializers.CharField()
    course_code = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    issuer = serializers.CharField()
    domain = serializers.CharField()


class VerificationOutput(serializers.Serializer):
    genuine = serializers.BooleanField()
    valid = serializers.BooleanField()
    status = serializers.ChoiceField(choices=VERIFICATION_STATUSES)
    problem = serializers.CharField(allow_blank=True)
    key_id = serializers.CharField(allow_blank=True)
    claims = VerifiedClaimsOutput(allow_null=True)
    short_code = serializers.CharField(allow_blank=True)
    revoked_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    superseded_by_code = serializers.CharField(allow_blank=True)


class CertificateOutput(serializers.ModelSerializer):
    serial = serializers.SerializerMethodField()
    enrolment = serializers.IntegerField(source="enrolment_id")
    person = serializers.IntegerField(source="enrolment.user_id")
    course_run = serializers.IntegerField(source="enrolment.course_run_id")
    municipality = serializers.IntegerField(source="enrolment.municipality_id", allow_null=True)
    superseded_by_code = serializers.CharField(
        source="superseded_by.short_code", allow_null=True, default=None
    )
    verification_url = serializers.SerializerMethodField(
        help_text="The public page of this certificate (its typed short code)."
    )

    class Meta:
        model = Certificate
        fields = [
            "id", "serial", "short_code", "status", "name_printed", "course_code",
            "course_title", "programme_name", "issuer", "hours", "final_grade", "completed_on",
            "issued_at", "enrolment", "person", "course_run", "municipality",
            "superseded_by_code", "revoked_at", "revocation_reason", "pdf_sha256",
            "verification_url",
        ]  # fmt: skip

    def get_serial(self, certificate) -> str:
        return certificate.serial.hex

    def get_verification_url(self, certificate) -> str:
        return f"{settings.SITE_URL}/v/c/{certificate.short_code}/"


class CertificateIssueInput(serializers.Serializer):
    enrolment = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class CertificateRevokeInput(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=RevocationReason.choices, help_text="Shown publicly, coarse on purpose."
    )
    note = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True,
        help_text="Internal; never shown publicly.",
    )  # fmt: skip

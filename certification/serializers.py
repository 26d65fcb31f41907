"""Shapes of the certification API's input and output."""

from rest_framework import serializers


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
    status = serializers.ChoiceField(
        choices=["valid", "revoked", "superseded", "unknown", "forged", "unreadable"]
    )
    problem = serializers.CharField(allow_blank=True)
    key_id = serializers.CharField(allow_blank=True)
    claims = VerifiedClaimsOutput(allow_null=True)
    short_code = serializers.CharField(allow_blank=True)
    revoked_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    superseded_by_code = serializers.CharField(allow_blank=True)

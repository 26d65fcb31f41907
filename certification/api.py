"""REST endpoints of certification (thin): verifying a certificate's signed payload."""

import dataclasses

from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from certification import publication, reading, selectors
from certification.serializers import VerificationInput, VerificationOutput


class CertificateVerifyApi(APIView):
    """Anyone may verify: the signature against every published key, then the status now."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "certificate_verify"

    def post(self, request):
        data = VerificationInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            signed = reading.signed_bytes_from_text(data.validated_data["payload"])
        except reading.UnreadableInput as error:
            return Response(VerificationOutput(_unreadable(str(error))).data)
        verification = selectors.verification_of(signed)
        if verification.genuine:
            status = publication.public_status_of(verification.certificate)
            claims = publication.claims_for_display(verification.claims)
        else:
            status, claims = publication.UNKNOWN, None
        return Response(
            VerificationOutput(
                {
                    "genuine": verification.genuine,
                    "valid": verification.valid,
                    "status": verification.status,
                    "problem": verification.problem,
                    "key_id": verification.kid,
                    "claims": dataclasses.asdict(claims) if claims else None,
                    "short_code": status.short_code,
                    "revoked_on": status.revoked_on,
                    "reason": status.reason,
                    "superseded_by_code": status.superseded_by_code,
                }
            ).data
        )


def _unreadable(problem: str) -> dict:
    return {
        "genuine": False, "valid": False, "status": "unreadable", "problem": problem,
        "key_id": "", "claims": None, "short_code": "", "revoked_on": None, "reason": "",
        "superseded_by_code": "",
    }  # fmt: skip

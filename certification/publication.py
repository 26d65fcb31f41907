"""What the public verification page and other verifiers read: keys, status, look-ups.

- The signing keys as a JSON Web Key Set and as a did:web document: every key
  ever used, retired ones too, forever, so an old certificate still verifies.
- A certificate's current status by serial (what the page asks after checking
  the signature in the browser): status, dates, the coarse reason, the short
  code and the PDF's SHA-256; nothing else about the person.
- A certificate by the short code a person typed, telling a typo (wrong check
  symbol) from a code that names no certificate.
"""

import base64
import datetime
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.utils import timezone

from certification import codes, keys
from certification.models import Certificate, RevocationReason

_COORDINATE = 32


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk_of(kid: str, public_key: ec.EllipticCurvePublicKey) -> dict:
    numbers = public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": _b64url(numbers.x.to_bytes(_COORDINATE, "big")),
        "y": _b64url(numbers.y.to_bytes(_COORDINATE, "big")),
        "kid": kid,
        "alg": "ES256",
        "use": "sig",
    }


def jwks() -> dict:
    """Every signing key ever used (retired ones too) as a JSON Web Key Set."""
    return {"keys": [jwk_of(kid, key) for kid, key in sorted(keys.public_keys().items())]}


def did_web_id(site_url: str | None = None) -> str:
    """`did:web:<host>` for the site (a port is written %3A, as did:web asks)."""
    host = urlsplit(site_url or settings.SITE_URL).netloc
    return "did:web:" + host.replace(":", "%3A")


def did_document() -> dict:
    """The did:web document served at /.well-known/did.json: one method per key id."""
    did = did_web_id()
    methods = []
    for kid, key in sorted(keys.public_keys().items()):
        jwk = jwk_of(kid, key)
        jwk.pop("use")
        methods.append(
            {
                "id": f"{did}#{kid}",
                "type": "JsonWebKey2020",
                "controller": did,
                "publicKeyJwk": jwk,
            }
        )
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


# --- Status and look-ups --------------------------------------------------------


@dataclass(frozen=True)
class PublicStatus:
    """A certificate's status as the public sees it (nothing about the person)."""

    status: str  # valid | revoked | superseded | unknown
    revoked_on: datetime.date | None = None
    reason: str = ""  # the coarse reason's label, in the active language
    superseded_by_code: str = ""  # display form
    short_code: str = ""  # display form
    pdf_sha256: str = ""

    def as_json(self, *, checked_at: datetime.datetime) -> dict:
        return {
            "status": self.status,
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "reason": self.reason or None,
            "superseded_by_code": self.superseded_by_code or None,
            "short_code": self.short_code or None,
            "pdf_sha256": self.pdf_sha256 or None,
            "checked_at": checked_at.isoformat(timespec="seconds"),
        }


UNKNOWN = PublicStatus(status="unknown")


def public_status_of(certificate: Certificate | None) -> PublicStatus:
    if certificate is None:
        return UNKNOWN
    revoked = certificate.status == Certificate.Status.REVOKED
    successor = certificate.superseded_by if certificate.superseded_by_id else None
    return PublicStatus(
        status=certificate.status,
        revoked_on=timezone.localdate(certificate.revoked_at)
        if revoked and certificate.revoked_at
        else None,
        reason=str(RevocationReason(certificate.revocation_reason).label)
        if revoked and certificate.revocation_reason in RevocationReason.values
        else "",
        superseded_by_code=codes.short_code_display(successor.short_code) if successor else "",
        short_code=codes.short_code_display(certificate.short_code),
        pdf_sha256=certificate.pdf_sha256,
    )


def _certificates():
    return Certificate.objects.select_related("superseded_by").only(
        "serial",
        "short_code",
        "status",
        "revoked_at",
        "revocation_reason",
        "pdf_sha256",
        "signed_payload",
        "superseded_by__short_code",
    )


def certificate_by_serial(serial_hex: str) -> Certificate | None:
    try:
        serial = uuid.UUID(hex=serial_hex)
    except ValueError:
        return None
    return _certificates().filter(serial=serial).first()


def status_by_serial(serial_hex: str) -> PublicStatus:
    """The current public status of the certificate with this serial (32 hex digits)."""
    return public_status_of(certificate_by_serial(serial_hex))


@dataclass(frozen=True)
class CodeLookup:
    problem: str = ""  # "" | "malformed" | "typo" | "unknown"
    certificate: Certificate | None = None
    code: str = ""  # as stored, when well formed


def _looks_like_a_code(typed: str) -> bool:
    """Twelve symbols of the alphabet (read as codes.short_code_normalise reads them)."""
    cleaned = "".join(typed.split()).replace("-", "").upper()
    readable = set(codes.ALPHABET) | set("ILO")
    return len(cleaned) == codes.DATA_SYMBOLS + 1 and all(c in readable for c in cleaned)


def certificate_by_short_code(typed: str) -> CodeLookup:
    """The certificate a typed short code names; or why it names none."""
    code = codes.short_code_normalise(typed or "")
    if code is None:
        return CodeLookup(problem="typo" if _looks_like_a_code(typed or "") else "malformed")
    certificate = _certificates().filter(short_code=code).first()
    if certificate is None:
        return CodeLookup(problem="unknown", code=code)
    return CodeLookup(certificate=certificate, code=code)


@dataclass(frozen=True)
class PublicClaims:
    """The signed claims, ready to show (only after the signature is verified)."""

    name: str
    course_title: str
    course_code: str
    hours: int | None
    completed_on: datetime.date | None
    issued_at: datetime.datetime | None
    issuer: str
    domain: str


def claims_for_display(claims: dict | None) -> PublicClaims | None:
    if not isinstance(claims, dict):
        return None
    try:
        completed_on = datetime.date.fromisoformat(str(claims.get("cd", "")))
    except ValueError:
        completed_on = None
    issued = claims.get("iat")
    issuer = str(claims.get("iss", ""))
    return PublicClaims(
        name=str(claims.get("n", "")),
        course_title=str(claims.get("ct", "")),
        course_code=str(claims.get("cc", "")),
        hours=claims.get("h") if isinstance(claims.get("h"), int) else None,
        completed_on=completed_on,
        issued_at=datetime.datetime.fromtimestamp(issued, tz=datetime.UTC)
        if isinstance(issued, int)
        else None,
        issuer=issuer,
        domain=urlsplit(issuer).hostname or issuer,
    )

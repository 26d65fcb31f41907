"""COSE_Sign1 (RFC 9052) with ES256: sign and verify CBOR claims.

The protected header holds the algorithm (ES256, -7) and the key id (label 4),
so a verifier picks the public key before checking anything else. The
signature is over the Sig_structure ["Signature1", protected, b"", payload]
and is the raw 64-byte r ‖ s that COSE prescribes (not DER).
"""

from collections.abc import Mapping
from dataclasses import dataclass

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

COSE_SIGN1_TAG = 18
ALG = 1
KID = 4
ES256 = -7
_COORDINATE = 32


class CoseError(ValueError):
    """The bytes are not a COSE_Sign1 we can verify, or the signature does not match."""


@dataclass(frozen=True)
class Verified:
    kid: str
    claims: dict


def _to_be_signed(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign(claims: dict, *, private_key: ec.EllipticCurvePrivateKey, kid: str) -> bytes:
    protected = cbor2.dumps({ALG: ES256, KID: kid.encode()})
    payload = cbor2.dumps(claims)
    der = private_key.sign(_to_be_signed(protected, payload), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(_COORDINATE, "big") + s.to_bytes(_COORDINATE, "big")
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))


def _parts(message: bytes) -> tuple[bytes, dict, bytes, bytes]:
    try:
        decoded = cbor2.loads(message)
    except Exception as error:  # cbor2 raises several types for malformed input
        raise CoseError("not CBOR") from error
    if isinstance(decoded, cbor2.CBORTag):
        if decoded.tag != COSE_SIGN1_TAG:
            raise CoseError("not a COSE_Sign1 message")
        decoded = decoded.value
    if not (isinstance(decoded, (list, tuple)) and len(decoded) == 4):
        raise CoseError("not a COSE_Sign1 message")
    protected, _unprotected, payload, signature = decoded
    if not all(isinstance(part, bytes) for part in (protected, payload, signature)):
        raise CoseError("not a COSE_Sign1 message")
    try:
        header = cbor2.loads(protected)
    except Exception as error:
        raise CoseError("unreadable protected header") from error
    if not isinstance(header, Mapping):
        raise CoseError("unreadable protected header")
    return protected, header, payload, signature


def key_id(message: bytes) -> str:
    """The key id of the protected header (before verification: only to choose the key)."""
    _protected, header, _payload, _signature = _parts(message)
    kid = header.get(KID)
    if not isinstance(kid, bytes):
        raise CoseError("no key id")
    return kid.decode("utf-8", "replace")


def verify(message: bytes, *, public_keys: dict[str, ec.EllipticCurvePublicKey]) -> Verified:
    """Check the signature with the key its kid names; return the claims. Raises CoseError."""
    protected, header, payload, signature = _parts(message)
    if header.get(ALG) != ES256:
        raise CoseError("unsupported algorithm")
    kid = key_id(message)
    public_key = public_keys.get(kid)
    if public_key is None:
        raise CoseError(f"unknown key id {kid!r}")
    if len(signature) != 2 * _COORDINATE:
        raise CoseError("bad signature length")
    der = encode_dss_signature(
        int.from_bytes(signature[:_COORDINATE], "big"),
        int.from_bytes(signature[_COORDINATE:], "big"),
    )
    try:
        public_key.verify(der, _to_be_signed(protected, payload), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as error:
        raise CoseError("signature does not match") from error
    claims = cbor2.loads(payload)
    if not isinstance(claims, Mapping):
        raise CoseError("claims are not a map")
    return Verified(kid=kid, claims=dict(claims))

"""JWS compact serialization with ES256 (RFC 7515, 7518), for credentials secured as VC-JWT.

The same P-256 keys sign the certificates' COSE payloads and these JWTs. The
JOSE header names the key as a DID URL, `did:web:<site host>#<kid>`, which the
site's DID document resolves; a verifier here only needs the part after `#`.
The signature is the raw 64-byte r ‖ s (PyJWT does the conversion from DER).
The payload is signed as given: a credential (a JSON object), not JWT claims.
"""

import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from jwt.api_jws import PyJWS

ES256 = "ES256"
_JWS = PyJWS(algorithms=[ES256])


class JoseError(ValueError):
    """Not a compact JWS we can verify, or the signature does not match."""


@dataclass(frozen=True)
class Verified:
    kid: str  # the key id as stored ("2026-1"), the fragment of the header's kid
    header: dict
    payload: dict


def did_web() -> str:
    """The site's did:web identifier: the host of SITE_URL, a port written %3A.

    The same as certification.publication.did_web_id, whose document
    (/.well-known/did.json) lists every key under `<did>#<kid>`.
    """
    return "did:web:" + quote(urlsplit(settings.SITE_URL).netloc, safe="")


def key_reference(kid: str) -> str:
    """The DID URL of a signing key, as the JOSE header's kid and the DID document's id."""
    return f"{did_web()}#{kid}"


def sign(payload: dict, *, private_key: ec.EllipticCurvePrivateKey, kid: str, typ: str) -> str:
    """A compact JWS of the JSON payload, header {alg: ES256, kid: <DID URL>, typ}."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return _JWS.encode(
        body, private_key, algorithm=ES256, headers={"kid": key_reference(kid), "typ": typ}
    )


def verify(token: str, *, public_keys: dict[str, ec.EllipticCurvePublicKey]) -> Verified:
    """Check an ES256 compact JWS with the key its kid names; return its JSON payload."""
    try:
        header = _JWS.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise JoseError("not a compact JWS") from error
    if header.get("alg") != ES256:
        raise JoseError("unsupported algorithm")
    reference = header.get("kid")
    if not isinstance(reference, str) or not reference:
        raise JoseError("no key id")
    kid = reference.rpartition("#")[2]
    public_key = public_keys.get(kid)
    if public_key is None:
        raise JoseError(f"unknown key id {reference!r}")
    try:
        decoded = _JWS.decode_complete(token, key=public_key, algorithms=[ES256])
    except jwt.InvalidSignatureError as error:
        raise JoseError("signature does not match") from error
    except jwt.PyJWTError as error:
        raise JoseError("not a compact JWS") from error
    try:
        payload = json.loads(decoded["payload"])
    except ValueError as error:
        raise JoseError("the payload is not JSON") from error
    if not isinstance(payload, dict):
        raise JoseError("the payload is not a JSON object")
    return Verified(kid=kid, header=header, payload=payload)

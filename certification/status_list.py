"""The revocation list: a W3C Bitstring Status List v1.0, signed as VC-JWT.

One list of STATUS_LIST_SIZE bits (statusPurpose "revocation") at a stable
URL; the bit at a certificate's status_index is 1 when it is revoked. A
superseded certificate keeps its bit at 0: it was not withdrawn, a corrected
one replaced it, and the verification page says so from the server's status.

encodedList is the multibase base64url form ("u", no padding) of the
GZIP-compressed bitstring; index 0 is the left-most (most significant) bit of
the first byte. The signed list is cached, keyed on the number of revoked
certificates and the latest revocation time, so a revocation shows at once.
"""

import base64
import datetime
import gzip
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from certification import jose, keys
from certification.models import Certificate
from certification.services import STATUS_LIST_SIZE

PATH = "/credentials/status/1"
PURPOSE = "revocation"
VALID_FOR = datetime.timedelta(days=1)
# How long verifiers and HTTP caches may keep the list, and our own cache.
TTL_SECONDS = 300
CACHE_SECONDS = 600
MEDIA_TYPE = "application/vc+jwt"


@dataclass(frozen=True)
class Published:
    credential: dict  # unsigned
    token: str  # the credential as VC-JWT


def url() -> str:
    return settings.SITE_URL + PATH


def encode(indices: Iterable[int], *, size: int = STATUS_LIST_SIZE) -> str:
    """The encodedList for a list of `size` bits with the given indices set."""
    bits = bytearray(size // 8)
    for index in indices:
        bits[index >> 3] |= 0x80 >> (index & 7)
    # Level 6 (zlib's default): ten times faster than 9 on a sparse list, 4 % larger.
    compressed = gzip.compress(bytes(bits), compresslevel=6, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    """The bitstring of an encodedList (what a verifier does)."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix “u”)")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index >> 3] & (0x80 >> (index & 7)))


def credential(indices: Iterable[int], *, now: datetime.datetime) -> dict:
    """The BitstringStatusListCredential (unsigned) for the given revoked indices."""
    now = now.astimezone(datetime.UTC).replace(microsecond=0)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": jose.did_web(),
        "validFrom": _iso(now),
        "validUntil": _iso(now + VALID_FOR),
        "credentialSubject": {
            "id": url() + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(indices),
            "ttl": TTL_SECONDS * 1000,  # milliseconds
        },
    }


def entry_for(certificate: Certificate) -> dict:
    """The credentialStatus a credential about this certificate carries."""
    return {
        "id": f"{url()}#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": url(),
    }


def revoked_indices() -> list[int]:
    """The positions of every revoked certificate (one query)."""
    return list(
        Certificate.objects.filter(status=Certificate.Status.REVOKED).values_list(
            "status_index", flat=True
        )
    )


def build(*, now: datetime.datetime | None = None) -> Published:
    """Read, encode and sign the list now (no cache)."""
    signing_key, private_key = keys.signing_key_current()
    unsigned = credential(revoked_indices(), now=now or timezone.now())
    token = jose.sign(unsigned, private_key=private_key, kid=signing_key.kid, typ="vc+jwt")
    return Published(credential=unsigned, token=token)


def _cache_key() -> str:
    state = Certificate.objects.filter(status=Certificate.Status.REVOKED).aggregate(
        count=Count("pk"), latest=Max("revoked_at")
    )
    latest = state["latest"].isoformat() if state["latest"] else "-"
    return f"certification:status-list:1:{state['count']}:{latest}"


def published() -> Published:
    """The signed list, from the cache while no certificate has been revoked since."""
    key = _cache_key()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

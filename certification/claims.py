"""What a certificate's QR code says, as a compact CBOR map, and how it becomes a link.

Keys are short on purpose (every byte enlarges the QR code): `iss` issuer,
`iat` issue time (Unix seconds), `sn` serial (16 bytes), `cc` course code,
`n` name as printed (NFC), `ct` course title, `h` hours, `cd` completion date
(ISO), `si` status-list index. Nothing else about the person: no national id,
e-mail, birth date or grades.
"""

import datetime
import unicodedata
import uuid
from dataclasses import dataclass

from certification import qr_payload


@dataclass(frozen=True)
class CertificateClaims:
    issuer: str
    issued_at: datetime.datetime
    serial: uuid.UUID
    course_code: str
    name: str
    course_title: str
    hours: int
    completed_on: datetime.date
    status_index: int

    def as_cbor_map(self) -> dict:
        return {
            "iss": self.issuer,
            "iat": int(self.issued_at.timestamp()),
            "sn": self.serial.bytes,
            "cc": self.course_code,
            "n": unicodedata.normalize("NFC", self.name),
            "ct": self.course_title,
            "h": self.hours,
            "cd": self.completed_on.isoformat(),
            "si": self.status_index,
        }


def verification_link(base_url: str, signed: bytes) -> str:
    """The verification page's address with the signed bytes, as digits, in the fragment
    (a fragment never reaches the server: the page verifies it in the browser)."""
    return f"{base_url}#{qr_payload.digits_from_bytes(signed)}"


def signed_from_link(link: str) -> bytes:
    _, _, fragment = link.partition("#")
    return qr_payload.bytes_from_digits(fragment)

"""Print how long signing, rendering and verifying one certificate take (no database).

DEBUG=true .venv/bin/python scripts/bench_certificates.py [N]
"""

import datetime
import os
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

import django

django.setup()

from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402

from certification import cose, pdf  # noqa: E402
from certification.claims import CertificateClaims  # noqa: E402


def main(count: int) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    public = {"bench-1": key.public_key()}
    claims = CertificateClaims(
        issuer="https://aula.munet.example",
        issued_at=datetime.datetime.now(datetime.UTC),
        serial=uuid.uuid4(),
        course_code="GEM-100",
        name="María Fernanda Rodríguez de la Cruz Gómez",
        course_title="Gobierno Electrónico Municipal",
        hours=100,
        completed_on=datetime.datetime.now(datetime.UTC).date(),
        status_index=4711,
    ).as_cbor_map()

    started = time.perf_counter()
    signed = [cose.sign(claims, private_key=key, kid="bench-1") for _ in range(count)]
    sign_ms = (time.perf_counter() - started) * 1000 / count

    started = time.perf_counter()
    for message in signed:
        cose.verify(message, public_keys=public)
    verify_ms = (time.perf_counter() - started) * 1000 / count

    certificate = SimpleNamespace(
        enrolment=SimpleNamespace(user=SimpleNamespace(preferred_language="es")),
        short_code="3DVBPCJBKPTG",
        programme_name="Programa MuNet",
        name_printed=claims["n"],
        course_title=claims["ct"],
        hours=100,
        completed_on=datetime.datetime.now(datetime.UTC).date(),
        issuer=claims["iss"],
        signing_key=SimpleNamespace(kid="bench-1"),
        signed_payload=signed[0],
    )
    rendered = max(1, count // 10)
    started = time.perf_counter()
    for _ in range(rendered):
        document = pdf.certificate_pdf(certificate)
    pdf_ms = (time.perf_counter() - started) * 1000 / rendered

    print(f"signed payload: {len(signed[0])} bytes")
    print(f"sign: {sign_ms:.2f} ms  verify: {verify_ms:.2f} ms  (mean of {count})")
    print(f"PDF with QR code: {pdf_ms:.1f} ms, {len(document)} bytes (mean of {rendered})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)

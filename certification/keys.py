"""The keys that sign certificates.

Private keys are PEM files in CERTIFICATE_KEYS_DIR (readable by the owner
only), one per key id; public keys are in the database and published forever,
so a certificate signed with a retired key still verifies. Generating a new
key (yearly) retires the current one.
"""

import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.models import SigningKey


def private_key_path(kid: str) -> Path:
    return Path(settings.CERTIFICATE_KEYS_DIR) / f"{kid}.pem"


@transaction.atomic
def signing_key_generate(*, now: datetime.datetime | None = None) -> SigningKey:
    now = now or timezone.now()
    number = SigningKey.objects.filter(kid__startswith=f"{now.year}-").count() + 1
    # A key file left by another database must never be overwritten, nor reused.
    while private_key_path(f"{now.year}-{number}").exists():
        number += 1
    kid = f"{now.year}-{number}"
    private_key = ec.generate_private_key(ec.SECP256R1())
    path = private_key_path(kid)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.touch(mode=0o600, exist_ok=False)
    path.write_bytes(pem)
    SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=now)
    return SigningKey.objects.create(
        kid=kid,
        created_at=now,
        public_key_pem=private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
    )


def signing_key_current() -> tuple[SigningKey, ec.EllipticCurvePrivateKey]:
    """The key new certificates are signed with, and its private half."""
    key = SigningKey.objects.filter(retired_at__isnull=True).first()
    path = private_key_path(key.kid) if key else None
    if key is None or not path.is_file():
        raise ValidationError(
            _(
                "Certificates cannot be signed: there is no signing key. "
                "Run “manage.py certificate_key_generate”."
            )
        )
    private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    return key, private_key


def public_keys() -> dict[str, ec.EllipticCurvePublicKey]:
    """Every key id ever used, with its public key."""
    return {
        key.kid: serialization.load_pem_public_key(key.public_key_pem.encode())
        for key in SigningKey.objects.all()
    }

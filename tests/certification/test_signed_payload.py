"""The certificate's signed payload: COSE_Sign1 ES256, digits for the QR, short codes."""

import datetime
import uuid

import cbor2
import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric import ec

from certification import codes, cose, qr_payload
from certification.claims import CertificateClaims, signed_from_link, verification_link

KEY = ec.generate_private_key(ec.SECP256R1())
OTHER = ec.generate_private_key(ec.SECP256R1())
KEYS = {"2026-1": KEY.public_key()}


def _claims(name="María Fernanda Rodríguez de la Cruz Gómez"):  # 40 characters
    return CertificateClaims(
        issuer="https://aula.munet.example",
        issued_at=datetime.datetime(2026, 11, 25, 15, 30, tzinfo=datetime.UTC),
        serial=uuid.UUID("6f1c1b1e-54a4-4f5e-9a53-0f3e5d1b2c3a"),
        course_code="GEM-100",
        name=name,
        course_title="Gobierno Electrónico Municipal",
        hours=100,
        completed_on=datetime.date(2026, 11, 20),
        status_index=93_411,
    )


def _signed(claims=None, key=KEY, kid="2026-1"):
    return cose.sign((claims or _claims()).as_cbor_map(), private_key=key, kid=kid)


def test_a_signed_payload_verifies_and_gives_the_claims_back():
    verified = cose.verify(_signed(), public_keys=KEYS)
    assert verified.kid == "2026-1"
    assert verified.claims["n"] == "María Fernanda Rodríguez de la Cruz Gómez"
    assert verified.claims["sn"] == uuid.UUID("6f1c1b1e-54a4-4f5e-9a53-0f3e5d1b2c3a").bytes


def test_a_changed_byte_a_forged_signature_and_an_unknown_key_are_refused():
    signed = bytearray(_signed())
    position = bytes(signed).index("Gómez".encode())
    signed[position] ^= 0x01
    with pytest.raises(cose.CoseError, match="signature does not match"):
        cose.verify(bytes(signed), public_keys=KEYS)
    with pytest.raises(cose.CoseError, match="signature does not match"):
        cose.verify(_signed(key=OTHER), public_keys=KEYS)
    with pytest.raises(cose.CoseError, match="unknown key id"):
        cose.verify(_signed(kid="2031-1"), public_keys=KEYS)
    with pytest.raises(cose.CoseError):
        cose.verify(b"\x00garbage", public_keys=KEYS)


def test_an_algorithm_swap_in_the_header_is_refused():
    tag = cbor2.loads(_signed())
    _protected, unprotected, payload, signature = tag.value
    forged = cbor2.dumps({1: -8, 4: b"2026-1"})
    message = cbor2.dumps(cbor2.CBORTag(18, [forged, unprotected, payload, signature]))
    with pytest.raises(cose.CoseError, match="unsupported algorithm"):
        cose.verify(message, public_keys=KEYS)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 200, 257])
def test_digits_round_trip_every_length(size):
    data = bytes((7 * i + 3) % 256 for i in range(size))
    assert qr_payload.bytes_from_digits(qr_payload.digits_from_bytes(data)) == data


def test_no_digits_are_no_bytes():
    assert qr_payload.bytes_from_digits("") == b""


@pytest.mark.parametrize("text", ["12a", "1234", "99999999999999"])
def test_bad_digit_strings_are_refused(text):
    with pytest.raises(ValueError):
        qr_payload.bytes_from_digits(text)


def test_a_forty_character_name_fits_a_version_15_qr_at_level_m():
    signed = _signed()
    link = verification_link("https://aula.munet.example/v/", signed)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(link, optimize=20)
    qr.make(fit=True)

    assert signed_from_link(link) == signed
    assert qr.version <= 15, (len(signed), qr.version)
    print(
        f"signed payload {len(signed)} bytes, link {len(link)} characters, QR version {qr.version}"
    )


def test_short_codes_catch_typos_and_read_forgivingly():
    code = codes.short_code_new()
    assert len(code) == 12 and codes.short_code_normalise(code) == code
    shown = codes.short_code_display(code)
    assert shown.count("-") == 2
    assert codes.short_code_normalise(shown.lower()) == code
    for position in range(12):
        for symbol in codes.ALPHABET:
            if symbol == code[position]:
                continue
            typo = code[:position] + symbol + code[position + 1 :]
            assert codes.short_code_normalise(typo) is None
    for position in range(11):
        # Luhn mod N's one blind spot: swapping neighbours 0 and Z (values 0 and N-1).
        if code[position] != code[position + 1] and {code[position], code[position + 1]} != {
            "0",
            "Z",
        }:
            swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
            assert codes.short_code_normalise(swapped) is None
    assert codes.short_code_normalise("O1IL" + code[4:]) in (
        None,
        codes.short_code_normalise("0111" + code[4:]),
    )

"""POST /api/v1/certificates/verify/: anyone can check a payload; forgeries are named."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse

from certification import cose, pdf, qr_payload, services
from tests.certification.conftest import make_eligible

pytestmark = pytest.mark.django_db
URL = "/api/v1/certificates/verify/"


@pytest.fixture
def certificate(enrolment, signing_key):
    make_eligible(enrolment)
    return services.certificate_issue(enrolment_id=enrolment.pk)


def _verify(client, payload: str) -> dict:
    response = client.post(URL, {"payload": payload}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_valid_certificate_verifies_from_its_link_without_login(client, certificate):
    assert reverse("api:certificate_verify") == URL
    result = _verify(client, pdf.certificate_link(certificate))
    assert result["genuine"] and result["valid"] and result["status"] == "valid"
    assert result["claims"]["name"] == certificate.name_printed
    assert result["claims"]["hours"] == certificate.hours
    assert result["key_id"] == certificate.signing_key.kid
    assert result["short_code"].replace("-", "") == certificate.short_code
    assert certificate.enrolment.user.email not in str(result)


def test_a_changed_field_is_not_genuine(client, certificate):
    signed = bytearray(certificate.signed_payload)
    position = bytes(signed).index(certificate.name_printed.encode()[:4])
    signed[position] ^= 0x01  # one letter of the name
    result = _verify(client, qr_payload.digits_from_bytes(bytes(signed)))
    assert not result["genuine"] and result["status"] == "forged" and result["claims"] is None


def test_a_forged_signature_and_an_unknown_key_are_not_genuine(client, certificate):
    signed = bytearray(certificate.signed_payload)
    signed[-1] ^= 0xFF  # the signature's last byte
    forged = _verify(client, qr_payload.digits_from_bytes(bytes(signed)))
    other_key = cose.sign(
        {"n": "Nadie"}, private_key=ec.generate_private_key(ec.SECP256R1()), kid="x"
    )
    unknown = _verify(client, qr_payload.digits_from_bytes(other_key))

    assert forged["status"] == "forged" and "signature" in forged["problem"]
    assert unknown["status"] == "forged" and "unknown key id" in unknown["problem"]


def test_a_revoked_certificate_is_genuine_but_not_valid(client, certificate, tutor):
    services.certificate_revoke(certificate=certificate, reason="misconduct", by=tutor)
    result = _verify(client, pdf.certificate_link(certificate))
    assert result["genuine"] and not result["valid"] and result["status"] == "revoked"
    assert result["revoked_on"] and result["reason"]


def test_garbage_is_unreadable_and_an_empty_payload_is_a_400(client, certificate):
    assert _verify(client, "hello")["status"] == "unreadable"
    response = client.post(URL, {}, content_type="application/json")
    assert response.status_code == 400


def test_a_server_path_is_never_read(client, certificate, tmp_path):
    path = tmp_path / "certificado.pdf"
    path.write_bytes(pdf.certificate_pdf_as_issued(certificate))
    assert _verify(client, str(path))["status"] == "unreadable"

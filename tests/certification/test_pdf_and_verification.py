"""The PDF carries a QR code that verifies; altered, forged and revoked certificates do not."""

import pytest
from django.core.management import CommandError, call_command

from certification import codes, keys, pdf, qr_payload, reading, services
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment, signing_key):
    make_eligible(enrolment)
    enrolment.user.full_name = "María Fernanda Rodríguez de la Cruz Gómez"
    enrolment.user.save()
    return services.certificate_issue(enrolment_id=enrolment.pk)


def _verify(source, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_certificate", source)
        raise SystemExit(0)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out + captured.err


def test_the_pdf_is_deterministic_and_its_qr_code_verifies(certificate, tmp_path, capsys):
    document = pdf.certificate_pdf(certificate)
    assert document == pdf.certificate_pdf(certificate)
    path = tmp_path / "certificado.pdf"
    path.write_bytes(document)

    assert reading.qr_texts_of_pdf(path) == [pdf.certificate_link(certificate)]
    code, output = _verify(str(path), capsys)
    assert code == 0, output
    assert "Status: VALID" in output
    assert "Name: María Fernanda Rodríguez de la Cruz Gómez" in output


def test_a_photo_of_the_qr_code_verifies(certificate, tmp_path, capsys):
    path = tmp_path / "qr.png"
    pdf.qr_image(pdf.certificate_link(certificate)).save(path)
    code, output = _verify(str(path), capsys)
    assert code == 0, output


def test_one_changed_digit_fails(certificate, capsys):
    link = pdf.certificate_link(certificate)
    base, digits = link.split("#")
    position = len(digits) // 2
    changed = digits[:position] + str((int(digits[position]) + 1) % 10) + digits[position + 1 :]
    code, output = _verify(f"{base}#{changed}", capsys)
    assert code == 2
    assert "NOT" in output


def test_the_digits_alone_verify_and_one_changed_byte_fails(certificate, capsys):
    signed = bytearray(certificate.signed_payload)
    code, output = _verify(qr_payload.digits_from_bytes(bytes(signed)), capsys)
    assert code == 0, output
    signed[40] ^= 0x01
    code, output = _verify(qr_payload.digits_from_bytes(bytes(signed)), capsys)
    assert code == 2 and "NOT GENUINE" in output


def test_a_revoked_certificate_is_reported_revoked(certificate, capsys):
    manager = MembershipFactory(
        municipality=None, programme=certificate.enrolment.course_run.programme, role=Role.MANAGER
    ).user
    services.certificate_revoke(certificate=certificate, reason="error", by=manager)
    code, output = _verify(pdf.certificate_link(certificate), capsys)
    assert code == 1
    assert "Status: REVOKED" in output and "Revoked on:" in output


def test_a_certificate_signed_with_an_unknown_key_is_not_genuine(certificate, capsys):
    link = pdf.certificate_link(certificate)
    certificate.signing_key.kid = "1999-1"  # the published keys no longer name the signer
    certificate.signing_key.save()
    code, output = _verify(link, capsys)
    assert code == 2
    assert "unknown key id" in output


def test_a_retired_key_still_verifies(certificate, capsys):
    keys.signing_key_generate()  # next year's key; the old one is retired
    code, output = _verify(pdf.certificate_link(certificate), capsys)
    assert code == 0, output


def test_the_pdf_command_writes_a_certificate_that_verifies(certificate, tmp_path, capsys):
    out = tmp_path / "c.pdf"
    call_command("certificate_pdf", codes.short_code_display(certificate.short_code), str(out))
    capsys.readouterr()
    code, output = _verify(str(out), capsys)
    assert code == 0, output
    with pytest.raises(CommandError):
        call_command("certificate_pdf", "0000-0000-0000", str(out))

"""A programme's signatories appear on its certificates; the QR code still reads."""

import io

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from certification import pdf, reading, services
from certification.models import CertificateSignatory
from tests.certification.conftest import make_eligible

pytestmark = pytest.mark.django_db


def _signature_png() -> bytes:
    image = Image.new("RGBA", (400, 120), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 100), (120, 20), (250, 90), (390, 30)], fill="navy", width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_signatories_are_printed_in_order_with_their_signature(enrolment, signing_key, tmp_path):
    programme = enrolment.course_run.programme
    CertificateSignatory.objects.create(
        programme=programme, position=2, name="Rosa Elena Quintero", title="Directora nacional"
    )
    CertificateSignatory.objects.create(
        programme=programme,
        position=1,
        name="Jorge Andrés Villamil",
        title="Coordinador del programa",
        signature=SimpleUploadedFile("firma.png", _signature_png(), content_type="image/png"),
    )
    make_eligible(enrolment)

    certificate = services.certificate_issue(enrolment_id=enrolment.pk)

    path = tmp_path / "certificado.pdf"
    path.write_bytes(pdf.certificate_pdf_as_issued(certificate))
    text = pypdfium2.PdfDocument(str(path))[0].get_textpage().get_text_range()
    assert text.index("Jorge Andrés Villamil") < text.index("Rosa Elena Quintero")
    assert "Coordinador del programa" in text and "Directora nacional" in text
    assert b"/Subtype /Image" in path.read_bytes()  # the signature image
    assert reading.qr_texts_of_pdf(path) == [pdf.certificate_link(certificate)]


def test_without_signatories_the_certificate_has_no_signature_lines(enrolment, signing_key):
    make_eligible(enrolment)
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    assert b"/Subtype /Image" not in pdf.certificate_pdf_as_issued(certificate)

"""The certificate as a PDF: A4 landscape, in the official's language, with the QR code.

Rendering is deterministic (reportlab's invariant mode: no creation date or
random id in the file), so the same certificate always gives the same bytes and
a PDF can be checked against its SHA-256.
"""

import io

import qrcode
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from certification import codes
from certification.claims import verification_link
from certification.models import Certificate, CertificateSignatory

_WIDTH, _HEIGHT = landscape(A4)
_QR_SIZE = 6.2 * cm
_SIGNATORIES = 3


def verification_base() -> str:
    return f"{settings.SITE_URL}/v/"


def certificate_link(certificate: Certificate) -> str:
    return verification_link(verification_base(), bytes(certificate.signed_payload))


def _qr(link: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=8)
    qr.add_data(link, optimize=20)
    qr.make(fit=True)
    return qr


def qr_image(link: str):
    """The QR code as a picture (a PNG to print or to test a photo of it)."""
    return _qr(link).make_image().get_image()


def _draw_qr(page, link: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares: sharp at any print size, and no image to encode
    (which, in pure Python, took longer than the rest of the PDF)."""
    matrix = _qr(link).get_matrix()  # quiet zone included
    cell = size / len(matrix)
    path = page.beginPath()
    for row_number, row in enumerate(matrix):
        bottom = y + size - (row_number + 1) * cell
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + start * cell, bottom, (column - start) * cell, cell)
    page.setFillColorRGB(0, 0, 0)
    page.drawPath(path, stroke=0, fill=1)


def _centred(page, text: str, y: float, font: str, size: float) -> None:
    """Centred on the page, the font shrunk as needed so that long names still fit."""
    available = _WIDTH - 5 * cm
    width = stringWidth(text, font, size)
    if width > available:
        size = size * available / width
    page.setFont(font, size)
    page.drawCentredString(_WIDTH / 2, y, text)


def _signatories(certificate: Certificate) -> list[CertificateSignatory]:
    return list(
        CertificateSignatory.objects.filter(
            programme_id=certificate.enrolment.course_run.programme_id
        )[:_SIGNATORIES]
    )


def _draw_signatories(page, certificate: Certificate) -> None:
    """Up to three signatures side by side, left of the QR code: image, line, name, office."""
    signatories = _signatories(certificate)
    if not signatories:
        return
    left, right = 2.2 * cm, _WIDTH - 2.4 * cm - _QR_SIZE
    slot = (right - left) / len(signatories)
    line_y = 6.2 * cm
    for number, signatory in enumerate(signatories):
        centre = left + slot * (number + 0.5)
        width = min(slot - 1 * cm, 6 * cm)
        if signatory.signature:
            with signatory.signature.open("rb") as stored:
                image = ImageReader(io.BytesIO(stored.read()))
            page.drawImage(
                image, centre - width / 2, line_y + 0.1 * cm, width, 1.8 * cm,
                preserveAspectRatio=True, anchor="s", mask="auto",
            )  # fmt: skip
        page.setLineWidth(0.6)
        page.line(centre - width / 2, line_y, centre + width / 2, line_y)
        page.setFont("Helvetica-Bold", 10)
        page.drawCentredString(centre, line_y - 0.45 * cm, signatory.name)
        page.setFont("Helvetica", 9)
        page.drawCentredString(centre, line_y - 0.85 * cm, signatory.title)


def certificate_pdf(certificate: Certificate) -> bytes:
    language = certificate.enrolment.user.preferred_language or "es"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(_WIDTH, _HEIGHT), invariant=1)
    with translation.override(language):
        page.setTitle(_("Certificate %(code)s") % {"code": certificate.short_code})
        page.setLineWidth(2)
        page.rect(1.2 * cm, 1.2 * cm, _WIDTH - 2.4 * cm, _HEIGHT - 2.4 * cm)
        _centred(page, certificate.programme_name, _HEIGHT - 3 * cm, "Helvetica", 13)
        _centred(page, _("Certificate"), _HEIGHT - 4.6 * cm, "Helvetica-Bold", 30)
        _centred(page, _("This certifies that"), _HEIGHT - 6.2 * cm, "Helvetica", 14)
        _centred(page, certificate.name_printed, _HEIGHT - 7.7 * cm, "Helvetica-Bold", 26)
        _centred(page, _("has completed and passed the course"), _HEIGHT - 9 * cm, "Helvetica", 14)
        _centred(page, certificate.course_title, _HEIGHT - 10.3 * cm, "Helvetica-Bold", 20)
        hours_line = _("%(hours)s hours · completed on %(date)s") % {
            "hours": certificate.hours,
            "date": formats.date_format(certificate.completed_on, "DATE_FORMAT"),
        }
        _centred(page, hours_line, _HEIGHT - 11.6 * cm, "Helvetica", 14)
        _draw_signatories(page, certificate)
        page.setFont("Helvetica", 10)
        left = 2.2 * cm
        page.drawString(left, 4.2 * cm, _("Issued by %(issuer)s") % {"issuer": certificate.issuer})
        page.drawString(
            left,
            3.6 * cm,
            _("Certificate code: %(code)s")
            % {"code": codes.short_code_display(certificate.short_code)},
        )
        page.drawString(
            left,
            3.0 * cm,
            _("Verify it: scan the code, or type the certificate code at %(url)s")
            % {"url": verification_base()},
        )
        page.drawString(
            left, 2.4 * cm, _("Signing key: %(kid)s") % {"kid": certificate.signing_key.kid}
        )
        _draw_qr(
            page, certificate_link(certificate), _WIDTH - 1.6 * cm - _QR_SIZE, 1.6 * cm, _QR_SIZE
        )
    page.showPage()
    page.save()
    return buffer.getvalue()


def certificate_pdf_as_issued(certificate: Certificate) -> bytes:
    """The PDF kept at issuance (what the official holds), rendered anew only if it is missing."""
    if certificate.pdf:
        with certificate.pdf.open("rb") as stored:
            return stored.read()
    return certificate_pdf(certificate)

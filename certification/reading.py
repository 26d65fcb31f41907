"""Reading a certificate's signed payload back: from a link, digits, a photo or the PDF."""

from pathlib import Path

import pypdfium2
import zxingcpp
from PIL import Image

from certification import qr_payload
from certification.claims import signed_from_link

_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}


class UnreadableInput(ValueError):
    pass


def _qr_texts(image: Image.Image) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def qr_texts_of_pdf(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            texts += _qr_texts(page.render(scale=3).to_pil())
        return texts
    finally:
        document.close()


def signed_bytes_from(source: str) -> bytes:
    """The signed payload in a link or digit string, or in the QR code of an image or PDF file."""
    text = source.strip()
    if "#" in text or text.isdigit():  # a link or its digits: never a file name
        return signed_bytes_from_text(text)
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # e.g. a name too long to be a file's
        is_file = False
    if is_file:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            texts = qr_texts_of_pdf(path)
        elif suffix in _IMAGE_SUFFIXES:
            with Image.open(path) as image:
                texts = _qr_texts(image.convert("RGB"))
        else:
            raise UnreadableInput(f"{path.name}: give a PDF, a PNG/JPEG image or the link")
        if not texts:
            raise UnreadableInput(f"{path.name}: no QR code found")
        source = texts[0]
    return signed_bytes_from_text(source)


def signed_bytes_from_text(text: str) -> bytes:
    """The signed payload in a verification link or its digits (never a file)."""
    try:
        if "#" in text:
            return signed_from_link(text.strip())
        return qr_payload.bytes_from_digits(text.strip())
    except ValueError as error:
        raise UnreadableInput("not a certificate payload") from error

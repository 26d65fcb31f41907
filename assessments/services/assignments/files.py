"""What a submitted file may be: its type, its size, its content."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.models import (
    Assignment,
    Submission,
)

DEFAULT_EXTENSIONS = ("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "ppt", "odp",
                      "txt", "csv", "jpg", "jpeg", "png")  # fmt: skip
FEEDBACK_FILE_MAX_BYTES = 20 * 1024 * 1024

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# What the first bytes of a file of each type must be; types not listed only
# have to not look like a program.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"), _ZIP),
    **dict.fromkeys(("doc", "xls", "ppt"), _OLE),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_TEXT_TYPES = {"txt", "csv", "md"}
_PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


def normalised_extensions(values) -> list[str]:
    return sorted({str(value).strip().lower().lstrip(".") for value in values or [] if value})


def stored_name(upload: UploadedFile) -> str:
    return (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]


# --- Files ---------------------------------------------------------------------------


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_file(upload: UploadedFile, *, allowed: list[str], max_bytes: int) -> None:
    """Type (by name and by content) and size of one uploaded file."""
    name = stored_name(upload)
    extension = _extension(name)
    if extension not in allowed:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted (accepted: %(types)s).")
            % {"name": name, "types": ", ".join(allowed)}
        )
    if not upload.size:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is too large: at most %(size)s MB.")
            % {"name": name, "size": f"{max_bytes / (1024 * 1024):.1f}"}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    expected = _SIGNATURES.get(extension)
    looks_wrong = (
        (expected is not None and not head.startswith(expected))
        or (extension in _TEXT_TYPES and b"\x00" in head)
        or (expected is None and head.startswith(_PROGRAMS))
    )
    if looks_wrong:
        raise ValidationError(
            _("%(name)s does not contain what its name says (.%(type)s): check the file.")
            % {"name": name, "type": extension}
        )


def validate_content(assignment: Assignment, text: str, files: list[UploadedFile]) -> None:
    if text and not assignment.accepts_text:
        raise ValidationError(_("This assignment takes files only, not a written answer."))
    if files and not assignment.accepts_files:
        raise ValidationError(_("This assignment takes a written answer only, not files."))
    if not text and not files:
        raise ValidationError(
            _("Write your answer or attach a file.")
            if assignment.accepts_text and assignment.accepts_files
            else _("Write your answer.")
            if assignment.accepts_text
            else _("Attach a file.")
        )
    if len(files) > assignment.max_files:
        raise ValidationError(
            ngettext(
                "Attach at most %(count)d file.",
                "Attach at most %(count)d files.",
                assignment.max_files,
            )
            % {"count": assignment.max_files}
        )
    allowed = normalised_extensions(assignment.allowed_extensions) or list(DEFAULT_EXTENSIONS)
    for upload in files:
        check_file(upload, allowed=allowed, max_bytes=assignment.max_file_bytes)


def file_hash(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def digest(text: str, files: list[tuple[str, str]]) -> str:
    """One hash of a version's content: its text, then each file's name and content hash."""
    digest = hashlib.sha256(text.encode())
    for name, content_hash in files:
        digest.update(f"\0{name}\0{content_hash}".encode())
    return digest.hexdigest()


def stored_digest(submission: Submission) -> str:
    files = []
    for stored in submission.files.order_by("pk"):
        with stored.file.open("rb") as handle:
            files.append((stored.original_name, file_hash(handle.chunks())))
    return digest(submission.text, files)

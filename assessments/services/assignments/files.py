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

# The checks every upload gets; grading and submissions import them from here.
from programs.uploads import check_file, stored_name  # noqa: F401

DEFAULT_EXTENSIONS = ("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "ppt", "odp",
                      "txt", "csv", "jpg", "jpeg", "png")  # fmt: skip
FEEDBACK_FILE_MAX_BYTES = 20 * 1024 * 1024


def normalised_extensions(values) -> list[str]:
    return sorted({str(value).strip().lower().lstrip(".") for value in values or [] if value})


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

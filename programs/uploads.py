"""What an uploaded file may be: its type by name and by content, and its size.

Shared by every app that takes files (assignments, feedback, milestone
evidence); it lives in the foundation layer so that all of them can call it.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# What the first bytes of a file of each type must be; types not listed only
# have to not look like a program.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"), _ZIP),
    **dict.fromkeys(("doc", "xls", "ppt"), _OLE),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
_TEXT_TYPES = {"txt", "csv", "md"}
_PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


def stored_name(upload: UploadedFile, default: str = "file") -> str:
    """The file's own name, without any folder a browser may send, at most 200 characters."""
    return (upload.name or default).replace("\\", "/").rsplit("/", 1)[-1][:200]


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_file(upload: UploadedFile, *, allowed, max_bytes: int) -> None:
    """Type (by name and by content) and size of one uploaded file."""
    name = stored_name(upload)
    extension = extension_of(name)
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
    expected = SIGNATURES.get(extension)
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

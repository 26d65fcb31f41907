"""Verbs that create and change content items."""

import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from content.models import FileResource, Page, Video
from content.sanitize import render_markdown, sanitize_html

MAX_FILE_BYTES = 200 * 1024 * 1024
VIDEO_TYPES = {"video/mp4", "video/webm", "video/ogg"}


def _render(source: str, source_format: str) -> str:
    if source_format == Page.Format.MARKDOWN:
        return render_markdown(source)
    return sanitize_html(source)


@transaction.atomic
def page_save(
    *, source: str, source_format: str = Page.Format.MARKDOWN, page: Page | None = None
) -> Page:
    """Create or update a page; the HTML shown is always re-sanitised from the source."""
    if not source.strip():
        raise ValidationError(_("A page needs some text."))
    page = page or Page()
    page.source = source
    page.source_format = source_format
    page.html = _render(source, source_format)
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def file_resource_create(*, upload: UploadedFile, description: str = "") -> FileResource:
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(megabytes)d MB).")
            % {"megabytes": MAX_FILE_BYTES // (1024 * 1024)}
        )
    content_type = mimetypes.guess_type(upload.name)[0] or "application/octet-stream"
    resource = FileResource(
        original_name=upload.name,
        content_type=content_type,
        size_bytes=upload.size,
        description=description,
    )
    resource.file.save(upload.name, upload, save=False)
    resource.save()
    return resource


@transaction.atomic
def video_create(
    *, upload: UploadedFile | None = None, url: str = "", transcript: str = ""
) -> Video:
    if bool(upload) == bool(url):
        raise ValidationError(_("Give either a video file or a video address, not both."))
    video = Video(url=url, transcript=transcript)
    if upload is not None:
        content_type = mimetypes.guess_type(upload.name)[0] or ""
        if content_type not in VIDEO_TYPES:
            raise ValidationError(_("Upload the video as MP4, WebM or Ogg."))
        video.content_type = content_type
        video.file.save(upload.name, upload, save=False)
    video.full_clean()
    video.save()
    return video


MAX_CAPTIONS_BYTES = 512 * 1024


def captions_validate(*, upload: UploadedFile) -> None:
    """Check a captions file: WebVTT ("WEBVTT" first), UTF-8 text, not too large."""
    if not upload.name.lower().endswith(".vtt"):
        raise ValidationError(_("Upload the captions as a WebVTT file (.vtt)."))
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(
            _("The captions file is too large (at most %(kilobytes)d KB).")
            % {"kilobytes": MAX_CAPTIONS_BYTES // 1024}
        )
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The captions file must be UTF-8 text.")) from error
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if first_line != "WEBVTT" and not first_line.startswith(("WEBVTT ", "WEBVTT\t")):
        raise ValidationError(_("This is not a WebVTT file: it must start with “WEBVTT”."))


# --- H5P packages (content.h5p), re-exported so callers use content.services ---
from content.h5p.errors import H5PPackageError  # noqa: E402
from content.h5p.services import (  # noqa: E402
    h5p_content_delete,
    h5p_package_import,
    h5p_package_inspect,
    h5p_package_path,
    h5p_player_config,
)
from content.h5p.validation import H5PPackageInfo  # noqa: E402

__all__ = [
    "H5PPackageError",
    "H5PPackageInfo",
    "captions_validate",
    "file_resource_create",
    "h5p_content_delete",
    "h5p_package_import",
    "h5p_package_inspect",
    "h5p_package_path",
    "h5p_player_config",
    "page_save",
    "video_create",
]

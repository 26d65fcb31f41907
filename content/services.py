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

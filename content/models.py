"""What an activity shows: pages, files and videos.

Content items know nothing of courses or people; an activity in `courses`
points down to one of them.
"""

import uuid
from urllib.parse import urlparse

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    class Format(models.TextChoices):
        MARKDOWN = "markdown", _("Markdown")
        HTML = "html", _("HTML")

    source = models.TextField(_("text"), help_text=_("Markdown or HTML, as chosen below."))
    source_format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.MARKDOWN
    )
    # Sanitised HTML rendered from `source` by `content.services.page_save`;
    # pages show this and never the source.
    html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.source[:60]


def _file_upload_to(instance: "FileResource", filename: str) -> str:
    return f"content/files/{uuid.uuid4().hex}/{filename}"


class FileResource(models.Model):
    file = models.FileField(_("file"), upload_to=_file_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.original_name


def _video_upload_to(instance: "Video", filename: str) -> str:
    return f"content/videos/{uuid.uuid4().hex}/{filename}"


class Video(models.Model):
    """An uploaded video, or a link to one hosted elsewhere."""

    file = models.FileField(_("video file"), upload_to=_video_upload_to, blank=True, max_length=300)
    url = models.URLField(_("video address"), blank=True, max_length=500)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to=_video_upload_to, blank=True, max_length=300
    )
    transcript = models.TextField(_("transcript"), blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="video_file_xor_url",
            ),
        ]

    def __str__(self) -> str:
        return self.url or self.file.name

    @property
    def is_linked(self) -> bool:
        return bool(self.url)

    @property
    def needs_internet(self) -> bool:
        """A linked video is fetched from another host: offline it will not play."""
        return self.is_linked

    @property
    def plays_inline(self) -> bool:
        """True when the HTML5 player can play it (a file, or a direct media link)."""
        if not self.is_linked:
            return True
        path = urlparse(self.url).path.lower()
        return path.endswith((".mp4", ".webm", ".ogv", ".ogg", ".m4v"))

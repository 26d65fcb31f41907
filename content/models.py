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


class H5PLibrary(models.Model):
    """An H5P library (a content type or one it needs), stored once per machine
    name and major.minor version and shared by every package that uses it."""

    machine_name = models.CharField(max_length=127)
    major_version = models.PositiveSmallIntegerField()
    minor_version = models.PositiveSmallIntegerField()
    patch_version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    runnable = models.BooleanField(default=False)
    # library.json as shipped: preloadedJs/Css, preloadedDependencies, …
    metadata = models.JSONField(default=dict)
    installed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="h5p_library_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.folder_name}.{self.patch_version}"

    @property
    def folder_name(self) -> str:
        """The folder H5P players expect: MachineName-major.minor."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PContent(models.Model):
    """One imported H5P package's content: h5p.json, content/ and its media.

    Its files live under MEDIA_ROOT/h5p/content/<id>/; the libraries it needs
    under MEDIA_ROOT/h5p/libraries/<folder>/ (see content.h5p).
    """

    title = models.CharField(_("title"), max_length=255)
    main_library = models.ForeignKey(H5PLibrary, on_delete=models.PROTECT, related_name="+")
    libraries = models.ManyToManyField(H5PLibrary, related_name="contents", blank=True)
    metadata = models.JSONField(default=dict)  # h5p.json
    language = models.CharField(max_length=16, blank=True)
    needs_internet = models.BooleanField(
        _("needs the internet"),
        default=False,
        help_text=_("The content points to media on another host (a video, for example)."),
    )
    # The package's own pass mark, when it declares one (e.g. a question set's).
    mastery_fraction = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P contents")

    def __str__(self) -> str:
        return self.title

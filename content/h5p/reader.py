"""Open a .h5p archive without trusting it.

Every entry name, type and size is checked before anything is read; reads and
extraction count the real bytes and stop at the limits whatever the headers
say. Entries whose name (or a folder in it) starts with "." or "_" are left
out, as H5P core does (__MACOSX/, .DS_Store, ._resource forks).
"""

import json
import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from content.h5p.errors import H5PPackageError

# The H5P core default whitelists (h5p-php-library, H5PCore).
CONTENT_EXTENSIONS = frozenset({
    "json", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "svg", "eot", "ttf", "woff",
    "woff2", "otf", "webm", "mp4", "ogg", "mp3", "m4a", "wav", "txt", "pdf", "rtf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "xml", "csv", "diff", "patch", "swf", "md",
    "textile", "vtt", "webvtt",
})  # fmt: skip
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

MEGABYTE = 1024 * 1024
# A small file may compress very well (a JSON of repeated keys); the ratio only
# counts for entries larger than this.
RATIO_CHECK_MIN_BYTES = MEGABYTE
CHUNK_BYTES = 64 * 1024
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    max_entries: int
    max_total_bytes: int
    max_file_bytes: int
    max_ratio: int


def limits() -> Limits:
    """The limits in force; settings may override each one."""
    return Limits(
        max_entries=getattr(settings, "H5P_MAX_ENTRIES", 5000),
        max_total_bytes=getattr(settings, "H5P_MAX_UNCOMPRESSED_BYTES", 500 * MEGABYTE),
        max_file_bytes=getattr(settings, "H5P_MAX_FILE_BYTES", 200 * MEGABYTE),
        max_ratio=getattr(settings, "H5P_MAX_RATIO", 100),
    )


def _is_unsafe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name:
        return True
    if name.startswith("/") or _DRIVE_LETTER.match(name):
        return True
    parts = name.removesuffix("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def _is_skipped(name: str) -> bool:
    return any(part.startswith((".", "_")) for part in name.removesuffix("/").split("/"))


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _allowed_extensions(name: str) -> frozenset[str]:
    top = name.split("/", 1)[0]
    in_library = "/" in name and top != "content"
    return LIBRARY_EXTENSIONS if in_library else CONTENT_EXTENSIONS


def _entry_problems(info: zipfile.ZipInfo, limit: Limits) -> list[str]:
    name = info.filename
    if _is_unsafe_name(name):
        return [
            _("“%(file)s” has an unsafe path (absolute, with “..”, a drive letter or backslashes).")
            % {"file": name}
        ]
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return [
            _("“%(file)s” is a symbolic link; packages may not contain links.") % {"file": name}
        ]
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return [_("“%(file)s” is not a regular file.") % {"file": name}]
    if info.flag_bits & 0x1:
        return [
            _("“%(file)s” is encrypted; packages may not contain encrypted files.") % {"file": name}
        ]
    if info.is_dir():
        return []
    problems = []
    if info.file_size > limit.max_file_bytes:
        problems.append(_file_too_large(name, info.file_size, limit))
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_CHECK_MIN_BYTES and ratio > limit.max_ratio:
        problems.append(
            _(
                "“%(file)s” is compressed suspiciously well (%(ratio)d to 1, at most "
                "%(limit)d to 1): the package may be a zip bomb."
            )
            % {"file": name, "ratio": ratio, "limit": limit.max_ratio}
        )
    if not _is_skipped(name) and _extension(name) not in _allowed_extensions(name):
        problems.append(
            _("“%(file)s” is not an allowed file type in an H5P package.") % {"file": name}
        )
    return problems


def _file_too_large(name: str, size: int, limit: Limits) -> str:
    return _("“%(file)s” is too large (%(size)d MB, at most %(limit)d MB).") % {
        "file": name,
        "size": size // MEGABYTE,
        "limit": limit.max_file_bytes // MEGABYTE,
    }


def _total_too_large(limit: Limits) -> str:
    return _("The package is too large once unpacked (at most %(limit)d MB).") % {
        "limit": limit.max_total_bytes // MEGABYTE
    }


def _damaged() -> H5PPackageError:
    return H5PPackageError(_("The package is damaged and cannot be read."))


class H5PArchive:
    """An opened .h5p whose entries passed the safety checks.

    `files` maps each kept regular file's name to its zip entry.
    """

    def __init__(self, source: str | Path | IO[bytes]):
        self.limits = limits()
        try:
            self._zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
            raise H5PPackageError(
                _("The file is not a valid H5P package: it is not a zip archive.")
            ) from None
        self.files: dict[str, zipfile.ZipInfo] = {}
        self._bytes_read = 0
        try:
            self._check_entries()
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> "H5PArchive":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def _check_entries(self) -> None:
        entries = self._zip.infolist()
        if len(entries) > self.limits.max_entries:
            raise H5PPackageError(
                _("The package has too many files (%(count)d, at most %(limit)d).")
                % {"count": len(entries), "limit": self.limits.max_entries}
            )
        problems: list[str] = []
        for info in entries:
            problems += _entry_problems(info, self.limits)
            # A name twice (some exporters write it so) keeps its last copy, as
            # zipfile does; every copy passed the same checks.
            if not info.is_dir() and not _is_skipped(info.filename):
                self.files[info.filename] = info
        if sum(info.file_size for info in entries) > self.limits.max_total_bytes:
            problems.append(_total_too_large(self.limits))
        if not problems and not self.files:
            problems.append(_("The package is empty."))
        if problems:
            raise H5PPackageError(problems)

    # --- reading, with the real bytes counted -------------------------------

    def _chunks(self, name: str) -> Iterable[bytes]:
        info = self.files[name]
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    size += len(chunk)
                    self._bytes_read += len(chunk)
                    if size > info.file_size or size > self.limits.max_file_bytes:
                        raise H5PPackageError(
                            _("“%(file)s” is larger than its header says: the package is damaged.")
                            % {"file": name}
                        )
                    if self._bytes_read > self.limits.max_total_bytes:
                        raise H5PPackageError(_total_too_large(self.limits))
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, ValueError):
            raise _damaged() from None

    def read_bytes(self, name: str) -> bytes:
        return b"".join(self._chunks(name))

    def read_json(self, name: str) -> Any:
        """The parsed file; ValueError when it is not JSON."""
        return json.loads(self.read_bytes(name).decode("utf-8-sig"))

    def extract(self, names: Iterable[str], destination: Path, *, strip: str = "") -> None:
        """Write `names` under `destination`, dropping the `strip` prefix from each."""
        root = destination.resolve()
        for name in names:
            relative = PurePosixPath(name.removeprefix(strip))
            target = (root / relative).resolve()
            if not target.is_relative_to(root):  # defence in depth; names were checked
                raise H5PPackageError(_("“%(file)s” has an unsafe path.") % {"file": name})
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                for chunk in self._chunks(name):
                    out.write(chunk)

    def names_under(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return [name for name in self.files if name.startswith(prefix)]

    def top_level_folders(self) -> list[str]:
        return sorted({name.split("/", 1)[0] for name in self.files if "/" in name})

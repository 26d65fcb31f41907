"""Where H5P files live under MEDIA_ROOT, and putting them there all or nothing.

Packages are unpacked into a staging folder beside the final places (same
file system, so moving is a rename); `Placement` remembers what it moved so a
failed import takes it all back.
"""

import hashlib
import io
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from django.conf import settings

CHUNK_BYTES = 64 * 1024


def h5p_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "h5p"


def libraries_root() -> Path:
    return h5p_root() / "libraries"


def library_path(folder_name: str) -> Path:
    return libraries_root() / folder_name


def content_path(content_id: int) -> Path:
    return h5p_root() / "content" / str(content_id)


def package_path(sha256: str) -> Path:
    return h5p_root() / "packages" / f"{sha256}.h5p"


def relative_to_media(path: Path) -> str:
    return path.relative_to(Path(settings.MEDIA_ROOT)).as_posix()


@contextmanager
def staging_directory() -> Iterator[Path]:
    """A private folder under MEDIA_ROOT/h5p/tmp, removed with all it holds."""
    parent = h5p_root() / "tmp"
    path = parent / uuid.uuid4().hex
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        with suppress(OSError):
            parent.rmdir()  # only when no other import is staging


class PackageTooLarge(Exception):
    pass


def stage_package(package: str | Path | bytes | IO[bytes], target: Path, *, max_bytes: int) -> str:
    """Copy the package's bytes to `target`; their SHA-256."""
    digest = hashlib.sha256()
    size = 0
    with _open_source(package) as source, target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise PackageTooLarge
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


@contextmanager
def _open_source(package: str | Path | bytes | IO[bytes]) -> Iterator[IO[bytes]]:
    if isinstance(package, bytes | bytearray | memoryview):
        yield io.BytesIO(bytes(package))
    elif isinstance(package, str | os.PathLike):
        with open(package, "rb") as stream:
            yield stream
    else:
        if hasattr(package, "seek"):
            package.seek(0)
        yield package


class Placement:
    """Moves staged files into their final places; `undo` removes what it placed."""

    def __init__(self) -> None:
        self._placed: list[Path] = []

    def move(self, source: Path, target: Path, *, replace: bool = False) -> None:
        """Move `source` to `target`. An existing target is kept unless `replace`
        (an orphan left by an import that failed half-way)."""
        if target.exists():
            if not replace:
                return
            _remove(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        self._placed.append(target)

    def undo(self) -> None:
        for path in reversed(self._placed):
            _remove(path)
        self._placed.clear()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(FileNotFoundError):
            path.unlink()

"""Importing H5P packages: validate everything first, then store all or nothing."""

import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from content.h5p import storage
from content.h5p.errors import H5PPackageError
from content.h5p.reader import MEGABYTE, H5PArchive, limits
from content.h5p.validation import (
    H5PPackageInfo,
    LibraryRef,
    dependencies_of,
    package_validate,
)
from content.models import H5PContent, H5PLibrary

Package = str | Path | bytes | IO[bytes]


def _installed_libraries() -> dict[LibraryRef, H5PLibrary]:
    return {
        LibraryRef(library.machine_name, library.major_version, library.minor_version): library
        for library in H5PLibrary.objects.all()
    }


def _stage(package: Package, target: Path) -> str:
    limit = limits().max_total_bytes
    try:
        return storage.stage_package(package, target, max_bytes=limit)
    except storage.PackageTooLarge:
        raise H5PPackageError(
            _("The package is too large (at most %(limit)d MB).") % {"limit": limit // MEGABYTE}
        ) from None


def _validate(archive: H5PArchive, installed: dict[LibraryRef, H5PLibrary]) -> H5PPackageInfo:
    return package_validate(
        archive,
        installed={ref: dependencies_of(library.metadata) for ref, library in installed.items()},
    )


def h5p_package_inspect(*, package: Package) -> H5PPackageInfo:
    """Validate a package without storing anything.

    Raises H5PPackageError when the package is unusable; libraries it needs but
    that are neither in it nor installed are listed in `libraries_missing`.
    """
    with tempfile.TemporaryDirectory(prefix="munet-h5p-") as folder:
        package_file = Path(folder) / "package.h5p"
        _stage(package, package_file)
        with H5PArchive(package_file) as archive:
            return _validate(archive, _installed_libraries())


def h5p_package_import(*, package: Package, filename: str = "") -> H5PContent:
    """Validate and store an H5P package: its content, the libraries not yet
    installed, and the original bytes. Raises H5PPackageError, storing nothing."""
    with storage.staging_directory() as staging:
        package_file = staging / "package.h5p"
        sha256 = _stage(package, package_file)
        with H5PArchive(package_file) as archive:
            installed = _installed_libraries()
            info = _validate(archive, installed)
            if info.libraries_missing:
                raise H5PPackageError(info.missing_message)
            _extract(archive, info, installed, staging)
        return _store(
            info=info,
            staging=staging,
            package_file=package_file,
            sha256=sha256,
            original_name=_base_name(filename or _name_of(package)),
        )


def _name_of(package: Package) -> str:
    if isinstance(package, str | Path):
        return str(package)
    name = getattr(package, "name", "")
    return name if isinstance(name, str) else ""


def _base_name(filename: str) -> str:
    """The file's own name, also from a browser's "C:\\fakepath\\x.h5p"."""
    return PurePosixPath(filename.replace("\\", "/")).name if filename else ""


def _libraries_to_place(info: H5PPackageInfo, installed: dict) -> list[LibraryRef]:
    """Needed libraries the package brings and the machine lacks (no row, or a
    row whose folder has gone)."""
    return [
        ref
        for ref in info.libraries_needed
        if ref in info.package_libraries
        and (ref not in installed or not storage.library_path(ref.folder_name).is_dir())
    ]


def _extract(archive: H5PArchive, info: H5PPackageInfo, installed: dict, staging: Path) -> None:
    for ref in _libraries_to_place(info, installed):
        folder = info.package_libraries[ref].folder
        archive.extract(
            archive.names_under(folder),
            staging / "libraries" / ref.folder_name,
            strip=f"{folder}/",
        )
    archive.extract(["h5p.json", *archive.names_under("content")], staging / "content")


def _store(
    *, info: H5PPackageInfo, staging: Path, package_file: Path, sha256: str, original_name: str
) -> H5PContent:
    placement = storage.Placement()
    try:
        with transaction.atomic():
            libraries = [
                _library_install(ref, info, staging, placement) for ref in info.libraries_needed
            ]
            main = next(lib for lib in libraries if _ref(lib) == info.main_library)
            content = H5PContent.objects.create(
                title=info.title[:255],
                main_library=main,
                metadata=info.metadata,
                language=info.language[:16],
                needs_internet=info.needs_internet,
                mastery_fraction=info.mastery_fraction,
                original_name=original_name[:255],
                sha256=sha256,
            )
            content.libraries.set(libraries)
            placement.move(staging / "content", storage.content_path(content.id), replace=True)
            placement.move(package_file, storage.package_path(sha256))
    except BaseException:
        placement.undo()
        raise
    return content


def _ref(library: H5PLibrary) -> LibraryRef:
    return LibraryRef(library.machine_name, library.major_version, library.minor_version)


def _library_install(
    ref: LibraryRef, info: H5PPackageInfo, staging: Path, placement: storage.Placement
) -> H5PLibrary:
    """The installed library for `ref`, installing the package's copy if needed.

    An installed library is never overwritten, whatever patch the package brings.
    """
    bundled = info.package_libraries.get(ref)
    defaults = {}
    if bundled is not None:
        defaults = {
            "patch_version": bundled.patch,
            "title": bundled.title[:255],
            "runnable": bundled.runnable,
            "metadata": bundled.metadata,
        }
    library, created = H5PLibrary.objects.get_or_create(
        machine_name=ref.machine_name,
        major_version=ref.major,
        minor_version=ref.minor,
        defaults=defaults,
    )
    staged = staging / "libraries" / ref.folder_name
    if staged.is_dir():
        # A row created just now owns the folder: anything there is an orphan.
        placement.move(staged, storage.library_path(ref.folder_name), replace=created)
    return library


def h5p_package_path(content: H5PContent) -> Path:
    """The package file as it was uploaded."""
    return storage.package_path(content.sha256)


def h5p_player_config(content: H5PContent) -> dict:
    """What the h5p-standalone player needs, relative to MEDIA_ROOT."""
    return {
        "content_folder": storage.relative_to_media(storage.content_path(content.id)),
        "libraries_folder": storage.relative_to_media(storage.libraries_root()),
        "main_library": content.main_library.folder_name,
        "needs_internet": content.needs_internet,
    }


@transaction.atomic
def h5p_content_delete(*, content: H5PContent) -> None:
    """Delete a package's content and, after the commit, its files (its original
    package too, unless another content was imported from the same bytes).
    Libraries stay: other contents may use them."""
    folder = storage.content_path(content.id)
    shared = H5PContent.objects.filter(sha256=content.sha256).exclude(pk=content.pk).exists()
    package = None if shared or not content.sha256 else storage.package_path(content.sha256)
    content.delete()

    def remove_files():
        shutil.rmtree(folder, ignore_errors=True)
        if package is not None:
            package.unlink(missing_ok=True)

    transaction.on_commit(remove_files)

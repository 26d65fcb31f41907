"""A package's files, from a folder or a zip, as {relative POSIX path: bytes}.

Nothing is extracted to disk. A zip is refused (with every reason found) when an
entry's name is absolute, climbs out with `..`, is a symbolic link, or when it is
too large; a folder's symbolic links are refused too, so everything read is inside
the package.
"""

import stat
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

MAX_ENTRIES = 5000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry: zip bombs


class PackageFilesError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def safe_name(name: str) -> bool:
    """A relative path that stays inside the package."""
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return False
    path = PurePosixPath(name)
    return not any(part in ("..", "") for part in path.parts) and ":" not in path.parts[0]


def package_files(path: Path) -> dict[str, bytes]:
    path = Path(path)
    if path.is_dir():
        return _folder_files(path)
    if path.is_file() and zipfile.is_zipfile(path):
        try:
            return _zip_files(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, OSError, EOFError):
            # Damaged, encrypted, or entries larger than their headers said.
            raise PackageFilesError([_("The zip file is damaged or encrypted.")]) from None
    raise PackageFilesError([_("%(path)s is neither a folder nor a zip file.") % {"path": path}])


def _folder_files(root: Path) -> dict[str, bytes]:
    files, errors, total = {}, [], 0
    for item in sorted(root.rglob("*")):
        name = item.relative_to(root).as_posix()
        if item.is_symlink():
            errors.append(_("%(name)s: symbolic links are not allowed.") % {"name": name})
        elif item.is_file():
            total += item.stat().st_size
            if len(files) >= MAX_ENTRIES or total > MAX_TOTAL_BYTES:
                raise PackageFilesError([_("The package is too large.")])
            files[name] = item.read_bytes()
    if errors:
        raise PackageFilesError(errors)
    return files


def _zip_files(path: Path) -> dict[str, bytes]:
    errors = []
    with zipfile.ZipFile(path) as archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        if len(entries) > MAX_ENTRIES or sum(i.file_size for i in entries) > MAX_TOTAL_BYTES:
            raise PackageFilesError([_("The package is too large.")])
        for info in entries:
            mode = info.external_attr >> 16
            if not safe_name(info.filename):
                errors.append(
                    _("%(name)s: a path outside the package is not allowed.")
                    % {"name": info.filename}
                )
            elif stat.S_ISLNK(mode):
                errors.append(
                    _("%(name)s: symbolic links are not allowed.") % {"name": info.filename}
                )
            elif info.file_size > MAX_RATIO * max(info.compress_size, 1024):
                errors.append(_("%(name)s: suspiciously compressed.") % {"name": info.filename})
        if errors:
            raise PackageFilesError(errors)
        files = {info.filename: archive.read(info) for info in entries}
    return _strip_common_folder(files)


def _strip_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip of the package's folder (gem-100/course.toml …) reads like the folder itself."""
    if "course.toml" in files or not files:
        return files
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        prefix = tops.pop() + "/"
        return {name.removeprefix(prefix): data for name, data in files.items()}
    return files

"""Check an opened package against the H5P file specification.

`package_validate` collects every problem before refusing, each message naming
the file or library at fault. It reads nothing from the database: the caller
passes what is installed.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from content.h5p.errors import H5PPackageError
from content.h5p.reader import H5PArchive

MACHINE_NAME = re.compile(r"^[\w.-]{1,255}$")
VERSION = re.compile(r"^\d{1,5}$")
LANGUAGE_FILE = re.compile(r"^(-?[a-z]+){1,7}\.json$", re.IGNORECASE)
EXTERNAL_URL = re.compile(r"^(https?:)?//", re.IGNORECASE)
# The player loads these; editorDependencies are for the editor, which we do not run.
PLAYER_DEPENDENCIES = ("preloadedDependencies", "dynamicDependencies")
ALL_DEPENDENCIES = (*PLAYER_DEPENDENCIES, "editorDependencies")
REQUIRED_LIBRARY_FIELDS = ("title", "machineName", "majorVersion", "minorVersion", "patchVersion")


@dataclass(frozen=True, order=True)
class LibraryRef:
    machine_name: str
    major: int
    minor: int

    @property
    def folder_name(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    @property
    def label(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def from_dependency(cls, value: Any) -> "LibraryRef | None":
        """A {machineName, majorVersion, minorVersion} entry, or None when malformed."""
        if not isinstance(value, dict):
            return None
        name = value.get("machineName")
        major, minor = _version(value.get("majorVersion")), _version(value.get("minorVersion"))
        if not isinstance(name, str) or not MACHINE_NAME.match(name) or None in (major, minor):
            return None
        return cls(name, major, minor)


@dataclass
class PackageLibrary:
    """A library folder inside the package, with its library.json."""

    ref: LibraryRef
    folder: str
    patch: int
    title: str
    runnable: bool
    metadata: dict

    def dependencies(self, kinds: tuple[str, ...] = PLAYER_DEPENDENCIES) -> list[LibraryRef]:
        return dependencies_of(self.metadata, kinds)


@dataclass
class H5PPackageInfo:
    title: str
    language: str
    main_library: LibraryRef
    metadata: dict  # h5p.json
    content: dict  # content/content.json
    package_libraries: dict[LibraryRef, PackageLibrary]
    # Every library the player loads for this content, and those neither in the
    # package nor installed.
    libraries_needed: list[LibraryRef] = field(default_factory=list)
    libraries_missing: list[LibraryRef] = field(default_factory=list)
    needs_internet: bool = False
    mastery_fraction: Decimal | None = None

    @property
    def missing_message(self) -> str:
        return _(
            "This package needs H5P libraries that are neither in it nor installed: %(libraries)s."
        ) % {"libraries": ", ".join(ref.label for ref in self.libraries_missing)}


def _version(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < 100_000:
        return value
    if isinstance(value, str) and VERSION.match(value):
        return int(value)
    return None


def dependencies_of(metadata: dict, kinds: tuple[str, ...] = PLAYER_DEPENDENCIES) -> list:
    refs = []
    for kind in kinds:
        entries = metadata.get(kind) or []
        if isinstance(entries, list):
            refs += [ref for ref in map(LibraryRef.from_dependency, entries) if ref]
    return refs


def _not_json(name: str) -> str:
    return _("“%(file)s” is not valid JSON.") % {"file": name}


def _not_object(name: str) -> str:
    return _("“%(file)s” must hold a JSON object.") % {"file": name}


def _missing_field(name: str, field_name: str) -> str:
    return _("“%(file)s” lacks the required field “%(field)s”.") % {
        "file": name,
        "field": field_name,
    }


def _invalid_field(name: str, field_name: str) -> str:
    return _("“%(file)s” has an invalid value for “%(field)s”.") % {
        "file": name,
        "field": field_name,
    }


def _read_object(archive: H5PArchive, name: str, problems: list[str]) -> dict | None:
    if name not in archive.files:
        return None
    try:
        value = archive.read_json(name)
    except ValueError:
        problems.append(_not_json(name))
        return None
    if not isinstance(value, dict):
        problems.append(_not_object(name))
        return None
    return value


# --- h5p.json and content.json -------------------------------------------------


def _validate_h5p_json(
    archive: H5PArchive, problems: list[str]
) -> tuple[dict, LibraryRef | None] | None:
    name = "h5p.json"
    if name not in archive.files:
        problems.append(_("The package has no h5p.json file."))
        return None
    metadata = _read_object(archive, name, problems)
    if metadata is None:
        return None
    found = len(problems)
    title = metadata.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(
            _missing_field(name, "title") if title is None else _invalid_field(name, "title")
        )
    language = metadata.get("language", "und")
    if not isinstance(language, str) or len(language) > 16:
        problems.append(_invalid_field(name, "language"))
    main_name = metadata.get("mainLibrary")
    if main_name is None:
        problems.append(_missing_field(name, "mainLibrary"))
    elif not isinstance(main_name, str) or not MACHINE_NAME.match(main_name):
        problems.append(_invalid_field(name, "mainLibrary"))
    dependencies = metadata.get("preloadedDependencies")
    refs = [LibraryRef.from_dependency(entry) for entry in dependencies or []]
    if dependencies is None:
        problems.append(_missing_field(name, "preloadedDependencies"))
    elif not isinstance(dependencies, list) or not dependencies or None in refs:
        problems.append(_invalid_field(name, "preloadedDependencies"))
    if len(problems) > found:
        return None
    main = next((ref for ref in refs if ref.machine_name == main_name), None)
    if main is None:
        problems.append(
            _("The main library %(library)s is not among the preloadedDependencies of h5p.json.")
            % {"library": main_name}
        )
    return metadata, main


def _validate_content_json(archive: H5PArchive, problems: list[str]) -> dict | None:
    name = "content/content.json"
    if name not in archive.files:
        problems.append(_("The package has no content/content.json file."))
        return None
    return _read_object(archive, name, problems)


# --- library folders -------------------------------------------------------------


def _library_from_json(folder: str, metadata: dict, problems: list[str]) -> PackageLibrary | None:
    name = f"{folder}/library.json"
    found = len(problems)
    for field_name in REQUIRED_LIBRARY_FIELDS:
        if field_name not in metadata:
            problems.append(_missing_field(name, field_name))
    if len(problems) > found:
        return None
    title, machine_name = metadata["title"], metadata["machineName"]
    versions = [_version(metadata[key]) for key in ("majorVersion", "minorVersion", "patchVersion")]
    if not isinstance(title, str) or not title.strip():
        problems.append(_invalid_field(name, "title"))
    if not isinstance(machine_name, str) or not MACHINE_NAME.match(machine_name):
        problems.append(_invalid_field(name, "machineName"))
    for key, version in zip(
        ("majorVersion", "minorVersion", "patchVersion"), versions, strict=True
    ):
        if version is None:
            problems.append(_invalid_field(name, key))
    for kind in ALL_DEPENDENCIES:
        entries = metadata.get(kind, [])
        if not isinstance(entries, list) or not all(map(LibraryRef.from_dependency, entries)):
            problems.append(_invalid_field(name, kind))
    if len(problems) > found:
        return None
    ref = LibraryRef(machine_name, versions[0], versions[1])
    # H5P core also accepts a folder named after the machine name alone (old exports).
    if folder not in (ref.folder_name, ref.machine_name):
        problems.append(
            _(
                "Library folder “%(folder)s” does not match its library.json, which describes "
                "%(library)s (the folder should be “%(expected)s”)."
            )
            % {"folder": folder, "library": ref.label, "expected": ref.folder_name}
        )
        return None
    runnable = metadata.get("runnable") in (1, True, "1")
    return PackageLibrary(ref, folder, versions[2], title.strip(), runnable, metadata)


def _check_library_files(archive: H5PArchive, library: PackageLibrary, problems: list[str]) -> None:
    folder, label = library.folder, library.ref.label
    for kind in ("preloadedJs", "preloadedCss"):
        entries = library.metadata.get(kind, [])
        if not isinstance(entries, list):
            problems.append(_invalid_field(f"{folder}/library.json", kind))
            continue
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or f"{folder}/{path}" not in archive.files:
                problems.append(
                    _("Library %(library)s lists “%(file)s”, which is missing from the package.")
                    % {"library": label, "file": f"{folder}/{path}"}
                )
    for name in archive.names_under(f"{folder}/language"):
        base = name.rsplit("/", 1)[-1]
        if name.count("/") != 2:
            continue
        if not LANGUAGE_FILE.match(base):
            problems.append(
                _("Library %(library)s has an invalid language file name “%(file)s”.")
                % {"library": label, "file": name}
            )
        else:
            _read_object(archive, name, problems)
    semantics = f"{folder}/semantics.json"
    if semantics in archive.files:
        try:
            archive.read_json(semantics)  # a list of fields
        except ValueError:
            problems.append(_not_json(semantics))


def _validate_library_folder(
    archive: H5PArchive, folder: str, problems: list[str]
) -> PackageLibrary | None:
    name = f"{folder}/library.json"
    if name not in archive.files:
        problems.append(_("Library folder “%(folder)s” has no library.json.") % {"folder": folder})
        return None
    metadata = _read_object(archive, name, problems)
    if metadata is None:
        return None
    library = _library_from_json(folder, metadata, problems)
    if library is not None:
        _check_library_files(archive, library, problems)
    return library


def _validate_libraries(archive: H5PArchive, problems: list[str]) -> dict:
    libraries: dict[LibraryRef, PackageLibrary] = {}
    for folder in archive.top_level_folders():
        if folder == "content":
            continue
        library = _validate_library_folder(archive, folder, problems)
        if library is None:
            continue
        if library.ref in libraries:
            problems.append(
                _("Library %(library)s appears twice in the package.") % {"library": library.ref}
            )
        libraries[library.ref] = library
    return libraries


# --- what the content needs ---------------------------------------------------------


def _resolve(
    roots: list[LibraryRef],
    in_package: Mapping[LibraryRef, PackageLibrary],
    installed: Mapping[LibraryRef, list[LibraryRef]],
) -> tuple[list[LibraryRef], list[LibraryRef]]:
    """Every library reachable from `roots`, and those found nowhere."""
    needed: set[LibraryRef] = set()
    missing: set[LibraryRef] = set()
    pending = list(roots)
    while pending:
        ref = pending.pop()
        if ref in needed or ref in missing:
            continue
        if ref in in_package:
            needed.add(ref)
            pending += in_package[ref].dependencies()
        elif ref in installed:
            needed.add(ref)
            pending += installed[ref]
        else:
            missing.add(ref)
    return sorted(needed), sorted(missing)


def _walk(value: Any):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def content_needs_internet(content: dict) -> bool:
    """True when a media `path` points to another host (a YouTube or h5p.org video…)."""
    return any(
        isinstance(node.get("path"), str) and EXTERNAL_URL.match(node["path"].strip())
        for node in _walk(content)
    )


def content_mastery_fraction(content: dict) -> Decimal | None:
    """The pass mark the content declares (QuestionSet, SingleChoiceSet…), as 0–1."""
    behaviour = content.get("behaviour")
    candidates = [content.get("passPercentage")]
    if isinstance(behaviour, dict):
        candidates.append(behaviour.get("passPercentage"))
    for value in candidates:
        if isinstance(value, bool) or value is None:
            continue
        try:
            percentage = Decimal(str(value).strip())
        except InvalidOperation:
            continue
        if percentage.is_finite() and 0 <= percentage <= 100:
            return (percentage / 100).quantize(Decimal("0.001"))
    return None


def package_validate(
    archive: H5PArchive, *, installed: Mapping[LibraryRef, list[LibraryRef]]
) -> H5PPackageInfo:
    """The package's description; H5PPackageError listing every problem found.

    `installed` maps each installed library to its player dependencies. Missing
    libraries are reported in the result, not raised: importing refuses them,
    inspecting shows them.
    """
    problems: list[str] = []
    h5p = _validate_h5p_json(archive, problems)
    content = _validate_content_json(archive, problems)
    libraries = _validate_libraries(archive, problems)
    if problems or h5p is None or content is None or h5p[1] is None:
        raise H5PPackageError(problems)
    metadata, main = h5p
    roots = dependencies_of(metadata, ("preloadedDependencies",))
    needed, missing = _resolve(roots, libraries, installed)
    return H5PPackageInfo(
        title=metadata["title"].strip(),
        language=metadata.get("language", "und"),
        main_library=main,
        metadata=metadata,
        content=content,
        package_libraries=libraries,
        libraries_needed=needed,
        libraries_missing=missing,
        needs_internet=content_needs_internet(content),
        mastery_fraction=content_mastery_fraction(content),
    )

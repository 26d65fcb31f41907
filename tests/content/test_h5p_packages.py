"""H5P packages built in the test: what a correct importer keeps and refuses.

Hostile archives (zip slip, links, bombs, forbidden types) are refused with a
message naming the problem, and nothing is left behind: no rows, no files.
"""

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content import services
from content.h5p import storage
from content.models import H5PContent, H5PLibrary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def library_json(name: str, major: int = 1, minor: int = 0, patch: int = 0, **extra) -> dict:
    return {
        "title": name,
        "machineName": name,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": 1,
        "preloadedJs": [{"path": "main.js"}],
        **extra,
    }


def dependency(name: str, major: int = 1, minor: int = 0) -> dict:
    return {"machineName": name, "majorVersion": str(major), "minorVersion": str(minor)}


def library_files(name: str, major=1, minor=0, patch=0, js="/* v */", **extra) -> dict:
    folder = f"{name}-{major}.{minor}"
    return {
        f"{folder}/library.json": library_json(name, major, minor, patch, **extra),
        f"{folder}/main.js": js,
        f"{folder}/language/es.json": {"semantics": []},
        f"{folder}/semantics.json": [],
    }


def package_files(main: str = "H5P.Greeting", content: dict | None = None, **h5p) -> dict:
    return {
        "h5p.json": {
            "title": "Saludo",
            "language": "es",
            "mainLibrary": main,
            "embedTypes": ["div"],
            "preloadedDependencies": [dependency(main)],
            **h5p,
        },
        "content/content.json": content if content is not None else {"greeting": "Hola"},
        "content/images/municipio.png": b"\x89PNG fake",
        **library_files(main),
    }


def build(files: dict, *, extra: tuple[zipfile.ZipInfo, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in files.items():
            if isinstance(value, dict | list):
                value = json.dumps(value)
            archive.writestr(name, value)
        if extra:
            archive.writestr(*extra)
    return buffer.getvalue()


def stored_files(media_root: Path) -> list[Path]:
    root = media_root / "h5p"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def refused(package: bytes, media_root: Path) -> list[str]:
    """The messages of the refusal, after checking that nothing was stored."""
    with pytest.raises(services.H5PPackageError) as caught:
        services.h5p_package_import(package=package, filename="paquete.h5p")
    assert H5PContent.objects.count() == 0
    assert H5PLibrary.objects.count() == 0
    assert stored_files(media_root) == []
    for folder in ("content", "libraries", "tmp"):
        path = media_root / "h5p" / folder
        assert not path.exists() or not any(path.iterdir()), folder
    return caught.value.messages


# --- a good package -------------------------------------------------------------


def test_a_valid_package_is_stored_in_the_player_layout(media_root):
    package = build(package_files(content={"behaviour": {"passPercentage": "75"}}))

    content = services.h5p_package_import(package=package, filename="C:\\fakepath\\saludo.h5p")

    assert content.title == "Saludo" and content.language == "es"
    assert content.original_name == "saludo.h5p"
    assert str(content.mastery_fraction) == "0.750"
    assert content.needs_internet is False
    assert content.main_library.folder_name == "H5P.Greeting-1.0"
    root = media_root / "h5p"
    assert (root / "libraries" / "H5P.Greeting-1.0" / "library.json").is_file()
    assert (root / "content" / str(content.id) / "h5p.json").is_file()
    assert (root / "content" / str(content.id) / "content" / "content.json").is_file()
    assert (root / "content" / str(content.id) / "content" / "images" / "municipio.png").is_file()
    assert services.h5p_package_path(content).read_bytes() == package
    assert content.sha256 in services.h5p_package_path(content).name
    assert not (root / "tmp").exists()
    assert services.h5p_player_config(content) == {
        "content_folder": f"h5p/content/{content.id}",
        "libraries_folder": "h5p/libraries",
        "main_library": "H5P.Greeting-1.0",
        "needs_internet": False,
    }


@pytest.mark.parametrize("kind", ["bytes", "path", "file", "upload"])
def test_packages_come_as_bytes_paths_or_files(kind, tmp_path):
    data = build(package_files())
    path = tmp_path / "saludo.h5p"
    path.write_bytes(data)
    package = {
        "bytes": data,
        "path": path,
        "file": io.BytesIO(data),
        "upload": SimpleUploadedFile("saludo.h5p", data),
    }[kind]
    content = services.h5p_package_import(package=package)
    assert content.title == "Saludo"
    assert content.original_name == ("saludo.h5p" if kind in ("path", "upload") else "")


def test_mac_archive_debris_is_left_out(media_root):
    files = package_files()
    files["__MACOSX/content/._content.json"] = b"\x00\x05\x16\x07"
    files["content/.DS_Store"] = b"\x00\x00\x00\x01Bud1"
    content = services.h5p_package_import(package=build(files))
    stored = [path.name for path in stored_files(media_root)]
    assert ".DS_Store" not in stored and "._content.json" not in stored
    assert content.title == "Saludo"


def test_external_media_marks_the_content_as_needing_the_internet():
    content = {"video": {"files": [{"path": "https://h5p.org/sites/default/files/iv.mp4"}]}}
    stored = services.h5p_package_import(package=build(package_files(content=content)))
    assert stored.needs_internet is True
    assert services.h5p_player_config(stored)["needs_internet"] is True


def test_libraries_are_shared_and_never_overwritten(media_root):
    first = package_files()
    first.update(library_files("H5P.Greeting", patch=2, js="/* v2 */"))
    second = package_files()
    second.update(library_files("H5P.Greeting", patch=5, js="/* v5 */"))

    one = services.h5p_package_import(package=build(first))
    two = services.h5p_package_import(package=build(second))

    library = H5PLibrary.objects.get()
    assert library.patch_version == 2
    assert one.main_library == two.main_library == library
    script = media_root / "h5p" / "libraries" / "H5P.Greeting-1.0" / "main.js"
    assert script.read_text() == "/* v2 */"


def test_an_orphan_library_folder_is_replaced(media_root):
    orphan = media_root / "h5p" / "libraries" / "H5P.Greeting-1.0"
    orphan.mkdir(parents=True)
    (orphan / "stale.js").write_text("old")
    services.h5p_package_import(package=build(package_files()))
    assert not (orphan / "stale.js").exists()
    assert (orphan / "library.json").is_file()


def test_editor_dependencies_may_be_missing():
    files = package_files()
    files.update(
        library_files("H5P.Greeting", editorDependencies=[dependency("H5PEditor.Greeting")])
    )
    assert services.h5p_package_import(package=build(files)).title == "Saludo"


def test_a_failure_while_storing_leaves_nothing(media_root, monkeypatch):
    def broken(sha256):
        raise OSError("disk full")

    monkeypatch.setattr(storage, "package_path", broken)
    with pytest.raises(OSError, match="disk full"):
        services.h5p_package_import(package=build(package_files()))
    assert H5PContent.objects.count() == 0 and H5PLibrary.objects.count() == 0
    assert stored_files(media_root) == []


def test_inspecting_stores_nothing(media_root):
    files = package_files()
    files["h5p.json"]["preloadedDependencies"].append(dependency("H5P.Missing", 2, 3))
    info = services.h5p_package_inspect(package=build(files))
    assert info.title == "Saludo"
    assert info.main_library.folder_name == "H5P.Greeting-1.0"
    assert [str(ref) for ref in info.libraries_missing] == ["H5P.Missing 2.3"]
    assert H5PLibrary.objects.count() == 0 and stored_files(media_root) == []


# --- hostile and broken archives ------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.js",
        "content/../../evil.json",
        "/etc/evil.json",
        "C:/evil.json",
        "content\\evil.json",
    ],
)
def test_unsafe_paths_are_refused(name, media_root):
    files = package_files()
    files[name] = "{}"
    messages = refused(build(files), media_root)
    assert any(name in message and "unsafe path" in message for message in messages)


def test_symbolic_links_are_refused(media_root):
    link = zipfile.ZipInfo("content/passwd.json")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    messages = refused(build(package_files(), extra=(link, b"/etc/passwd")), media_root)
    assert any("content/passwd.json" in m and "symbolic link" in m for m in messages)


def test_too_many_entries_are_refused(settings, media_root):
    settings.H5P_MAX_ENTRIES = 8
    files = package_files()
    files.update({f"content/images/{n}.png": b"x" for n in range(10)})
    assert any("too many files" in m for m in refused(build(files), media_root))


def test_a_zip_bomb_is_refused(media_root):
    files = package_files()
    files["content/bomb.txt"] = b"0" * (5 * 1024 * 1024)
    messages = refused(build(files), media_root)
    assert any("content/bomb.txt" in m and "zip bomb" in m for m in messages)


def test_a_package_too_large_once_unpacked_is_refused(settings, media_root):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 50_000
    files = package_files()
    files["content/data.csv"] = bytes(range(256)) * 400
    assert any("too large" in m for m in refused(build(files), media_root))


def test_sizes_are_counted_not_trusted(media_root):
    """A header that understates a file's size does not let more bytes through."""
    files = package_files()
    payload = bytes(range(256)) * 1000
    files["content/data.csv"] = payload
    data = bytearray(build(files))
    directory = data.rfind(b"content/data.csv") - 46  # its central directory record
    assert data[directory : directory + 4] == b"PK\x01\x02"
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    messages = refused(bytes(data), media_root)
    assert any("damaged" in m for m in messages)


@pytest.mark.parametrize(
    "name", ["content/shell.php", "content/page.html", "content/run.exe", "content/app.js"]
)
def test_forbidden_file_types_are_refused_by_name(name, media_root):
    files = package_files()
    files[name] = "<?php system($_GET['c']); ?>"
    messages = refused(build(files), media_root)
    assert any(name in m and "not an allowed file type" in m for m in messages)


def test_a_corrupt_archive_is_refused(media_root):
    assert any("not a zip archive" in m for m in refused(b"PK\x03\x04oops", media_root))


def test_broken_json_is_refused_naming_the_file(media_root):
    files = package_files()
    files["content/content.json"] = '{"greeting": "Hola",}'
    messages = refused(build(files), media_root)
    assert messages == ["“content/content.json” is not valid JSON."]


def test_a_package_without_content_json_is_refused(media_root):
    files = package_files()
    del files["content/content.json"]
    assert "The package has no content/content.json file." in refused(build(files), media_root)


def test_a_missing_main_library_is_refused_listing_it(media_root):
    files = package_files()
    for name in list(files):
        if name.startswith("H5P.Greeting-1.0/"):
            del files[name]
    messages = refused(build(files), media_root)
    assert messages == [
        "This package needs H5P libraries that are neither in it nor installed: H5P.Greeting 1.0."
    ]


def test_the_main_library_must_be_a_preloaded_dependency(media_root):
    files = package_files(preloadedDependencies=[dependency("H5P.Other")])
    messages = refused(build(files), media_root)
    assert any("H5P.Greeting" in m and "preloadedDependencies" in m for m in messages)


def test_dependencies_are_followed_recursively(media_root):
    files = package_files()
    files.update(
        library_files("H5P.Greeting", dynamicDependencies=[dependency("H5P.Question", 1, 4)])
    )
    files.update(library_files("H5P.Question", 1, 4, preloadedDependencies=[dependency("Drop")]))
    messages = refused(build(files), media_root)
    assert messages == [
        "This package needs H5P libraries that are neither in it nor installed: Drop 1.0."
    ]


def test_every_library_problem_is_reported_together(media_root):
    files = package_files()
    files["H5P.Greeting-1.0/language/XX!.json"] = "{}"
    files["H5P.Greeting-1.0/language/fr.json"] = "{nope"
    del files["H5P.Greeting-1.0/main.js"]
    files["H5P.Broken-1.0/library.json"] = {"machineName": "H5P.Broken"}
    files["Stray-1.0/readme.md"] = "no library.json here"
    messages = refused(build(files), media_root)
    assert "“H5P.Greeting-1.0/language/fr.json” is not valid JSON." in messages
    assert any("invalid language file name" in m and "XX!.json" in m for m in messages)
    assert any("main.js" in m and "missing from the package" in m for m in messages)
    assert "“H5P.Broken-1.0/library.json” lacks the required field “title”." in messages
    assert "Library folder “Stray-1.0” has no library.json." in messages


# --- a content-only package (no libraries inside) --------------------------------------


@pytest.mark.fixtures
def test_content_only_package_imports_once_its_libraries_are_installed(fixtures_dir, media_root):
    package = fixtures_dir / "h5p" / "h5p-coursepresentation-nolibs-h5p2elpx.h5p"
    messages = refused(package.read_bytes(), media_root)
    assert messages == [
        "This package needs H5P libraries that are neither in it nor installed: "
        "H5P.CoursePresentation 1.24."
    ]
    # Install the library with a package of our own (the fixtures bring none).
    files = package_files("H5P.CoursePresentation")
    files.update(library_files("H5P.CoursePresentation", 1, 24))
    files["h5p.json"]["preloadedDependencies"] = [dependency("H5P.CoursePresentation", 1, 24)]
    services.h5p_package_import(package=build(files))

    content = services.h5p_package_import(package=package, filename=package.name)

    assert content.title == "El Agua"
    assert content.main_library.folder_name == "H5P.CoursePresentation-1.24"
    media = media_root / "h5p" / "content" / str(content.id) / "content" / "images"
    with zipfile.ZipFile(package) as archive:
        images = {name for name in archive.namelist() if name.startswith("content/images/")}
    assert {f"content/images/{path.name}" for path in media.iterdir()} == images

"""Every real H5P package in ../shared/fixtures/h5p, imported as MANIFEST.md says."""

from decimal import Decimal
from pathlib import Path

import pytest

from content import services
from content.models import H5PContent, H5PLibrary

pytestmark = [pytest.mark.fixtures, pytest.mark.django_db]

# file: (title, main library folder, needs the internet, mastery)
VALID = {
    "h5p-accordion-lumi.h5p": ("Accordion", "H5P.Accordion-1.0", False, None),
    "h5p-blanks-lumi.h5p": ("Fill in the Blanks", "H5P.Blanks-1.12", False, None),
    "h5p-dragquestion-lumi.h5p": ("Drag and Drop", "H5P.DragQuestion-1.13", False, None),
    "h5p-dragtext-lumi.h5p": ("Drag the Words", "H5P.DragText-1.8", False, None),
    "h5p-essay-lumi.h5p": ("Essay", "H5P.Essay-1.2", False, None),
    "h5p-greetingcard-minimal-valid.h5p": ("Greeting card", "H5P.GreetingCard-1.0", False, None),
    "h5p-greetingcard-tiny-moodle.h5p": ("Greeting card", "H5P.GreetingCard-1.0", False, None),
    "h5p-interactivevideo-lumi.h5p": (
        "Hub Download Interactive Video All",
        "H5P.InteractiveVideo-1.22",
        True,
        None,
    ),
    "h5p-markthewords-lumi.h5p": ("Mark the Words", "H5P.MarkTheWords-1.9", False, None),
    "h5p-multichoice-lumi.h5p": ("Multiple Choice", "H5P.MultiChoice-1.14", False, Decimal(1)),
    "h5p-questionset-lumi.h5p": (
        "Hub Download Question Set All",
        "H5P.QuestionSet-1.17",
        False,
        Decimal("0.5"),
    ),
    "h5p-singlechoiceset-lumi.h5p": (
        "Single Choice Set",
        "H5P.SingleChoiceSet-1.11",
        False,
        Decimal(1),
    ),
    "h5p-truefalse-lumi.h5p": ("True/False Question", "H5P.TrueFalse-1.6", False, None),
}

# file: the messages of the refusal (all of them, in order)
INVALID = {
    "h5p-invalid-broken-content-json.h5p": ["“content/content.json” is not valid JSON."],
    "h5p-invalid-broken-h5p-json.h5p": ["“h5p.json” is not valid JSON."],
    "h5p-invalid-corrupt-archive.h5p": [
        "The file is not a valid H5P package: it is not a zip archive."
    ],
    "h5p-invalid-h5p-json-schema.h5p": ["“h5p.json” lacks the required field “mainLibrary”."],
    "h5p-invalid-language-file-json.h5p": [
        "“H5P.GreetingCard-1.0/language/fr.json” is not valid JSON."
    ],
    "h5p-invalid-library-directory-name.h5p": [
        "Library folder “H5P.GreetingCard-1.0” does not match its library.json, which "
        "describes H5P.AnotherLibrary 1.0 (the folder should be “H5P.AnotherLibrary-1.0”)."
    ],
    "h5p-invalid-library-json.h5p": [
        "“H5P.GreetingCard-1.0/library.json” lacks the required field “majorVersion”."
    ],
    "h5p-invalid-missing-preloaded-js.h5p": [
        "Library H5P.GreetingCard 1.0 lists “H5P.GreetingCard-1.0/greetingcard.js”, which is "
        "missing from the package."
    ],
    "h5p-invalid-two-bad-libraries.h5p": [
        "Library H5P.GreetingCard 1.0 has an invalid language file name "
        "“H5P.GreetingCard-1.0/language/XXX!.json”.",
        "“H5P.GreetingCard2-1.0/library.json” lacks the required field “title”.",
    ],
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def h5p_dir(fixtures_dir) -> Path:
    return fixtures_dir / "h5p"


def stored_files(media_root: Path) -> list[Path]:
    root = media_root / "h5p"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_valid_package_imports(name, h5p_dir, media_root):
    title, main_folder, needs_internet, mastery = VALID[name]
    package = h5p_dir / name

    content = services.h5p_package_import(package=package, filename=name)

    assert content.title == title
    assert content.main_library.folder_name == main_folder
    assert content.needs_internet is needs_internet
    assert content.mastery_fraction == mastery
    assert content.original_name == name
    assert services.h5p_package_path(content).read_bytes() == package.read_bytes()
    config = services.h5p_player_config(content)
    assert config["main_library"] == main_folder
    assert (media_root / config["content_folder"] / "h5p.json").is_file()
    assert (media_root / config["content_folder"] / "content" / "content.json").is_file()
    for library in content.libraries.all():
        folder = media_root / config["libraries_folder"] / library.folder_name
        assert (folder / "library.json").is_file(), library
        for script in library.metadata.get("preloadedJs", []):
            assert (folder / script["path"]).is_file()
    assert content.main_library in content.libraries.all()


@pytest.mark.parametrize("name", sorted(INVALID))
def test_every_invalid_package_is_refused_and_nothing_is_stored(name, h5p_dir, media_root):
    with pytest.raises(services.H5PPackageError) as caught:
        services.h5p_package_import(package=h5p_dir / name, filename=name)
    assert caught.value.messages == INVALID[name]
    assert H5PContent.objects.count() == 0 and H5PLibrary.objects.count() == 0
    assert stored_files(media_root) == []


def test_the_content_only_export_is_refused_listing_its_missing_libraries(h5p_dir, media_root):
    package = h5p_dir / "h5p-coursepresentation-nolibs-h5p2elpx.h5p"
    info = services.h5p_package_inspect(package=package)
    assert info.title == "El Agua" and info.language == "en"
    assert [str(ref) for ref in info.libraries_missing] == ["H5P.CoursePresentation 1.24"]

    with pytest.raises(services.H5PPackageError) as caught:
        services.h5p_package_import(package=package)
    assert caught.value.messages == [
        "This package needs H5P libraries that are neither in it nor installed: "
        "H5P.CoursePresentation 1.24."
    ]
    assert H5PContent.objects.count() == 0 and stored_files(media_root) == []


def test_libraries_are_stored_once_and_shared(h5p_dir, media_root):
    true_false = services.h5p_package_import(package=h5p_dir / "h5p-truefalse-lumi.h5p")
    multi_choice = services.h5p_package_import(package=h5p_dir / "h5p-multichoice-lumi.h5p")

    question = H5PLibrary.objects.get(machine_name="H5P.Question", major_version=1)
    assert question in true_false.libraries.all() and question in multi_choice.libraries.all()
    folders = [path.name for path in (media_root / "h5p" / "libraries").iterdir()]
    assert folders.count("H5P.Question-1.4") == 1
    assert H5PLibrary.objects.filter(machine_name="H5P.Question").count() == 1


def test_editor_libraries_are_not_installed(h5p_dir):
    content = services.h5p_package_import(package=h5p_dir / "h5p-truefalse-lumi.h5p")
    names = set(content.libraries.values_list("machine_name", flat=True))
    assert "H5P.TrueFalse" in names and "H5P.Question" in names
    assert not any(name.startswith("H5PEditor.") for name in names)


def test_the_same_package_twice_makes_two_contents_sharing_one_file(h5p_dir):
    package = h5p_dir / "h5p-greetingcard-tiny-moodle.h5p"
    first = services.h5p_package_import(package=package)
    second = services.h5p_package_import(package=package)
    assert first.pk != second.pk and first.sha256 == second.sha256
    assert services.h5p_package_path(first) == services.h5p_package_path(second)
    assert H5PLibrary.objects.count() == 1

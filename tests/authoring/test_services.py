"""Course packages: the shipped course, round trips, and refusals (all problems at once)."""

import stat
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from assessments.models import Assignment, GradeItem, Question, Quiz, Rubric
from authoring.services import (
    course_package_export,
    course_package_files,
    course_package_import,
    course_package_read,
)
from content.models import Page
from courses.models import Activity, ActivityKind, Course, Module
from lms.demo.run import COURSEPACK
from tests.authoring.conftest import (
    folder_files,
    raw_zip,
    shipped_files,
    write_package,
    zip_of,
)

pytestmark = pytest.mark.django_db


def _problems(path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        course_package_import(path=path)
    assert not Course.objects.exists() and not Page.objects.exists(), "nothing stored"
    assert not Question.objects.exists()
    return caught.value.messages


# --- The shipped course ---------------------------------------------------------------


def test_shipped_course_imports_with_100_hours_and_exports_byte_for_byte(tmp_path):
    course = course_package_import(path=COURSEPACK)

    assert (course.code, course.title, course.language) == (
        "GEM-100",
        "Gobierno Electrónico Municipal",
        "es",
    )
    activities = Activity.objects.filter(module__course=course)
    assert activities.aggregate(total=Sum("nominal_seconds"))["total"] == 100 * 3600
    assert course.required_seconds == 100 * 3600
    modules = list(Module.objects.filter(course=course).order_by("position"))
    assert len(modules) == 10
    assert modules[0].title == "El gobierno electrónico y la sociedad del conocimiento"
    for module in modules:
        assert 3 <= len(module.objectives.splitlines()) <= 5, module
        assert module.activities.filter(kind=ActivityKind.PAGE).count() >= 2, module
    for quiz in Quiz.objects.filter(activity__module__course=course).select_related(
        "activity__module"
    ):
        category = quiz.slots.first().random_category
        assert category.questions.count() >= 8, quiz
        assert category.name == f"Módulo {quiz.activity.module.position}"
    assert Quiz.objects.filter(activity__module__course=course).count() == 9
    project = Assignment.objects.get(activity__module__course=course)
    assert project.activity.module.position == 10 and project.team_submission
    assert project.rubric.criteria.count() == 4 and project.max_points == 100
    items = GradeItem.objects.filter(activity__module__course=course)
    assert {(i.category.name, i.category.weight) for i in items} == {
        ("Cuestionarios de los módulos", Decimal(40)),
        ("Proyecto final", Decimal(60)),
    }

    # Import → export reproduces the shipped files, byte for byte; zips are stable.
    out = course_package_export(course=course, out=tmp_path / "gem-100")
    assert folder_files(out) == shipped_files()
    first = course_package_export(course=course, out=tmp_path / "a.zip").read_bytes()
    assert course_package_export(course=course, out=tmp_path / "b.zip").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        names = archive.namelist()
        assert names == sorted(shipped_files())
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {archive.read(name) for name in names} == set(shipped_files().values())


def test_zip_export_imports_again_and_exports_the_same_bytes(small_package, tmp_path):
    # The first import is rolled back: the zip then goes into a database without it.
    savepoint = transaction.savepoint_create()
    course = course_package_import(path=small_package)
    first = course_package_export(course=course, out=tmp_path / "first.zip")
    files = course_package_files(course=course)
    transaction.savepoint_rollback(savepoint)
    assert not Course.objects.exists()
    again = course_package_import(path=first)
    assert course_package_files(course=again) == files
    second = course_package_export(course=again, out=tmp_path / "second.zip")
    assert second.read_bytes() == first.read_bytes()


def test_small_package_creates_everything(small_package):
    course = course_package_import(path=small_package)
    page, quiz, work = Activity.objects.filter(module__course=course).order_by("position")
    assert page.page.source == "## Hola\n\nTexto de la lectura.\n" and "<h2>" in page.page.html
    assert quiz.quiz.attempts_allowed == 2 and quiz.quiz.slots.count() == 1
    assert quiz.quiz.slots.get().random_category.questions.count() == 2
    assert quiz.grade_item.category.name == "Cuestionarios"
    assert work.assignment.team_submission and work.assignment.allowed_extensions == ["pdf"]
    assert work.assignment.max_points == 10 and work.assignment.rubric.name == "Rúbrica"
    assert Module.objects.get(course=course).objectives == "Explicar algo.\nHacer algo."


# --- Refusals --------------------------------------------------------------------------


def test_every_problem_is_listed_and_nothing_is_stored(package_files, tmp_path):
    manifest = package_files["course.toml"]
    manifest = manifest.replace('kind = "page"', 'kind = "page"\nextra = 1')
    manifest = manifest.replace("hours = 0.5", "hours = 0.3")
    manifest = manifest.replace("modules/01/lectura.md", "modules/01/falta.md")
    manifest += '\n[[modules.activities]]\ntitle = "Raro"\nkind = "podcast"\nhours = 1\n'
    package_files["course.toml"] = manifest
    package_files["modules/01/preguntas.gift"] = "$CATEGORY: M\n\n::P1::Sin cerrar {=dos ~tres\n"
    messages = _problems(write_package(tmp_path / "broken", package_files))
    text = "\n".join(messages)
    assert "course.toml, line 19: unknown field “extra”." in text
    assert "the file “modules/01/falta.md” is missing." in text
    assert "“hours” must be a multiple of 0.25 (0.3)." in text
    assert "unknown kind “podcast”" in text
    assert "modules/01/preguntas.gift, line 3:" in text
    assert len(messages) >= 5


def test_bad_toml_names_its_line(package_files, tmp_path):
    package_files["course.toml"] = package_files["course.toml"].replace(
        'title = "Lectura"', 'title = "Lectura'
    )
    messages = _problems(write_package(tmp_path / "bad", package_files))
    assert messages == ["course.toml, line 20: not valid TOML: Illegal character '\\n'"]


def test_a_newer_format_version_is_refused(package_files, tmp_path):
    package_files["course.toml"] = package_files["course.toml"].replace(
        "format_version = 1", "format_version = 2"
    )
    messages = _problems(write_package(tmp_path / "v2", package_files))
    assert messages == [
        "course.toml: this package is format version 2; this platform reads up to version 1. "
        "Update the platform to import it."
    ]


def test_completion_rule_must_suit_the_kind(package_files, tmp_path):
    package_files["course.toml"] = package_files["course.toml"].replace(
        'kind = "quiz"', 'kind = "quiz"\ncompletion = "viewed"'
    )
    messages = _problems(write_package(tmp_path / "rule", package_files))
    assert any("a quiz activity completes when passed, submitted, graded" in m for m in messages)


def test_quiz_cannot_draw_more_questions_than_its_file_has(package_files, tmp_path):
    package_files["course.toml"] = package_files["course.toml"].replace(
        "questions_drawn = 1", "questions_drawn = 3"
    )
    messages = _problems(write_package(tmp_path / "draw", package_files))
    assert any("draws 3 questions but modules/01/preguntas.gift has only 2" in m for m in messages)


def test_hours_that_miss_the_required_hours_are_a_warning(package_files, tmp_path):
    package_files["course.toml"] = package_files["course.toml"].replace(
        "required_hours = 3", "required_hours = 100"
    )
    package = course_package_read(write_package(tmp_path / "short", package_files))
    assert package.warnings == ["The activities add up to 3 hours; the course requires 100 hours."]


def test_an_existing_code_is_refused(small_package):
    course_package_import(path=small_package)
    with pytest.raises(ValidationError, match="A course with the code T-1 exists already"):
        course_package_import(path=small_package)
    assert Course.objects.count() == 1


def test_a_failure_while_creating_stores_nothing(small_package, monkeypatch):
    from assessments.services.assignments import authoring

    def fail(**kwargs):
        raise ValidationError("boom")

    monkeypatch.setattr(authoring, "rubric_create", fail)
    monkeypatch.setattr("authoring.services.importing.assignment_services.rubric_create", fail)
    with pytest.raises(ValidationError, match="boom"):
        course_package_import(path=small_package)
    assert not Course.objects.exists() and not Page.objects.exists()
    assert not Question.objects.exists() and not Rubric.objects.exists()


# --- Zips ----------------------------------------------------------------------------------


def test_a_zipped_folder_reads_like_the_folder(package_files, tmp_path):
    path = zip_of(tmp_path / "p.zip", {f"small/{n}": d for n, d in package_files.items()})
    assert course_package_import(path=path).code == "T-1"


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "modules/../../evil", "C:/evil"])
def test_zip_slip_is_refused(package_files, tmp_path, name):
    entries = [(n, d.encode()) for n, d in package_files.items()] + [(name, b"x")]
    messages = _problems(raw_zip(tmp_path / "slip.zip", entries))
    assert messages == [f"{name}: a path outside the package is not allowed."]


def test_symbolic_links_in_a_zip_are_refused(package_files, tmp_path):
    link = zipfile.ZipInfo("modules/01/link.md")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    entries = [(n, d.encode()) for n, d in package_files.items()] + [(link, b"/etc/passwd")]
    messages = _problems(raw_zip(tmp_path / "link.zip", entries))
    assert messages == ["modules/01/link.md: symbolic links are not allowed."]


def test_a_file_that_is_not_a_package_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hola")
    assert _problems(path) == [f"{path} is neither a folder nor a zip file."]


# --- H5P and video ------------------------------------------------------------------------

H5P_ACTIVITY = """
[[modules.activities]]
title = "Tarjeta"
kind = "h5p"
hours = 0.5
h5p = "modules/01/tarjeta.h5p"
pass_mark = 0.8
"""
VIDEO_ACTIVITY = """
[[modules.activities]]
title = "Video"
kind = "video"
hours = 0.5
url = "https://videos.example/clase.mp4"
captions = "modules/01/clase.vtt"
transcript = "modules/01/clase.txt"
"""


def test_h5p_and_video_activities_round_trip(package_files, tmp_path, fixtures_dir):
    package_files["course.toml"] += H5P_ACTIVITY + VIDEO_ACTIVITY
    package_files["modules/01/tarjeta.h5p"] = (
        fixtures_dir / "h5p" / "h5p-greetingcard-tiny-moodle.h5p"
    ).read_bytes()
    package_files["modules/01/clase.vtt"] = "WEBVTT\n\n00:00.000 --> 00:02.000\nHola.\n"
    package_files["modules/01/clase.txt"] = "Hola."
    course = course_package_import(path=write_package(tmp_path / "media", package_files))
    h5p = Activity.objects.get(module__course=course, kind=ActivityKind.H5P)
    assert h5p.h5p.title and h5p.pass_fraction == Decimal("0.8")
    video = Activity.objects.get(module__course=course, kind=ActivityKind.VIDEO).video
    assert video.url == "https://videos.example/clase.mp4" and video.transcript == "Hola."
    files = course_package_files(course=course)
    assert (
        files["modules/01-primer-modulo/04-tarjeta.h5p"] == package_files["modules/01/tarjeta.h5p"]
    )
    assert files["modules/01-primer-modulo/05-video.vtt"].startswith(b"WEBVTT")
    # The canonical form reads back to the same bytes.
    canonical = write_package(tmp_path / "canonical", files)
    savepoint = transaction.savepoint_create()
    Course.objects.filter(pk=course.pk).update(code="OTRO")
    assert course_package_files(course=course_package_import(path=canonical)) == files
    transaction.savepoint_rollback(savepoint)


def test_a_broken_h5p_package_is_listed_with_its_path(package_files, tmp_path, fixtures_dir):
    package_files["course.toml"] += H5P_ACTIVITY
    package_files["modules/01/tarjeta.h5p"] = (
        fixtures_dir / "h5p" / "h5p-invalid-broken-h5p-json.h5p"
    ).read_bytes()
    messages = _problems(write_package(tmp_path / "bad-h5p", package_files))
    assert messages and all(m.startswith("modules/01/tarjeta.h5p: ") for m in messages)


def test_a_damaged_zip_is_refused(tmp_path):
    path = zip_of(tmp_path / "p.zip", {"course.toml": "x" * 5000})
    data = bytearray(path.read_bytes())
    data[60:80] = b"\x00" * 20  # inside the deflated entry
    path.write_bytes(bytes(data))
    assert _problems(path) == ["The zip file is damaged or encrypted."]

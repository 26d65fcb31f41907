"""`manage.py import_course` and `export_course`."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.models import Course
from tests.authoring.conftest import write_package

pytestmark = pytest.mark.django_db


def test_import_prints_a_summary_and_export_writes_a_zip(small_package, tmp_path):
    out = io.StringIO()
    call_command("import_course", str(small_package), stdout=out)
    assert out.getvalue() == (
        "Imported T-1 · Curso de prueba: 1 modules, 3 activities, 3 hours, 2 questions.\n"
    )
    target = tmp_path / "t-1.zip"
    call_command("export_course", "T-1", str(target), stdout=io.StringIO())
    with zipfile.ZipFile(target) as archive:
        assert "course.toml" in archive.namelist()


def test_import_lists_every_problem_and_stores_nothing(package_files, tmp_path):
    del package_files["modules/01/lectura.md"]
    package_files["modules/01/preguntas.gift"] = "$CATEGORY: M\n\n::P1::Sin cerrar {=a ~b\n"
    path = write_package(tmp_path / "broken", package_files)
    with pytest.raises(CommandError) as caught:
        call_command("import_course", str(path), stdout=io.StringIO())
    message = str(caught.value)
    assert message.startswith("The package was not imported:\n- course.toml, line ")
    assert "the file “modules/01/lectura.md” is missing." in message
    assert "- modules/01/preguntas.gift, line 3: " in message
    assert not Course.objects.exists()


def test_check_only_validates(small_package):
    out = io.StringIO()
    call_command("import_course", str(small_package), "--check", stdout=out)
    assert "the package is valid (T-1)" in out.getvalue()
    assert not Course.objects.exists()


def test_export_of_an_unknown_course_fails(tmp_path):
    with pytest.raises(CommandError, match="No course has the code NOPE"):
        call_command("export_course", "NOPE", str(tmp_path / "x.zip"))


def test_export_refuses_a_folder_that_is_not_empty(small_package, tmp_path):
    call_command("import_course", str(small_package), stdout=io.StringIO())
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("export_course", "T-1", str(tmp_path / "full"))

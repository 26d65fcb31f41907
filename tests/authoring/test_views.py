"""The package pages, from the outside: who may import and export, and the errors in Spanish."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Course
from tests.authoring.conftest import FILES
from tests.factories import CourseFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("package_import")


def _zip(files: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return SimpleUploadedFile("paquete.zip", buffer.getvalue(), content_type="application/zip")


def _with_perm(codename: str):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def importer(client):
    client.force_login(_with_perm("add_course"))
    return client


def test_anonymous_people_are_sent_to_log_in(client):
    course = CourseFactory()
    for url in (reverse("packages"), IMPORT, reverse("package_export", args=[course.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_officials_may_neither_import_nor_export(client):
    course = CourseFactory()
    client.force_login(UserFactory())
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"package": _zip(FILES)}).status_code == 403
    assert client.get(reverse("packages")).status_code == 404
    assert client.get(reverse("package_export", args=[course.pk])).status_code == 404
    assert Course.objects.count() == 1


def test_import_creates_the_course_and_says_so_in_spanish(importer):
    response = importer.post(IMPORT, {"package": _zip(FILES)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Curso “Curso de prueba” (T-1) importado" in page
    assert "3 actividades" in page and "2 preguntas en el banco" in page
    assert Course.objects.filter(code="T-1").exists()


def test_import_lists_every_problem_in_spanish_and_stores_nothing(importer):
    files = dict(FILES)
    del files["modules/01/lectura.md"]
    files["course.toml"] = files["course.toml"].replace('kind = "quiz"', 'kind = "examen"')
    response = importer.post(IMPORT, {"package": _zip(files)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "No se importó el paquete: hay 2 problemas por corregir" in page
    assert "course.toml, línea 19: falta el archivo “modules/01/lectura.md”." in page
    assert "course.toml, línea 25: tipo desconocido “examen”" in page
    assert "No se guardó nada." in page
    assert not Course.objects.exists()


def test_import_refuses_what_is_not_a_zip(importer):
    upload = SimpleUploadedFile("curso.toml", FILES["course.toml"].encode())
    response = importer.post(IMPORT, {"package": upload})
    assert response.status_code == 400
    assert "Suba el paquete como archivo .zip." in response.content.decode()


def test_course_editors_download_a_zip_of_the_course(client):
    files = dict(FILES)
    client.force_login(UserFactory(is_superuser=True))
    client.post(IMPORT, {"package": _zip(files)})
    course = Course.objects.get(code="T-1")
    client.force_login(_with_perm("change_course"))
    listing = client.get(reverse("packages"))
    assert "Descargar T-1 (.zip)" in listing.content.decode()
    assert "Importar un paquete de curso" not in listing.content.decode()
    response = client.get(reverse("package_export", args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="t-1.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "course.toml" in archive.namelist()
    # An editor without the right to add courses may not import.
    assert client.get(IMPORT).status_code == 403


def test_the_package_list_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(5):
        CourseFactory()
    client.force_login(UserFactory(is_superuser=True))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("packages"))
    assert response.status_code == 200
    assert response.content.decode().count("(.zip)</a>") == 5


def test_a_damaged_zip_is_refused_without_naming_our_files(importer):
    upload = SimpleUploadedFile("curso.zip", b"PK\x03\x04 not really a zip")
    response = importer.post(IMPORT, {"package": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "El archivo zip está dañado o cifrado." in html
    assert "package.zip" not in html and "tmp" not in html


def test_a_course_with_an_empty_module_is_not_exported_as_a_broken_package(client):
    course = CourseFactory(code="T-EMPTY")
    ModuleFactory(course=course, position=1, title="Por escribir")
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("package_export", args=[course.pk]))
    assert response.status_code == 409
    assert response["Content-Type"] != "application/zip"
    assert "Por escribir" in response.content.decode()

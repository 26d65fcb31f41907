"""The import page and the template downloads, seen from the outside."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs import services
from programs.models import Membership, Municipality, MunicipalityImport, Role, User
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = (
    "\ufeffcodigo_municipio;municipio;region;estado;poblacion;superficie_km2;"
    "correo;nombre_completo;rol;genero;idioma\r\n"
    "05001;Peñalisa;Antioquia;seleccionado;12.345;1.234,56;"
    "jose@penalisa.example;José Ñúñez;funcionario y coordinador;m;es\r\n"
    "05002;Bello;Antioquia;reserva;;;;;;;\r\n"
).encode()


@pytest.fixture
def programme():
    return ProgrammeFactory()


def make_manager(programme) -> User:
    user = UserFactory(full_name="Laura Restrepo Gómez")
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


@pytest.fixture
def manager_client(client, programme):
    client.force_login(make_manager(programme))
    return client


def import_url(programme) -> str:
    return reverse("manage_import", args=[programme.pk])


def template_url(programme, file_format: str) -> str:
    return reverse("manage_import_template", args=[programme.pk, file_format])


def upload(data: bytes, name="equipos.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_anonymous_people_are_sent_to_log_in(client, programme):
    for url in (import_url(programme), template_url(programme, "csv")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = client.post(import_url(programme), {"file": upload(CSV)})
    assert response.status_code == 302
    assert Municipality.objects.count() == 0


def test_officials_and_managers_of_other_programmes_get_404(client, programme):
    official = MembershipFactory(municipality=MunicipalityFactory(programme=programme)).user
    other_manager = make_manager(ProgrammeFactory())
    for user in (official, other_manager):
        client.force_login(user)
        assert client.get(import_url(programme)).status_code == 404
        assert client.get(template_url(programme, "xlsx")).status_code == 404
        assert client.post(import_url(programme), {"file": upload(CSV)}).status_code == 404
    assert not Municipality.objects.filter(code="05001").exists()


def test_the_manager_sees_the_form(manager_client, programme):
    response = manager_client.get(import_url(programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input type="file" name="file" accept=".csv,.xlsx"[^>]*id="id_file"', html)
    assert '<label for="id_file">' in html
    assert '<label for="id_dry_run">' in html
    assert template_url(programme, "csv") in html
    assert template_url(programme, "xlsx") in html
    assert "nombre_completo" in html
    # The Content Security Policy allows neither inline styles nor inline scripts.
    assert " style=" not in html
    assert "<script" not in html


def job_url(job) -> str:
    return reverse("manage_import_job", args=[job.pk])


@pytest.fixture
def post_and_follow(django_capture_on_commit_callbacks):
    """POST, run what it queued once its transaction commits (the test's never does),
    then follow the redirect, as a browser would after the request."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        if response.status_code != 302:
            return response
        page = client.get(response["Location"])
        page.redirect_chain = [(response["Location"], 302)]
        return page

    return post


def test_the_manager_imports_a_file(manager_client, programme, mailoutbox, post_and_follow):
    response = post_and_follow(manager_client, import_url(programme), {"file": upload(CSV)})
    # The import runs in the background (here, eagerly, inside the request) and the
    # upload is redirected to its page, which shows the finished report.
    job = MunicipalityImport.objects.get()
    assert response.redirect_chain == [(job_url(job), 302)]
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and not report.dry_run
    assert (report.municipalities_created, report.people_created) == (2, 1)
    html = response.content.decode()
    assert 'role="status"' in html
    assert 'http-equiv="refresh"' not in html  # finished: no more refreshing
    assert set(Municipality.objects.filter(programme=programme).values_list("code", flat=True)) == {
        "05001",
        "05002",
    }
    jose = User.objects.get(email="jose@penalisa.example")
    assert jose.full_name == "José Ñúñez"
    assert jose.memberships.count() == 2
    assert len(mailoutbox) == 1  # the new person's activation link
    # The file is gone once imported; the import page lists the job and links to it.
    assert not job.file
    listing = manager_client.get(import_url(programme)).content.decode()
    assert job_url(job) in listing and "equipos.csv" in listing


def test_a_dry_run_from_the_page_writes_nothing(manager_client, programme, post_and_follow):
    response = post_and_follow(
        manager_client, import_url(programme), {"file": upload(CSV), "dry_run": "on"}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and report.dry_run
    assert report.municipalities_created == 2
    assert Municipality.objects.count() == 0
    assert not User.objects.filter(email="jose@penalisa.example").exists()
    # The checked file can be imported as it is, without uploading it again.
    check = MunicipalityImport.objects.get()
    apply_url = reverse("manage_import_job_apply", args=[check.pk])
    assert apply_url in response.content.decode()
    imported = post_and_follow(manager_client, apply_url)
    assert imported.context["report"].written
    assert Municipality.objects.filter(programme=programme).count() == 2
    # Once: the check has handed its file over.
    again = post_and_follow(manager_client, apply_url)
    assert again.redirect_chain == [(import_url(programme), 302)]
    assert "ya no se conserva" in again.content.decode()
    assert MunicipalityImport.objects.filter(dry_run=False).count() == 1


def test_errors_are_listed_and_nothing_is_imported(manager_client, programme, post_and_follow):
    bad = CSV + b"05003;Caldas;;retirado;;;ana@;Ana;;;\r\n"
    response = post_and_follow(manager_client, import_url(programme), {"file": upload(bad)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "<caption" in html
    rows = re.findall(r'<td class="num">(\d+)</td>\s*<td>([^<]+)</td>', html)
    assert rows == [("4", "estado"), ("4", "correo")]
    assert Municipality.objects.count() == 0
    assert Membership.objects.filter(programme=programme, role=Role.OFFICIAL).count() == 0
    assert MunicipalityImport.objects.get().status == MunicipalityImport.Status.FAILED


def test_an_unreadable_file_is_refused_with_a_message(manager_client, programme):
    response = manager_client.post(
        import_url(programme), {"file": upload(b"%PDF-1.4 binary", name="equipos.pdf")}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"].errors["file"]
    response = manager_client.post(import_url(programme), {})
    assert response.status_code == 400
    # Refused at once, from its first bytes: no job, nothing stored.
    assert not MunicipalityImport.objects.exists()


def test_the_csv_template(manager_client, programme):
    response = manager_client.get(template_url(programme, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="plantilla-municipios.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "codigo_municipio;municipio;region;estado;poblacion;superficie_km2;"
        "correo;nombre_completo;rol;genero;idioma"
    )
    assert len(lines) == 3
    assert ";funcionario y coordinador;" in lines[1]
    assert lines[2].endswith(";;;;;")  # a reserve without people

    report = services.municipalities_import(
        programme=programme, upload_name="plantilla-municipios.csv", data=response.content
    )
    assert report.ok, report.errors
    assert (report.municipalities_created, report.people_created) == (2, 1)
    assert report.memberships_created == 2
    reserve = Municipality.objects.get(status=Municipality.Status.RESERVE)
    assert reserve.code.startswith("0") and reserve.population and reserve.area_km2


def test_the_xlsx_template(manager_client, programme):
    response = manager_client.get(template_url(programme, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="plantilla-municipios.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == "Instrucciones"
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]][:2] == ["codigo_municipio", "municipio"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.max_row == 3
    assert isinstance(sheet["A2"].value, str)  # the code stays text
    instructions = workbook["Instrucciones"]
    described = {row[0] for row in instructions.iter_rows(min_row=2, values_only=True)}
    assert {"codigo_municipio", "correo", "nombre_completo", "rol"} <= described

    report = services.municipalities_import(
        programme=programme, upload_name="plantilla-municipios.xlsx", data=response.content
    )
    assert report.ok, report.errors
    assert (report.municipalities_created, report.people_created) == (2, 1)
    again = services.municipalities_import(
        programme=programme, upload_name="plantilla-municipios.xlsx", data=response.content
    )
    assert (again.municipalities_unchanged, again.people_unchanged) == (2, 1)


def test_an_unknown_template_format_is_404(manager_client, programme):
    assert manager_client.get(template_url(programme, "xls")).status_code == 404

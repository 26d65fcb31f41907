"""The journeys of ../shared/DESIGN.md, end to end in a real browser, as people click them.

One continuous story on the programme's real course (`coursepacks/gem-100`, 100
hours, as `seed_demo` imports it):

1. the programme manager creates the programme and its course run (with the
   programme's tutor), checks and imports a spreadsheet of 50 selected and 25
   reserve municipalities with their teams, and enrols the teams in the run;
2. an official activates the account from the e-mailed link, sees the outline
   with each module's hours, studies a page and marks it done, passes the first
   module's quiz, submits the team's final project, and watches the progress bar
   and "My hours" grow;
3. the tutor grades the project with the rubric, with feedback, and releases it;
4. the certificates are issued in the background (Celery runs eagerly in tests);
   the official downloads the PDF;
5. a stranger decodes the QR code of that PDF, opens the link, sees a genuine and
   valid certificate, and types the short code printed on it;
6. the manager sees the municipality at H2 with ten certified, and exports it.

A second, shorter test imports the same spreadsheet as an XLSX workbook.

Each person has a browser of their own. Their first page is an address typed (or
a link from an e-mail or a QR code); after that everything is clicked by its
visible name. A full-page screenshot of every step goes to
`artifacts/journeys/<test>/` (JOURNEY_SCREENSHOTS_DIR): CI keeps them.

What is not clicked, and why:
- no page gives someone the programme's tutor role: an administrator does it in
  the Django admin; here, through the models;
- an official spends about 100 hours on the course. The test clicks through a
  page, a quiz and the project; the rest of the official's study goes through
  the services the pages call (`courses.services.study_time_record`, a one-minute
  heartbeat at a time, "mark as done", the quiz services with right answers),
  dated over the last day;
- the team's nine colleagues studied over the past days: their activities are
  completed through `courses.services.activity_complete_by_result` and their
  quizzes graded through the gradebook service, with half an hour of heartbeats.
  The final project is a team's, graded once for all ten: its release certifies
  the ten together, and the municipality reaches H2;
- to keep the run short, two of the course's settings are small, as its author
  could set them: the minimum active time before "mark as done" (3 seconds
  instead of 10 minutes) and the measured study time certification asks for
  (0.5 % of the required hours, 30 minutes, instead of 50 %: each simulated
  minute is a call to the service, and 50 hours are 3,000 calls per person).
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pypdfium2
import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Grade
from authoring.services import course_package_import
from certification import codes, keys
from certification.models import Certificate
from certification.reading import qr_texts_of_pdf
from courses import selectors as course_selectors
from courses.models import Activity, CourseRun, LedgerEntry
from lms.demo.municipalities import PROGRAMME, RESERVES, SELECTED
from lms.demo.people import team
from lms.demo.run import COURSEPACK
from programs.models import Municipality, Programme, Role, User
from tests.assessments.factories import PDF_BYTES
from tests.browser.journey_helpers import (
    Screenshots,
    answer_key,
    answer_right_in_the_browser,
    catch_up_through_services,
    journey_server_running,
    log_in,
    programme_csv,
    programme_xlsx,
    study_through_services,
)
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The journey's municipality and official: the demo's first team, its second member.
HOME = SELECTED[0]  # Zipaquirá
OFFICIAL_INDEX = 1
RUN_TITLE = "Cohorte 1 · 2026"
# The course's settings made small (see the docstring), and the pace of heartbeats.
MIN_ACTIVE_SECONDS = 3
MEASURED_SHARE = Decimal("0.005")  # of the required hours: 30 minutes
HEARTBEAT_INTERVAL_SECONDS = 30  # the default, after the first page
STUDY_MINUTES_EACH = 1  # the official's simulated minutes per activity (49 activities)
COLLEAGUES_STUDY_MINUTES = 31  # each colleague's, all on the first page
# Importing 500 people (and e-mailing each) runs inside the request with Celery eager:
# seconds, more on a busy machine.
SLOW_REQUEST = 90_000
PROJECT = "Proyecto final: estrategia de gobierno electrónico del municipio"
FIRST_PAGE = "¿Qué es el gobierno electrónico municipal?"
FIRST_QUIZ = "Cuestionario del módulo 1"


@pytest.fixture
def shots(request):
    return Screenshots(request.node.name)


@pytest.fixture(scope="module")
def server(django_db_setup, _browser_available):
    """The test server: pytest-django's live server, handling one request at a time (see
    `journey_helpers.OneRequestAtATime`); the test's own database work goes inside
    `server.quiet()`."""
    with journey_server_running() as running:
        yield running


@pytest.fixture
def person(new_context, server):
    """person() → a page in a browser of its own, in Spanish (each person has a computer).

    At the end the browsers close, and a request still in the server (a heartbeat) is
    waited for: the database is emptied for the next test right after.
    """
    contexts = []

    def open_browser():
        context = new_context(locale="es-ES", accept_downloads=True)
        contexts.append(context)
        context.set_extra_http_headers({"Accept-Language": "es"})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.live_server_url = server.url
        return page

    yield open_browser
    for context in contexts:
        context.close()
    with server.quiet():
        pass


@pytest.fixture
def scene(settings, tmp_path, server):
    """What exists before the story starts: the course, imported from its package as
    `seed_demo` does; a programme manager whom an administrator allowed to create
    programmes; a tutor; a key to sign certificates.

    SITE_URL is the test server, so that the activation links in the e-mails and
    the certificates' QR codes point to it, as they point to the real site.
    """
    settings.SITE_URL = server.url
    settings.HEARTBEAT_INTERVAL_SECONDS = 1  # while the official studies the first page
    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    keys.signing_key_generate()
    course = course_package_import(path=COURSEPACK)
    course.min_active_cap_seconds = MIN_ACTIVE_SECONDS
    course.measured_share = MEASURED_SHARE
    course.save()
    manager = UserFactory(email="gestora@munet.example", full_name="Laura Restrepo Gómez")
    manager.user_permissions.add(Permission.objects.get(codename="add_programme"))
    tutor = UserFactory(email="tutor1@munet.example", full_name="Catalina Mejía Arango")
    return {"course": course, "manager": manager, "tutor": tutor}


def administrator_makes_the_tutor(scene, programme: Programme) -> None:
    """No page gives someone a programme's tutor role: an administrator does it in the
    Django admin. Here, through the models."""
    MembershipFactory(user=scene["tutor"], municipality=None, programme=programme, role=Role.TUTOR)


def manager_creates_the_run(page, shots, scene) -> None:
    """From the programme's page: the course, its dates and the programme's tutor."""
    today = timezone.localdate()
    tutor = scene["tutor"]
    page.get_by_role("link", name="Nueva cohorte").click()
    expect(page.get_by_role("heading", name="Nueva cohorte")).to_be_visible()
    page.get_by_label("Curso").select_option(label=str(scene["course"]))
    page.get_by_label("Título de la cohorte").fill(RUN_TITLE)
    page.get_by_label("Comienza el").fill((today - datetime.timedelta(days=90)).isoformat())
    page.get_by_label("Termina el").fill((today + datetime.timedelta(days=120)).isoformat())
    page.get_by_label(f"{tutor.full_name} · {tutor.email}").check()
    shots(page, "manager-creates-the-course-run")
    page.get_by_role("button", name="Crear la cohorte").click()
    expect(page.get_by_text(f"La cohorte {RUN_TITLE} está creada")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=RUN_TITLE)).to_be_visible()


def _report_figure(page, label: str):
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return row.get_by_role("cell")


def _course_activities(run: CourseRun) -> list[Activity]:
    return list(course_selectors.activities_of_course(run.course_id))


def _days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _spanish_hours(seconds: int) -> str:
    return f"{seconds / 3600:.1f}".replace(".", ",")


# --- 1. The manager creates the programme, imports its municipalities, enrols the teams ---


def manager_creates_the_programme(page, scene, shots) -> None:
    log_in(page, page.live_server_url, scene["manager"].email, PASSWORD)
    expect(page.get_by_role("heading", name="Programas")).to_be_visible()
    page.get_by_role("link", name="Nuevo programa").click()
    today = timezone.localdate()
    page.get_by_label("Nombre del programa").fill(PROGRAMME.name)
    page.get_by_label("País (código ISO 3166)").fill(PROGRAMME.country)
    expect(page.get_by_label("Español")).to_be_checked()
    expect(page.get_by_label("Zona horaria")).to_have_value(PROGRAMME.time_zone)
    page.get_by_label("Comienza el").fill((today - datetime.timedelta(days=120)).isoformat())
    page.get_by_label("Termina el").fill((today + datetime.timedelta(days=240)).isoformat())
    shots(page, "manager-creates-the-programme")
    page.get_by_role("button", name="Crear el programa").click()
    expect(page.get_by_role("heading", name=PROGRAMME.name, level=1)).to_be_visible()
    expect(page.get_by_text(f"Se creó el programa {PROGRAMME.name}")).to_be_visible()
    shots(page, "manager-created-the-programme")


def manager_imports_the_spreadsheet(page, shots, *, upload_name: str, data: bytes) -> None:
    """From the programme's page: a check of the whole file first, then the import."""
    page.get_by_role("link", name="Importar municipios y equipos").click()
    expect(page.get_by_role("heading", name="Importar municipios y equipos")).to_be_visible()
    upload = {"name": upload_name, "mimeType": "application/octet-stream", "buffer": data}
    page.get_by_label("Hoja de cálculo (CSV o XLSX)").set_input_files(files=[upload])
    page.get_by_label("Comprobar sin importar").check()
    shots(page, "manager-uploads-the-spreadsheet")
    page.get_by_role("button", name="Importar", exact=True).click(timeout=SLOW_REQUEST)
    # A background job: its page shows the progress, then the report.
    expect(
        page.get_by_role("heading", name="El archivo es correcto. Todavía no se importó nada")
    ).to_be_visible(timeout=SLOW_REQUEST)
    expect(_report_figure(page, "Filas leídas")).to_have_text("525")
    expect(_report_figure(page, "Municipios creados")).to_have_text("75")
    expect(_report_figure(page, "Personas creadas")).to_have_text("500")
    shots(page, "manager-checked-the-spreadsheet")

    page.get_by_role("button", name="Importar este archivo").click(timeout=SLOW_REQUEST)
    expect(page.get_by_role("heading", name="Importación completada")).to_be_visible(
        timeout=SLOW_REQUEST
    )
    expect(_report_figure(page, "Municipios creados")).to_have_text("75")
    expect(_report_figure(page, "Personas creadas")).to_have_text("500")
    shots(page, "manager-imported-the-spreadsheet")
    page.get_by_role("link", name="Volver a los municipios del programa").click()
    expect(page.get_by_text("Municipios seleccionados: 50")).to_be_visible()
    expect(page.get_by_text("Municipios de reserva: 25")).to_be_visible()


def manager_enrols_the_teams(page, shots, run: CourseRun) -> None:
    page.get_by_label("Cohorte").select_option(label=run.title)
    page.get_by_role("button", name="Inscribir a los equipos").click()
    expect(
        page.get_by_text(
            f"Equipos inscritos en {run.title}: 50. Funcionarios inscritos ahora: 500; "
            "ya estaban inscritos: 0."
        )
    ).to_be_visible()
    shots(page, "manager-enrolled-the-teams")
    # The municipality's own page says so too.
    page.get_by_label("Nombre o código").fill(HOME.name)
    page.get_by_role("button", name="Filtrar").click()
    page.get_by_role("link", name=HOME.name, exact=True).click()
    expect(page.get_by_text(f"{run.title}: inscritos: 10; retirados: 0")).to_be_visible()
    shots(page, "manager-sees-the-team")


# --- The nine colleagues, who studied over the past days --------------------------------


def colleagues_catch_up(run: CourseRun, official: User) -> list[User]:
    """The nine other officials of the team have done everything but the team's final
    project, through the services (see the module's docstring)."""
    activities = _course_activities(run)
    colleagues = list(
        User.objects.filter(
            email__in=[member.email for member in team(HOME.code)], enrolments__course_run=run
        ).exclude(pk=official.pk)
    )
    assert len(colleagues) == 9
    for number, colleague in enumerate(colleagues):
        catch_up_through_services(
            user=colleague,
            run=run,
            activities=activities,
            start=_days_ago(12 - number),
            minutes=COLLEAGUES_STUDY_MINUTES,
        )
    return colleagues


# --- The story --------------------------------------------------------------------------


def test_the_programme_journey_from_the_spreadsheet_to_h2(server, person, scene, shots, settings):
    # 1. The manager creates the programme, imports the CSV and enrols the teams.
    manager = person()
    manager_creates_the_programme(manager, scene, shots)
    with server.quiet():
        programme = Programme.objects.get(name=PROGRAMME.name)
        administrator_makes_the_tutor(scene, programme)
    manager.reload()
    manager_creates_the_run(manager, shots, scene)
    with server.quiet():
        run = CourseRun.objects.get(title=RUN_TITLE)
    manager_imports_the_spreadsheet(
        manager, shots, upload_name="municipios-y-equipos.csv", data=programme_csv()
    )
    manager_enrols_the_teams(manager, shots, run)
    with server.quiet():
        official = User.objects.get(email=team(HOME.code)[OFFICIAL_INDEX].email)
        colleagues = colleagues_catch_up(run, official)
        known_answers = answer_key(run.course)
        modules = [
            (
                f"{module.position}. {module.title}",
                sum(a.nominal_seconds for a in module.activities.all()),
            )
            for module in run.course.modules.order_by("position").prefetch_related("activities")
        ]

    # 2. The official activates the account from the e-mailed link.
    page = person()
    activation = next(message for message in mail.outbox if message.to == [official.email])
    link = re.search(r"https?://\S+/activate/\S+", activation.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Active su cuenta")).to_be_visible()
    page.get_by_label("Contraseña nueva", exact=True).fill("Zipaquira-sal-2026")
    page.get_by_label("Contraseña nueva (confirmación)").fill("Zipaquira-sal-2026")
    shots(page, "official-activates-the-account")
    page.get_by_role("button", name="Activar y empezar").click()
    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()
    expect(page.locator("progress").first).to_have_attribute("value", "0")
    shots(page, "official-sees-my-courses")

    # The outline, with every module's hours.
    page.get_by_role("link", name="Empezar").click()
    expect(page.get_by_role("heading", name=run.course.title, level=1)).to_be_visible()
    assert len(modules) == 10 and sum(seconds for _name, seconds in modules) == 100 * 3600
    for name, seconds in modules:
        region = page.get_by_role("region", name=name)
        expect(region.locator("header")).to_contain_text(f"{_spanish_hours(seconds)} h")
    shots(page, "official-sees-the-outline-with-hours")

    # Studies the first page (the browser's heartbeats), and marks it done.
    page.get_by_role("link", name=FIRST_PAGE).click()
    expect(page.get_by_role("heading", name=FIRST_PAGE)).to_be_visible()
    expect(page.locator("#done-hint")).to_have_text(
        "Ya puede marcar esta actividad como hecha.", timeout=20_000
    )
    page.get_by_role("button", name="Marcar como hecha").click()
    expect(page.get_by_text("✓ Completada")).to_be_visible()
    # From here on, pages report study time at the usual pace.
    settings.HEARTBEAT_INTERVAL_SECONDS = HEARTBEAT_INTERVAL_SECONDS
    shots(page, "official-marked-the-first-page-done")
    page.get_by_role("link", name="Mis cursos").first.click()
    expect(page.get_by_text("1,2 de 100,0 horas")).to_be_visible()
    expect(page.locator("progress").first).to_have_attribute("value", "1")
    shots(page, "official-progress-after-the-first-page")

    # Takes the first module's quiz.
    page.get_by_role("link", name=run.course.title).click()
    page.get_by_role("link", name=FIRST_QUIZ).click()
    page.get_by_role("button", name="Empezar el cuestionario").click()
    expect(page.get_by_role("button", name="Terminar el intento…")).to_be_visible()
    assert answer_right_in_the_browser(page, known_answers) == 5
    shots(page, "official-answers-the-quiz")
    page.get_by_role("button", name="Terminar el intento…").click()
    page.get_by_role("button", name="Entregar y terminar").click()
    expect(page.locator("#quiz-attempt-grade")).to_have_text("10,0 / 10")
    expect(page.locator("#quiz-result")).to_contain_text("Aprobado")
    shots(page, "official-passed-the-quiz")

    # The weeks of study in between (simulated, see the docstring).
    done = {FIRST_PAGE, FIRST_QUIZ}
    with server.quiet():
        study_through_services(
            user=official,
            run=run,
            activities=[a for a in _course_activities(run) if a.title not in done],
            start=_days_ago(1),
            minutes_each=STUDY_MINUTES_EACH,
        )
    page.get_by_role("link", name="Mis cursos").first.click()
    expect(page.get_by_text("97,0 de 100,0 horas")).to_be_visible()
    expect(page.locator("progress").first).to_have_attribute("value", "97")
    shots(page, "official-after-weeks-of-study")

    # Submits the team's final project: text and a PDF.
    page.get_by_role("link", name=run.course.title).click()
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", name=PROJECT)).to_be_visible()
    page.get_by_label("Su respuesta").fill(
        "Estrategia de gobierno electrónico de Zipaquirá, 2027-2030: ventanilla única, "
        "pagos en línea y datos abiertos."
    )
    page.get_by_label("Archivos").set_input_files(
        files=[
            {"name": "estrategia-zipaquira.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        ]
    )
    shots(page, "official-fills-in-the-project")
    page.get_by_role("button", name="Entregar", exact=True).click()
    expect(page.get_by_role("link", name="estrategia-zipaquira.pdf")).to_be_visible()
    expect(page.get_by_text("Su tutor/a aún no ha publicado una calificación.")).to_be_visible()
    shots(page, "official-submitted-the-project")

    page.get_by_role("link", name="Mis cursos").first.click()
    page.get_by_role("link", name="Mis horas").click()
    expect(page.get_by_role("heading", name="Mis horas")).to_be_visible()
    expect(page.get_by_text("Horas acreditadas: 97,0 de 100,0 h.")).to_be_visible()
    ledger = page.get_by_role("table", name="Todos los movimientos de su registro de horas")
    expect(ledger.get_by_role("row")).to_have_count(1 + 51 + 1)  # header, entries, total
    shots(page, "official-sees-my-hours")
    with server.quiet():
        assert LedgerEntry.objects.filter(enrolment__user=official).count() == 51

    # 3. The tutor grades the project with the rubric and releases the grade.
    tutor = person()
    log_in(tutor, tutor.live_server_url, scene["tutor"].email, PASSWORD)
    tutor.get_by_role("link", name=run.title).click()
    tutor.get_by_role("link", name="Cola de calificación").click()
    expect(tutor.get_by_role("heading", name="Cola de calificación")).to_be_visible()
    row = tutor.get_by_role("row").filter(has_text=HOME.name)
    expect(row).to_contain_text("Por calificar")
    shots(tutor, "tutor-opens-the-grading-queue")
    row.get_by_role("link", name=PROJECT).click()
    expect(tutor.locator("#submission-text")).to_contain_text("ventanilla única")
    # One level per criterion, by what it says: 25 + 18 + 30 + 14 = 87 of 100 points.
    levels = (
        "Sobresaliente: además mide",
        "Satisfactorio: entre tres y cinco objetivos",
        "Sobresaliente: cada proyecto responde",
        "Satisfactorio: prevé consulta",
    )
    for level in levels:
        tutor.get_by_role("radio", name=re.compile("^" + re.escape(level))).check()
    expect(tutor.locator("#rubric-total")).to_have_text("87")
    tutor.get_by_label("Retroalimentación para el participante").fill(
        "Muy buen diagnóstico. Completen la línea base del indicador de satisfacción."
    )
    shots(tutor, "tutor-grades-with-the-rubric")
    tutor.get_by_role("button", name="Guardar y publicar").click()
    expect(tutor.locator(".message-success")).to_be_visible()
    expect(
        tutor.get_by_role("table", name=re.compile("^Todos los cambios de la calificación"))
    ).to_have_count(10)
    shots(tutor, "tutor-released-the-grade")
    with server.quiet():
        grades = Grade.objects.filter(item__activity__title=PROJECT, released_at__isnull=False)
        assert grades.count() == 10

    # 4. The certificates are issued in the background; the official downloads the PDF.
    page.reload()
    expect(page.get_by_text("Horas acreditadas: 100,0 de 100,0 h.")).to_be_visible()
    expect(ledger.get_by_role("row")).to_have_count(1 + 52 + 1)  # the project's hours too
    expect(page.get_by_text("Cumple todos los requisitos del certificado.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Certificado emitido el "))).to_be_visible()
    shots(page, "official-sees-the-certificate")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar el certificado (PDF)").click()
    pdf = download_info.value
    pdf_path = pdf.path()
    with server.quiet():
        certificate = Certificate.objects.get(enrolment__user=official, status="valid")
    assert pdf.suggested_filename == f"certificado-{certificate.short_code}.pdf"
    # The tutor's grade and feedback, on the project's page.
    page.get_by_role("link", name=PROJECT).click()
    expect(page.locator("#assignment-grade")).to_have_text("87 de 100 puntos")
    expect(page.locator("#assignment-feedback")).to_contain_text("línea base del indicador")
    shots(page, "official-reads-the-feedback")

    # 5. A stranger scans the QR code printed on the PDF (decoded from its image)...
    (link,) = qr_texts_of_pdf(pdf_path)
    assert link.startswith(f"{page.live_server_url}/v/#")
    stranger = person()
    stranger.goto(link)
    result = stranger.locator("#result")
    expect(result.locator(".verdict")).to_contain_text("Certificado auténtico")
    expect(result.locator(".status")).to_contain_text("Válido")
    expect(result.locator(".claims")).to_contain_text(official.full_name)
    expect(result.locator(".claims")).to_contain_text(run.course.title)
    expect(result.locator(".claims")).to_contain_text("100")
    shots(stranger, "stranger-scanned-the-qr-code")

    # ...and types the short code printed on it.
    printed = _pdf_text(pdf_path)
    short_code = re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", printed).group(0)
    assert short_code == codes.short_code_display(certificate.short_code)
    stranger.get_by_role("link", name="MuNet Aula").click()
    stranger.get_by_role("textbox", name="Código corto").fill(short_code)
    stranger.get_by_role("button", name="Comprobar").click()
    expect(stranger.locator("#result .verdict")).to_contain_text("Certificado auténtico")
    expect(stranger.locator("#result .claims")).to_contain_text(official.full_name)
    shots(stranger, "stranger-typed-the-short-code")

    # 6. The manager sees the municipality at H2, with ten certified, and exports it.
    with server.quiet():
        assert Certificate.objects.filter(enrolment__user__in=[official, *colleagues]).count() == 10
    manager.get_by_role("link", name="Programa", exact=True).click()
    manager.get_by_role("link", name=programme.name).click()
    manager.get_by_role("link", name="Panel").click()
    expect(manager.get_by_text("En H2: 1")).to_be_visible()
    shots(manager, "manager-sees-the-dashboard")
    manager.get_by_role("link", name="Tabla de municipios").click()
    manager.get_by_label("Nombre o código").fill(HOME.name)
    manager.get_by_role("button", name="Filtrar").click()
    cells = manager.get_by_role("row").filter(has_text=HOME.name).get_by_role("cell")
    today = timezone.localdate()
    expect(cells.nth(8)).to_have_text("10")  # certified
    expect(cells.nth(10)).to_have_text(today.strftime("%d/%m/%Y"))  # H2 reached on
    shots(manager, "manager-sees-h2")
    with manager.expect_download() as download_info:
        manager.get_by_role("button", name="CSV", exact=True).click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text)))  # the table's filter travels along
    assert (row["Municipio"], row["Inscritos"], row["Certificados"]) == (HOME.name, "10", "10")
    assert row["H2 alcanzado el"] == today.isoformat()
    with server.quiet():
        municipality = Municipality.objects.get(programme=programme, code=HOME.code)
        assert municipality.h2_reached_on == today


def _pdf_text(path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


# --- The same spreadsheet as XLSX ------------------------------------------------------


@pytest.fixture
def programme_and_manager():
    programme = Programme(
        name=PROGRAMME.name,
        country=PROGRAMME.country,
        languages=list(PROGRAMME.languages),
        time_zone=PROGRAMME.time_zone,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=365),
        grade_scale=PROGRAMME.grade_scale,
    )
    programme.full_clean()
    programme.save()
    manager = UserFactory(email="gestora@munet.example", full_name="Laura Restrepo Gómez")
    MembershipFactory(user=manager, municipality=None, programme=programme, role=Role.MANAGER)
    return programme, manager


def test_a_manager_checks_and_imports_the_programme_from_an_xlsx_workbook(
    server, person, programme_and_manager, shots
):
    """The workbook a spreadsheet program saves: numbers as numbers, codes as text (the
    leading zeros of Antioquia's codes stay), accents and ñ in the names."""
    programme, manager = programme_and_manager
    page = person()
    log_in(page, page.live_server_url, manager.email, PASSWORD)
    page.get_by_role("link", name=programme.name).click()
    manager_imports_the_spreadsheet(
        page, shots, upload_name="municipios-y-equipos.xlsx", data=programme_xlsx()
    )
    shots(page, "manager-sees-the-municipalities")

    with server.quiet():
        municipalities = Municipality.objects.filter(programme=programme)
        assert municipalities.filter(status=Municipality.Status.SELECTED).count() == 50
        assert municipalities.filter(status=Municipality.Status.RESERVE).count() == 25
        demo = {m.code: m for m in (*SELECTED, *RESERVES)}
        for municipality in municipalities.filter(code__startswith="05"):
            assert municipality.population == demo[municipality.code].population
        expected = team(HOME.code)[OFFICIAL_INDEX]
        official = User.objects.get(email=expected.email)
        assert official.full_name == expected.full_name
        assert official.memberships.get().municipality.code == HOME.code
    assert len(mail.outbox) == 500  # each new person's activation link

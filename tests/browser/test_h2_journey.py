"""A manager watches a municipality reach H2 when its tenth official is certified,
then downloads the municipality table and finds the same numbers in the file, which
the page's recent exports then list."""

import csv
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certification import services as certification_services
from courses import services as courses_services
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.courses.conftest import run  # noqa: F401 (the course run fixture)
from tests.factories import PASSWORD, MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team_of_ten(settings, tmp_path, run):  # noqa: F811
    """Cota: ten officials who all meet the rule, nine of them already certified."""
    from certification import keys

    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    keys.signing_key_generate()
    cota = MunicipalityFactory(programme=run.programme, name="Cota", code="25214")
    MunicipalityFactory(programme=run.programme, name="Tenjo", code="25799")
    enrolments = []
    for number in range(10):
        official = UserFactory(full_name=f"Funcionaria {number + 1} Cota")
        MembershipFactory(user=official, municipality=cota, role=Role.OFFICIAL)
        enrolment, _ = courses_services.enrolment_create(
            user=official, course_run=run, municipality=cota
        )
        enrolments.append(make_eligible(enrolment))
    for enrolment in enrolments[:9]:
        assert certification_services.certificate_issue(enrolment_id=enrolment.pk)
    manager = UserFactory(email="gestora@munet.example", full_name="Laura Restrepo Gómez")
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    return run.programme, cota, enrolments, manager


def _cells(page, name: str):
    return page.get_by_role("row").filter(has_text=name).get_by_role("cell")


def test_manager_sees_h2_reached_at_the_tenth_certificate_and_exports(browser_page, team_of_ten):
    programme, _cota, enrolments, manager = team_of_ten
    page = browser_page
    base = page.live_server_url
    page.goto(f"{base}/login/")
    page.get_by_label("Correo electrónico").fill(manager.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()

    table = f"{base}/manage/programmes/{programme.pk}/municipalities/table/"
    page.goto(table)
    expect(page.locator("h1")).to_be_visible()
    cells = _cells(page, "Cota")
    expect(cells.nth(8)).to_have_text("9")  # certified
    expect(cells.nth(10)).to_have_text("No")  # H2

    # The tenth official's certificate is issued (as the background task does).
    assert certification_services.certificate_issue(enrolment_id=enrolments[9].pk)

    page.reload()
    cells = _cells(page, "Cota")
    expect(cells.nth(8)).to_have_text("10")
    expect(cells.nth(10)).to_have_text(timezone.localdate().strftime("%d/%m/%Y"))
    expect(_cells(page, "Tenjo").nth(10)).to_have_text("No")

    # Only municipalities at H2: Cota alone.
    page.locator("select[name=h2]").select_option("yes")
    page.locator("form.filters button[type=submit]").click()
    expect(page.get_by_role("row").filter(has_text="Tenjo")).to_have_count(0)

    # The export of what the page shows (its filters travel with the form): a small
    # programme's file is made inside the request and comes back at once.
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV").click()
    download = info.value
    assert download.suggested_filename.endswith("-municipalities.csv")
    text = download.path().read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in rows] == ["Cota"]
    row = dict(zip(header, rows[0], strict=True))
    values = list(row.values())
    assert values[0] == "25214"
    assert values[4] == "10" and values[5] == "10"  # team size, enrolled
    assert values[10] == "10"  # certified
    assert values[13] == timezone.localdate().isoformat()  # H2 reached on

    # The export is listed on the page, to be downloaded again later.
    page.reload()
    recent = page.get_by_role("table", name="Exportaciones recientes")
    expect(recent.get_by_role("link", name="Tabla de municipios (CSV)")).to_be_visible()

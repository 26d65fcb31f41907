"""Exports of the dashboards: the files hold the page's numbers; only managers get them."""

import csv
import datetime
import io

import openpyxl
import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from certification import keys
from programs.models import Membership, Municipality, Programme, Role
from reporting import exports, report_pdf, selectors
from reporting.models import ReportExport
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory
from tests.lms.test_generate_programme import small_course

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def programme(settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    keys.signing_key_generate()
    small_course()
    call_command(
        "generate_programme",
        municipalities=4,
        officials_per_municipality=10,
        seed=13,  # a seed with two municipalities at H2
        today=TODAY,
        force=True,
        stdout=io.StringIO(),
    )
    return Programme.objects.order_by("-pk").first()


@pytest.fixture
def manager(programme):
    return Membership.objects.get(programme=programme, role=Role.MANAGER).user


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The views take today in the programme's time zone; pin it to the generated data's day.
    monkeypatch.setattr("programs.selectors.programme_today", lambda programme: TODAY)


def _content(response) -> bytes:
    """The file of a response: made inside the request (a small programme), it comes back
    at once, served from the export's stored file."""
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def _csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _page_figures(programme, **filters):
    """What the table page shows, read from the same selector."""
    return [
        [
            m.code,
            m.name,
            m.team_size,
            m.enrolled,
            exports.hours(m.hours_median),
            exports.hours(m.hours_min),
            exports.percent(m.progress_percent),
            m.active_count,
            m.certified,
            m.at_risk_count,
            m.h2_reached_on,
        ]
        for m in selectors.municipality_rows(programme, today=TODAY, **filters)
    ]


def _file_figures(rows):
    """The same columns from an exported file (CSV strings or XLSX values)."""

    def number(value, kind=int):
        return None if value in ("", None) else kind(value)

    def day(value):
        if value in ("", None):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)

    return [
        [
            str(row[0]),
            row[1],
            number(row[4]),
            number(row[5]),
            number(row[6], float),
            number(row[7], float),
            number(row[8]),
            number(row[9]),
            number(row[10]),
            number(row[11]),
            day(row[13]),
        ]
        for row in rows
    ]


def test_csv_of_the_table_has_the_page_numbers(client, programme, manager):
    client.force_login(manager)
    url = reverse("manage_municipality_table_export", args=[programme.pk, "csv"])
    response = client.post(url, {"order": "-certified"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    header, *rows = _csv_rows(_content(response))
    assert len(header) == 14
    assert _file_figures(rows) == _page_figures(programme, order="-certified")
    assert len(rows) == Municipality.objects.filter(programme=programme).count()
    assert any(row[13] for row in rows)  # the generated programme has an H2 municipality


def test_xlsx_of_the_table_has_the_page_numbers_as_numbers(client, programme, manager):
    client.force_login(manager)
    url = reverse("manage_municipality_table_export", args=[programme.pk, "xlsx"])
    response = client.post(url, {"status": "selected"})
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(header) == 14
    assert _file_figures(rows) == _page_figures(programme, status="selected")
    assert len(rows) == 4
    assert all(isinstance(row[4], int) for row in rows)  # numbers, not text


def test_filters_of_the_page_apply_to_the_file(client, programme, manager):
    client.force_login(manager)
    url = reverse("manage_municipality_table_export", args=[programme.pk, "csv"])
    _header, *rows = _csv_rows(_content(client.post(url, {"status": "reserve"})))
    assert len(rows) == 2
    _header, *rows = _csv_rows(_content(client.post(url, {"h2": "yes"})))
    assert rows and all(row[13] for row in rows)


def test_team_export_lists_the_team_without_gender(client, programme, manager):
    municipality = Municipality.objects.filter(programme=programme, status="selected").first()
    client.force_login(manager)
    for file_format in ("csv", "xlsx"):
        response = client.get(reverse("manage_team_export", args=[municipality.pk, file_format]))
        assert response.status_code == 200
    header, *rows = _csv_rows(
        client.get(reverse("manage_team_export", args=[municipality.pk, "csv"])).content
    )
    team = list(selectors.municipality_team_rows(municipality, today=TODAY))
    assert [row[0] for row in rows] == [enrolment.user.full_name for enrolment in team]
    assert [float(row[2]) for row in rows] == [
        exports.hours(enrolment.credited_seconds) for enrolment in team
    ]
    assert not any("gender" in column.lower() or "género" in column.lower() for column in header)


def _pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_pdf_report_in_the_managers_language(client, programme, manager):
    manager.preferred_language = "en"
    manager.save()
    client.force_login(manager)
    response = client.post(reverse("manage_programme_report", args=[programme.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(_content(response))
    overview = selectors.programme_overview(programme, today=TODAY)
    assert "Municipalities at H2" in text
    assert " ".join(programme.name.split()) in " ".join(text.split())
    for municipality in Municipality.objects.filter(
        programme=programme, h2_reached_on__isnull=False
    ):
        assert municipality.name in text
    assert str(overview.officials_enrolled) in text


def test_pdf_report_renders_in_every_language(programme):
    for language in ("es", "en", "pt-br", "fr"):
        content = report_pdf.programme_report_pdf(programme, today=TODAY, language=language)
        assert content.startswith(b"%PDF")
    assert translation.get_language() in ("es", "en-us", "en")  # the override did not leak


@pytest.mark.parametrize("name", ["manage_municipality_table_export", "manage_programme_report"])
def test_only_the_programmes_managers_get_programme_exports(client, programme, name):
    args = [programme.pk, "csv"] if name.endswith("table_export") else [programme.pk]
    url = reverse(name, args=args)
    assert client.post(url).status_code == 302  # to the login page
    municipality = Municipality.objects.filter(programme=programme, status="selected").first()
    official = Membership.objects.filter(municipality=municipality, role=Role.OFFICIAL).first()
    coordinator = Membership.objects.filter(municipality=municipality, role=Role.COORDINATOR)
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    tutor = Membership.objects.filter(programme=programme, role=Role.TUTOR).first()
    for person in (official.user, coordinator.first().user, other_manager, tutor.user):
        client.force_login(person)
        assert client.post(url).status_code == 404
    assert not ReportExport.objects.exists()


def test_only_the_programmes_managers_get_team_exports(client, programme, manager):
    municipality = Municipality.objects.filter(programme=programme, status="selected").first()
    url = reverse("manage_team_export", args=[municipality.pk, "xlsx"])
    coordinator = Membership.objects.get(municipality=municipality, role=Role.COORDINATOR).user
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    for person in (coordinator, other_manager):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("manage_team_export", args=[municipality.pk, "ods"])).status_code == 404
    )


def test_table_export_reads_a_bounded_number_of_queries(
    client, programme, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("manage_municipality_table_export", args=[programme.pk, "xlsx"])
    # Besides reading the figures (6): the export's row (look for the same one under way,
    # create, start, progress twice, finish, the older files), with four savepoints.
    with django_assert_max_num_queries(18):
        assert client.post(url).status_code == 200


def test_text_that_looks_like_a_formula_is_quoted_in_both_files():
    table = exports.Table(title="T", headers=["Municipio"], rows=[['=HYPERLINK("x")'], [12]])
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == 12
    assert "'=HYPERLINK" in exports.csv_bytes(table).decode("utf-8-sig")

"""Exports of the programme's figures as background jobs: made, listed, downloaded, cleaned up."""

import csv
import datetime
import io
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from programs import jobs
from programs.models import Role
from reporting import export_jobs, exports, report_pdf, tasks
from reporting.models import ReportExport
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ReportExport.Kind
Status = ReportExport.Status
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def programme():
    programme = ProgrammeFactory(name="Programa MuNet Perú")
    for name in ("Cota", "Tenjo", "Sopó"):
        MunicipalityFactory(programme=programme, name=name)
    return programme


@pytest.fixture
def manager(programme):
    user = UserFactory(full_name="Laura Restrepo Gómez")
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


@pytest.fixture
def queued(monkeypatch):
    """Exports go to the queue (as for a large programme with a worker running)."""
    monkeypatch.setattr(export_jobs, "_runs_inline", lambda programme, kind: False)


def _ask(programme, manager, kind=Kind.TABLE_CSV, **parameters):
    return export_jobs.report_export_request(
        programme=programme,
        kind=kind,
        by=manager,
        language="es",
        parameters=export_jobs.table_parameters(**parameters) if kind != Kind.REPORT_PDF else None,
        today=TODAY,
    )


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_small_export_is_made_in_the_request_and_listed(client, programme, manager):
    client.force_login(manager)
    url = reverse("manage_municipality_table_export", args=[programme.pk, "csv"])
    response = client.post(url, {"q": "o", "order": "-name"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Tenjo", "Sopó", "Cota"]
    export = ReportExport.objects.get()
    assert (export.status, export.kind, export.requested_by) == (
        Status.DONE,
        Kind.TABLE_CSV,
        manager,
    )
    assert export.parameters == {
        "search": "o",
        "status": "",
        "only_at_risk": False,
        "order": "-name",
        "h2": "",
        "today": export.parameters["today"],
    }
    assert export.file.name.startswith("report-exports/") and export.finished_at
    assert export.file_name == "programa-munet-peru-municipalities.csv"
    download = reverse("manage_report_export_download", args=[export.pk])
    for page in ("reporting_municipality_table", "reporting_dashboard"):
        html = client.get(reverse(page, args=[programme.pk])).content.decode()
        assert download in html and reverse("manage_report_export", args=[export.pk]) in html
    # Asking with GET (a link, a crawler) makes nothing.
    assert client.get(url).status_code == 405


def test_a_queued_export_shows_its_progress_then_its_file(
    client, programme, manager, queued, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("manage_programme_report", args=[programme.pk]))
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("manage_report_export", args=[export.pk])
    assert len(callbacks) == 1 and export.status == Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert 'role="status" aria-live="polite"' in page and "progress.js" in page
    progress_url = reverse("manage_report_export_progress", args=[export.pk])
    data = client.get(progress_url).json()
    assert data["status"] == "queued" and not data["finished"]
    assert data["text"] == "Leyendo las cifras"
    ReportExport.objects.filter(pk=export.pk).update(status=Status.RUNNING, done=3, total=12)
    data = client.get(progress_url).json()
    assert (data["percent"], data["text"]) == (25, "Página 3 de unas 12")

    ReportExport.objects.filter(pk=export.pk).update(status=Status.QUEUED, done=0, total=0)
    assert tasks.report_export_run.delay(export.pk).get() == Status.DONE
    data = client.get(progress_url).json()
    assert data["finished"] and data["percent"] == 100
    page = client.get(reverse("manage_report_export", args=[export.pk])).content.decode()
    assert "http-equiv" not in page
    download = client.get(reverse("manage_report_export_download", args=[export.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert _content(download).startswith(b"%PDF")


def test_asking_again_while_under_way_returns_that_export(
    programme, manager, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first, created = _ask(programme, manager, h2="yes")
        again, created_again = _ask(programme, manager, h2="yes")
        other, other_created = _ask(programme, manager, h2="no")
    assert created and not created_again and again.pk == first.pk
    assert other_created and other.pk != first.pk
    assert len(callbacks) == 2
    # An export lost with its worker is sent to the queue again when asked for again.
    later = timezone.now() + jobs.STALE_AFTER + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks() as callbacks:
        lost, created = export_jobs.report_export_request(
            programme=programme,
            kind=Kind.TABLE_CSV,
            by=manager,
            language="es",
            parameters=export_jobs.table_parameters(h2="yes"),
            today=TODAY,
            now=later,
        )
    assert lost.pk == first.pk and not created and len(callbacks) == 1


def test_running_an_export_again_does_nothing(programme, manager):
    export, _ = _ask(programme, manager)
    assert export.status == Status.DONE
    name = export.file.name
    assert export_jobs.report_export_run(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.file.name == name


def test_a_failed_export_says_why_and_has_no_file(client, programme, manager, monkeypatch):
    def broken(table, progress=None):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(exports, "xlsx_bytes", broken)
    export, _ = _ask(programme, manager, kind=Kind.TABLE_XLSX)
    assert export.status == Status.FAILED and export.error == "out of memory"
    client.force_login(manager)
    page = client.get(reverse("manage_report_export", args=[export.pk])).content.decode()
    assert "out of memory" in page and 'role="alert"' in page
    download = reverse("manage_report_export_download", args=[export.pk])
    assert client.get(download).status_code == 404
    # A failed export does not stand in the way of asking again.
    monkeypatch.undo()
    assert _ask(programme, manager, kind=Kind.TABLE_XLSX)[1]


def test_older_files_are_deleted_keeping_the_newest_of_each_kind(programme, manager):
    tables = [_ask(programme, manager, order=f"{i}")[0] for i in range(export_jobs.KEEP_FILES)]
    report, _ = _ask(programme, manager, kind=Kind.REPORT_PDF)
    first_name = tables[0].file.name
    newer = [_ask(programme, manager, search=f"x{i}")[0] for i in range(2)]
    for export in (*tables, report, *newer):
        export.refresh_from_db()
    kept = [bool(export.file) for export in (*tables, *newer)]
    assert kept == [False, False] + [True] * (export_jobs.KEEP_FILES - 2) + [True, True]
    assert not default_storage.exists(first_name)
    assert report.file  # another kind, counted apart
    assert ReportExport.objects.count() == export_jobs.KEEP_FILES + 3  # the rows stay


def test_the_table_export_reports_its_rows_as_it_writes_them(monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    table = exports.Table(title="T", headers=["a"], rows=[[n] for n in range(5)])
    seen = []
    exports.csv_bytes(table, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_the_report_tells_its_pages_as_it_lays_them_out(programme):
    for _ in range(60):
        MunicipalityFactory(programme=programme)
    seen = []
    content = report_pdf.programme_report_pdf(
        programme,
        today=TODAY,
        language="es",
        progress=lambda done, total: seen.append((done, total)),
    )
    pages = content.count(b"/Type /Page\n") or content.count(b"/Type /Page")
    assert [done for done, _total in seen] == list(range(1, len(seen) + 1))
    assert all(total > done for done, total in seen)
    assert len(seen) >= 3 and pages >= 3


def test_export_pages_are_for_the_programmes_managers(client, programme, manager):
    export, _ = _ask(programme, manager)
    urls = [
        reverse("manage_report_export", args=[export.pk]),
        reverse("manage_report_export_progress", args=[export.pk]),
        reverse("manage_report_export_download", args=[export.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    official = MembershipFactory(municipality=programme.municipalities.first()).user
    tutor = MembershipFactory(municipality=None, programme=programme, role=Role.TUTOR).user
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    for person in (official, tutor, other_manager):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(UserFactory(is_staff=True))
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_the_recent_exports_cost_one_query_whatever_their_number(
    client, programme, manager, django_assert_num_queries
):
    client.force_login(manager)
    url = reverse("reporting_municipality_table", args=[programme.pk])
    client.get(url)  # warm up the calendar's caches, if any
    counts = []
    for size in (1, 6):
        while ReportExport.objects.count() < size:
            _ask(programme, manager, search=str(ReportExport.objects.count()))
        # The page's own (no course run here: no calendar), then one for the exports.
        with django_assert_num_queries(8) as captured:
            response = client.get(url)
        counts.append(len(captured))
        assert len(response.context["recent_exports"]) == size
    assert counts[0] == counts[1]


@pytest.mark.worker
@pytest.mark.postgres
def test_a_worker_makes_the_table_and_the_report(
    real_worker, client, programme, manager, monkeypatch
):
    monkeypatch.setattr(export_jobs, "INLINE_MAX_MUNICIPALITIES", dict.fromkeys(Kind.values, 0))
    client.force_login(manager)
    table = client.post(
        reverse("manage_municipality_table_export", args=[programme.pk, "xlsx"]),
        {"status": "selected"},
    )
    report = client.post(reverse("manage_programme_report", args=[programme.pk]))
    assert table.status_code == report.status_code == 302  # to the exports' pages
    deadline = time.monotonic() + 60
    while ReportExport.objects.filter(status__in=ReportExport.OPEN).exists():
        assert time.monotonic() < deadline, "the worker did not finish the exports"
        time.sleep(0.2)
    for export in ReportExport.objects.all():
        assert export.status == Status.DONE, export.error
        response = client.get(reverse("manage_report_export_download", args=[export.pk]))
        assert response.status_code == 200 and _content(response)

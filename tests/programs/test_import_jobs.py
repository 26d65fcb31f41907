"""Imports of municipalities as background jobs: lifecycle, progress, all or nothing, retries."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connections, transaction
from django.urls import reverse
from django.utils import timezone

from programs import import_jobs, importing, jobs, services, tasks
from programs.models import Membership, Municipality, MunicipalityImport, Role, User
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "codigo_municipio;municipio;region;estado;correo;nombre_completo;rol\r\n"
Status = MunicipalityImport.Status


def team_file(municipalities: int = 3, per_team: int = 2, extra: str = "") -> bytes:
    lines = [HEADER]
    for number in range(municipalities):
        code = f"{5000 + number:05d}"
        for person in range(per_team):
            lines.append(
                f"{code};Municipio {number};Antioquia;seleccionado;"
                f"p{person}.m{number}@equipo.example;Persona {person} de {number};"
                "funcionario\r\n"
            )
    return ("".join(lines) + extra).encode()


@pytest.fixture
def programme():
    return ProgrammeFactory()


@pytest.fixture
def manager(programme):
    user = UserFactory(full_name="Laura Restrepo Gómez")
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


@pytest.fixture
def request_import(programme, manager, django_capture_on_commit_callbacks):
    """Ask for an import or a check, and run its task as the commit would (eagerly)."""

    def request(data: bytes, *, dry_run=False, name="equipos.csv", execute=True):
        with django_capture_on_commit_callbacks(execute=execute):
            job = import_jobs.municipality_import_request(
                programme=programme,
                upload=SimpleUploadedFile(name, data),
                dry_run=dry_run,
                by=manager,
                language="es",
            )
        job.refresh_from_db()
        return job

    return request


def test_an_import_goes_from_queued_to_done_and_keeps_its_report(
    request_import, programme, mailoutbox, django_capture_on_commit_callbacks
):
    queued = request_import(team_file(), execute=False)
    assert (queued.status, queued.phase, queued.file_name) == (
        Status.QUEUED,
        "waiting",
        "equipos.csv",
    )
    assert queued.file and queued.file.name.startswith("municipality-imports/")
    assert not Municipality.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        job = import_jobs.municipality_import_run(import_id=queued.pk)
    job.refresh_from_db()
    assert (job.status, job.phase) == (Status.DONE, "finished")
    assert job.finished_at is not None and job.error == ""
    assert job.counts["municipalities_created"] == 3 and job.counts["people_created"] == 6
    assert job.counts["errors"] == 0 and job.errors == []
    report = import_jobs.report_of(job)
    assert report.written and report.rows_read == 6 and report.memberships_created == 6
    assert Municipality.objects.filter(programme=programme).count() == 3
    assert len(mailoutbox) == 6  # activation links, after the commit
    # The file, with its personal data, is deleted once imported.
    assert not job.file
    assert not MunicipalityImport.objects.filter(pk=job.pk).exclude(file="").exists()


def test_a_check_writes_nothing_and_keeps_the_file_to_import_it(request_import, manager):
    check = request_import(team_file(), dry_run=True)
    assert check.status == Status.DONE and check.dry_run
    assert import_jobs.report_of(check).municipalities_created == 3
    assert not Municipality.objects.exists() and not User.objects.exclude(pk=manager.pk).exists()
    assert import_jobs.can_be_imported(check)


def test_a_bad_line_makes_the_job_fail_and_nothing_is_imported(request_import, programme):
    bad = team_file(extra="05009;Caldas;Antioquia;retirado;ana@;Ana;funcionario\r\n")
    job = request_import(bad)
    assert job.status == Status.FAILED and job.error == ""
    assert job.counts["errors"] == 2
    assert [line for line, _column, _message in job.errors] == [8, 8]
    assert import_jobs.report_of(job).errors[0].column == "estado"
    assert not Municipality.objects.exists()
    assert not job.file


def test_an_unreadable_file_fails_with_its_reason(request_import):
    job = request_import(b"\x00\x01 not a spreadsheet", name="equipos.csv")
    assert job.status == Status.FAILED
    [[line, _column, message]] = job.errors
    assert line is None and "CSV o XLSX" in message  # in the language of who asked


def test_a_failure_while_saving_rolls_every_chunk_back(request_import, monkeypatch):
    """Rows are written in chunks inside one transaction: the last chunk's failure takes
    the earlier chunks with it."""
    monkeypatch.setattr(services, "_IMPORT_CHUNK", 2)
    real = Membership.objects.bulk_create
    calls = []

    def failing_bulk_create(objects, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise IntegrityError("a membership appeared meanwhile")
        return real(objects, *args, **kwargs)

    monkeypatch.setattr(Membership.objects, "bulk_create", failing_bulk_create)
    job = request_import(team_file())
    assert job.status == Status.FAILED
    assert "no se importó nada" in job.errors[0][2]
    assert not Municipality.objects.exists()
    assert not User.objects.filter(email__endswith="@equipo.example").exists()


def test_a_crash_marks_the_job_failed_and_changes_nothing(request_import, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "activation_emails_queue", crash)
    job = request_import(team_file())
    assert job.status == Status.FAILED and job.error == "disk full"
    assert import_jobs.report_of(job) is None
    assert not Municipality.objects.exists()


def test_progress_goes_through_the_lines_then_the_rows_written(request_import, monkeypatch):
    monkeypatch.setattr(import_jobs, "PROGRESS_INTERVAL", 0)
    monkeypatch.setattr(importing.checks, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(services, "_IMPORT_CHUNK", 2)
    seen = []
    real_write = import_jobs._ProgressWriter.write

    def spy(self, phase, done, total):
        seen.append((phase, done, total))
        real_write(self, phase, done, total)

    monkeypatch.setattr(import_jobs._ProgressWriter, "write", spy)
    job = request_import(team_file())
    assert job.status == Status.DONE
    checking = [(done, total) for phase, done, total in seen if phase == "checking"]
    saving = [(done, total) for phase, done, total in seen if phase == "saving"]
    assert checking == [(2, 6), (4, 6), (6, 6)]
    # 3 municipalities, 6 people, 6 memberships, two at a time.
    assert saving[0] == (0, 15) and saving[-1] == (15, 15)
    assert [done for done, _total in saving] == sorted(done for done, _total in saving)
    assert len(saving) == 1 + 2 + 3 + 3
    assert seen.index(("checking", 6, 6)) < seen.index(("saving", 0, 15))


def test_a_retried_task_imports_nothing_twice(request_import, mailoutbox):
    job = request_import(team_file())
    assert job.status == Status.DONE
    # The broker delivers the task again (acks late, a lost acknowledgement).
    assert tasks.municipality_import_run.delay(job.pk).get() is None
    job.refresh_from_db()
    assert job.counts["people_created"] == 6  # the report is the first run's
    assert len(mailoutbox) == 6
    assert Membership.objects.filter(role=Role.OFFICIAL).count() == 6


def test_a_job_left_running_by_a_dead_worker_is_taken_over(request_import):
    job = request_import(team_file(), execute=False)
    # A worker started it, then died: its transaction rolled back, the job says running.
    MunicipalityImport.objects.filter(pk=job.pk).update(status=Status.RUNNING)
    assert import_jobs.municipality_import_run(import_id=job.pk) is None  # still live
    stale = timezone.now() - jobs.STALE_AFTER - datetime.timedelta(seconds=1)
    MunicipalityImport.objects.filter(pk=job.pk).update(updated_at=stale)
    assert tasks.municipality_import_run.delay(job.pk).get() == Status.DONE
    assert Municipality.objects.count() == 3


def test_importing_a_check_hands_its_file_over_once(request_import, manager):
    check = request_import(team_file(), dry_run=True)
    job = import_jobs.municipality_import_from_check(checked=check, by=manager, language="es")
    check.refresh_from_db()
    assert not check.file and job.file and job.file_name == "equipos.csv"
    with pytest.raises(ValidationError, match="no longer kept"):
        import_jobs.municipality_import_from_check(checked=check, by=manager, language="es")


def test_only_the_last_checks_keep_their_files(request_import):
    checks = [request_import(team_file(), dry_run=True) for _ in range(4)]
    for check in checks:
        check.refresh_from_db()
    assert [bool(check.file) for check in checks] == [False, True, True, True]


# --- Pages ------------------------------------------------------------------------


def test_the_progress_json_of_a_queued_then_finished_job(
    client, request_import, manager, django_capture_on_commit_callbacks
):
    job = request_import(team_file(), execute=False)
    client.force_login(manager)
    url = reverse("manage_import_job_progress", args=[job.pk])
    data = client.get(url).json()
    assert data == {
        "status": "queued",
        "status_label": "En cola",
        "phase": "waiting",
        "done": 0,
        "total": 0,
        "percent": 0,
        "finished": False,
        "text": "Esperando su turno",
    }
    page = client.get(reverse("manage_import_job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page  # without JavaScript
    assert 'role="status" aria-live="polite"' in page
    assert "progress.js" in page
    MunicipalityImport.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, phase="saving", done=500, total=2000
    )
    data = client.get(url).json()
    assert (data["percent"], data["text"]) == (25, "Guardando: 500 de 2\u00a0000")

    MunicipalityImport.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    import_jobs.municipality_import_run(import_id=job.pk)
    response = client.get(url)
    assert response["Cache-Control"] == "no-store"
    assert response.json()["finished"] and response.json()["percent"] == 100


def test_import_pages_are_for_the_programmes_managers(client, request_import, programme):
    job = request_import(team_file())
    urls = [
        reverse("manage_import_job", args=[job.pk]),
        reverse("manage_import_job_progress", args=[job.pk]),
    ]
    apply_url = reverse("manage_import_job_apply", args=[job.pk])
    for url in urls:
        assert client.get(url).status_code == 302  # to log in
    official = MembershipFactory(municipality=MunicipalityFactory(programme=programme)).user
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    for person in (official, other_manager):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [404, 404]
        assert client.post(apply_url).status_code == 404
        listing = client.get(reverse("manage_import", args=[programme.pk]))
        assert listing.status_code == 404
    client.force_login(UserFactory(is_staff=True))  # administrators see every programme
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_the_import_page_lists_recent_jobs_in_bounded_queries(
    client, request_import, manager, programme, django_assert_num_queries
):
    client.force_login(manager)
    url = reverse("manage_import", args=[programme.pk])
    request_import(team_file(extra="05009;Caldas;;retirado;;;\r\n"))  # a failed one
    counts = []
    for size in (2, 8):
        while MunicipalityImport.objects.count() < size:
            request_import(team_file(), dry_run=True)
        # Session, person, the access check, the menu's roles, the recent imports.
        with django_assert_num_queries(5) as captured:
            page = client.get(url)
        counts.append(len(captured))
        assert len(page.context["recent"]) == size
    assert counts[0] == counts[1]
    html = page.content.decode()
    assert "Correcto: aún no se importó nada" in html
    assert "1 error: no se importó nada" in html


# --- PostgreSQL: progress others can see while the rows wait in the transaction ------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_from_outside_while_the_rows_are_not(programme, manager, monkeypatch):
    monkeypatch.setattr(import_jobs, "PROGRESS_INTERVAL", 0)
    monkeypatch.setattr(services, "_IMPORT_CHUNK", 2)
    job = MunicipalityImport.objects.create(
        programme=programme, requested_by=manager, file_name="equipos.csv", language="es"
    )
    job.file.save("equipos.csv", SimpleUploadedFile("equipos.csv", team_file()))
    outside = connections.create_connection("default")
    seen = []
    real_write = import_jobs._ProgressWriter.write

    def look_from_outside(self, phase, done, total):
        real_write(self, phase, done, total)
        if phase == "saving" and 0 < done < total:
            with outside.cursor() as cursor:
                cursor.execute(
                    "SELECT phase, done FROM programs_municipalityimport WHERE id = %s", [job.pk]
                )
                row = cursor.fetchone()
                cursor.execute(
                    "SELECT count(*) FROM programs_municipality WHERE programme_id = %s",
                    [programme.pk],
                )
                seen.append((*row, cursor.fetchone()[0]))

    monkeypatch.setattr(import_jobs._ProgressWriter, "write", look_from_outside)
    try:
        assert transaction.get_autocommit()
        import_jobs.municipality_import_run(import_id=job.pk)
    finally:
        outside.close()
    assert seen, "progress was written while saving"
    # Another connection saw every step as it was written, and none of the rows.
    assert all(phase == "saving" and municipalities == 0 for phase, _done, municipalities in seen)
    assert [done for _phase, done, _m in seen] == sorted({done for _p, done, _m in seen})
    job.refresh_from_db()
    assert job.status == Status.DONE and Municipality.objects.count() == 3


# --- A real worker --------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.postgres
def test_a_worker_checks_then_imports_a_file(real_worker, programme, manager):
    def wait_for(job):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if not job.is_open:
                return job
            time.sleep(0.2)
        pytest.fail("the worker did not finish the import")

    check = import_jobs.municipality_import_request(
        programme=programme,
        upload=SimpleUploadedFile("equipos.csv", team_file()),
        dry_run=True,
        by=manager,
        language="es",
    )
    check = wait_for(check)
    assert check.status == Status.DONE and check.counts["municipalities_created"] == 3
    assert not Municipality.objects.exists()
    job = wait_for(
        import_jobs.municipality_import_from_check(checked=check, by=manager, language="es")
    )
    assert job.status == Status.DONE and job.counts["people_created"] == 6
    assert Municipality.objects.filter(programme=programme).count() == 3

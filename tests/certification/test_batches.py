"""Bulk issuance for a course run and the ZIP of its certificates, as background batches."""

import datetime
import io
import threading
import zipfile

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from certification import batches, services, tasks
from certification.models import Certificate, CertificateBatch
from courses import services as course_services
from programs import jobs
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(run):
    return MembershipFactory(municipality=None, programme=run.programme, role=Role.MANAGER).user


def _enrol(run, municipality, name=None):
    official = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
    if name:
        official.full_name = name
        official.save()
    enrolment, _ = course_services.enrolment_create(
        user=official, course_run=run, municipality=municipality
    )
    return enrolment


@pytest.fixture
def cohort(run, municipality, activities, manager):
    """Three eligible; one with the hours but too little measured time; one without hours;
    one with hours and time but no activity complete; one eligible who has withdrawn."""
    eligible = [make_eligible(_enrol(run, municipality)) for _ in range(3)]
    short_of_time = make_eligible(_enrol(run, municipality))
    short_of_time.active_seconds = 0
    short_of_time.save()
    no_hours = _enrol(run, municipality)
    # The hours by a tutor's adjustment and the time measured, but no activity complete.
    adjusted = _enrol(run, municipality)
    required = eligible[0].course_run.course.required_seconds
    course_services.credited_time_adjust(
        enrolment=adjusted, seconds=required, reason="Horas presenciales", recorded_by=manager
    )
    adjusted.refresh_from_db()
    adjusted.active_seconds = required
    adjusted.save()
    withdrawn = course_services.enrolment_withdraw(
        enrolment=make_eligible(_enrol(run, municipality))
    )
    return {
        "eligible": eligible,
        "short_of_time": short_of_time,
        "no_hours": no_hours,
        "adjusted": adjusted,
        "withdrawn": withdrawn,
    }


def _request_and_run(run, manager, kind, capture):
    with capture(execute=True):
        batch, created = batches.certificate_batch_request(course_run=run, kind=kind, by=manager)
    batch.refresh_from_db()
    return batch, created


def test_bulk_issuance_certifies_exactly_the_eligible(
    run, cohort, manager, signing_key, django_capture_on_commit_callbacks
):
    batch, created = _request_and_run(
        run, manager, CertificateBatch.Kind.ISSUE, django_capture_on_commit_callbacks
    )

    assert created
    assert batch.status == CertificateBatch.Status.DONE and batch.finished_at
    # Four pass the cheap filter (hours and measured time); three meet the whole rule.
    assert (batch.total, batch.done, batch.issued) == (4, 4, 3)
    certified = set(
        Certificate.objects.filter(status=Certificate.Status.VALID).values_list(
            "enrolment_id", flat=True
        )
    )
    assert certified == {enrolment.pk for enrolment in cohort["eligible"]}
    assert batches.uncertified_with_hours(run) == 1  # has the hours, not the rest


def test_a_second_run_issues_nothing_more_and_a_finished_batch_does_nothing(
    run, cohort, manager, signing_key, django_capture_on_commit_callbacks
):
    first, _ = _request_and_run(
        run, manager, CertificateBatch.Kind.ISSUE, django_capture_on_commit_callbacks
    )
    assert batches.certificate_batch_run(batch_id=first.pk) is None  # finished: nothing to do
    assert tasks.certificate_batch_run.delay(first.pk).get() is None

    second, created = _request_and_run(
        run, manager, CertificateBatch.Kind.ISSUE, django_capture_on_commit_callbacks
    )

    assert created and second.pk != first.pk
    assert (second.total, second.issued) == (1, 0)  # only the adjusted one is left to check
    assert Certificate.objects.count() == 3


def test_an_interrupted_batch_continues_where_it_stopped(
    run, cohort, manager, signing_key, django_capture_on_commit_callbacks
):
    first_eligible = cohort["eligible"][0]
    services.certificate_issue(enrolment_id=first_eligible.pk)
    # As a worker that died after its first step would have left it.
    batch = CertificateBatch.objects.create(
        course_run=run,
        kind=CertificateBatch.Kind.ISSUE,
        requested_by=manager,
        status=CertificateBatch.Status.RUNNING,
        total=4,
        done=1,
        issued=1,
        cursor=first_eligible.pk,
    )
    fresh = tasks.certificate_batch_run.delay(batch.pk).get()
    assert fresh is None, "a running batch with recent progress belongs to its live worker"
    CertificateBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - jobs.STALE_AFTER - datetime.timedelta(seconds=1)
    )

    assert tasks.certificate_batch_run.delay(batch.pk).get() == CertificateBatch.Status.DONE

    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.issued) == (4, 4, 3)
    assert Certificate.objects.filter(status=Certificate.Status.VALID).count() == 3


def test_asking_again_while_a_batch_runs_returns_that_batch(
    run, cohort, manager, signing_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        first, created = batches.certificate_batch_request(
            course_run=run, kind=CertificateBatch.Kind.ISSUE, by=manager
        )
        again, created_again = batches.certificate_batch_request(
            course_run=run, kind=CertificateBatch.Kind.ISSUE, by=manager
        )
        zip_batch, zip_created = batches.certificate_batch_request(
            course_run=run, kind=CertificateBatch.Kind.ZIP, by=manager
        )

    assert created and not created_again and again.pk == first.pk
    assert zip_created and zip_batch.pk != first.pk  # another kind runs beside it
    assert len(queued) == 2  # one task per batch, none for the second click
    assert CertificateBatch.objects.count() == 2


def test_the_database_refuses_two_open_batches_of_a_kind(run, manager):
    CertificateBatch.objects.create(course_run=run, kind=CertificateBatch.Kind.ISSUE)
    with pytest.raises(IntegrityError):
        CertificateBatch.objects.create(
            course_run=run, kind=CertificateBatch.Kind.ISSUE, status=CertificateBatch.Status.RUNNING
        )


def test_a_batch_lost_with_its_worker_is_queued_again(
    run, manager, django_capture_on_commit_callbacks
):
    lost = CertificateBatch.objects.create(
        course_run=run, kind=CertificateBatch.Kind.ISSUE, status=CertificateBatch.Status.RUNNING
    )
    later = timezone.now() + jobs.STALE_AFTER + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks() as queued:
        batch, created = batches.certificate_batch_request(
            course_run=run, kind=CertificateBatch.Kind.ISSUE, by=manager, now=later
        )
    assert batch.pk == lost.pk and not created and len(queued) == 1


def test_without_a_signing_key_the_batch_fails_and_says_why(
    run, cohort, manager, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_KEYS_DIR = tmp_path
    batch, _ = _request_and_run(
        run, manager, CertificateBatch.Kind.ISSUE, django_capture_on_commit_callbacks
    )
    assert batch.status == CertificateBatch.Status.FAILED
    assert "certificate_key_generate" in batch.error
    # A failed batch does not block asking again.
    assert batches.certificate_batch_request(
        course_run=run, kind=CertificateBatch.Kind.ISSUE, by=manager
    )[1]


def test_the_zip_holds_every_valid_certificate_as_issued(
    run, municipality, activities, manager, signing_key, django_capture_on_commit_callbacks
):
    names = ["Ana María Pérez", "Juan/Pablo: Gómez?", "Luz Dary Ortiz"]
    certificates = [
        services.certificate_issue(enrolment_id=make_eligible(_enrol(run, municipality, name)).pk)
        for name in names
    ]
    services.certificate_revoke(certificate=certificates[2], reason="error", by=manager)

    batch, _ = _request_and_run(
        run, manager, CertificateBatch.Kind.ZIP, django_capture_on_commit_callbacks
    )

    assert batch.status == CertificateBatch.Status.DONE
    assert (batch.total, batch.done) == (2, 2)
    with batch.archive.open("rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    expected = {}
    for certificate in certificates[:2]:
        with certificate.pdf.open("rb") as issued:
            expected[batches.pdf_file_name(certificate)] = issued.read()
    assert sorted(archive.namelist()) == sorted(expected)
    for name, content in expected.items():
        assert archive.read(name) == content
    risky = batches.pdf_file_name(certificates[1])
    assert "/" not in risky and ":" not in risky and "?" not in risky
    assert risky.endswith(" Juan Pablo Gómez.pdf")
    assert risky.startswith(certificates[1].short_code[:4] + "-")


def test_a_new_zip_replaces_the_older_one(
    run, municipality, activities, manager, signing_key, django_capture_on_commit_callbacks
):
    services.certificate_issue(enrolment_id=make_eligible(_enrol(run, municipality)).pk)
    first, _ = _request_and_run(
        run, manager, CertificateBatch.Kind.ZIP, django_capture_on_commit_callbacks
    )
    old_name = first.archive.name
    storage = first.archive.storage
    assert storage.exists(old_name)

    second, _ = _request_and_run(
        run, manager, CertificateBatch.Kind.ZIP, django_capture_on_commit_callbacks
    )

    first.refresh_from_db()
    assert not first.archive and not storage.exists(old_name)
    assert second.archive and storage.exists(second.archive.name)
    assert batches.archive_latest(run) == second


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_make_one_batch(run, manager, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.certificate_batch_run, "delay", queued.append)
    count = 6
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def ask(index):
        try:
            barrier.wait()
            results[index] = batches.certificate_batch_request(
                course_run=run, kind=CertificateBatch.Kind.ISSUE, by=manager
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert CertificateBatch.objects.count() == 1
    assert len({batch.pk for batch, _ in results}) == 1
    assert [created for _, created in results].count(True) == 1
    assert len(queued) == 1

"""A tutor's sign-off, when the course asks for it; the official's own certificate download."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certification import selectors, services
from certification.models import Certificate, TutorSignOff
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signoff_course(enrolment):
    course = enrolment.course_run.course
    course.requires_tutor_signoff = True
    course.save()
    return course


def test_a_course_that_asks_for_a_signoff_waits_for_it(
    enrolment, signoff_course, tutor, signing_key, django_capture_on_commit_callbacks
):
    make_eligible(enrolment)
    eligibility = selectors.eligibility_of(enrolment)
    assert eligibility.hours_met and eligibility.activities_met
    assert not eligibility.signoff_met and not eligibility.eligible
    assert services.certificate_issue(enrolment_id=enrolment.pk) is None

    with django_capture_on_commit_callbacks(execute=True):
        services.tutor_signoff_record(enrolment=enrolment, by=tutor, note="Buen trabajo")

    # The sign-off queues the eligibility check (eager in tests): the certificate follows.
    assert Certificate.objects.filter(enrolment=enrolment, status="valid").count() == 1
    assert selectors.eligibility_of(enrolment).signoff_met


def test_a_signoff_is_recorded_once_and_cannot_be_withdrawn_after_issuance(
    enrolment, signoff_course, tutor, signing_key, django_capture_on_commit_callbacks
):
    services.tutor_signoff_record(enrolment=enrolment, by=tutor)
    services.tutor_signoff_record(enrolment=enrolment, by=tutor)
    assert TutorSignOff.objects.filter(enrolment=enrolment).count() == 1
    services.tutor_signoff_withdraw(enrolment=enrolment)
    assert not TutorSignOff.objects.exists()

    make_eligible(enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        services.tutor_signoff_record(enrolment=enrolment, by=tutor)
    with pytest.raises(ValidationError, match="revoke"):
        services.tutor_signoff_withdraw(enrolment=enrolment)


def test_courses_without_signoff_do_not_ask_for_one(enrolment, signing_key):
    make_eligible(enrolment)
    assert selectors.eligibility_of(enrolment).eligible


def test_the_tutor_signs_off_from_the_learners_page(
    client, enrolment, signoff_course, tutor, signing_key, django_capture_on_commit_callbacks
):
    make_eligible(enrolment)
    client.force_login(tutor)
    page = client.get(reverse("tutor_enrolment", args=[enrolment.pk]))
    assert "Falta la aprobación de un tutor" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tutor_signoff", args=[enrolment.pk]), {"note": "Completo"})

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Un tutor ha dado su aprobación" in page
    assert "Certificado emitido" in page


def test_officials_managers_and_other_tutors_cannot_sign_off(
    client, enrolment, signoff_course, run
):
    client.force_login(enrolment.user)
    assert client.post(reverse("tutor_signoff", args=[enrolment.pk])).status_code == 404
    manager = MembershipFactory(municipality=None, programme=run.programme, role=Role.MANAGER)
    client.force_login(manager.user)  # follows the run, does not grade
    assert client.post(reverse("tutor_signoff", args=[enrolment.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.post(reverse("tutor_signoff", args=[enrolment.pk])).status_code == 404
    assert not TutorSignOff.objects.exists()


def test_the_official_downloads_the_certificate_as_issued(client, enrolment, signing_key):
    make_eligible(enrolment)
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    client.force_login(enrolment.user)

    hours_page = client.get(reverse("my_hours", args=[enrolment.course_run_id])).content.decode()
    response = client.get(reverse("my_certificate_pdf", args=[enrolment.course_run_id]))

    assert "Descargar el certificado (PDF)" in hours_page and "openbadge.jwt" in hours_page
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == certificate.pdf_sha256
    assert certificate.pdf_sha256 and len(certificate.pdf_sha256) == 64


def test_nobody_else_downloads_an_officials_certificate(client, enrolment, signing_key):
    make_eligible(enrolment)
    services.certificate_issue(enrolment_id=enrolment.pk)
    client.force_login(UserFactory())
    url = reverse("my_certificate_pdf", args=[enrolment.course_run_id])
    assert client.get(url).status_code == 404


def test_a_revoked_certificate_is_shown_revoked_and_not_downloadable(
    client, enrolment, signing_key, tutor
):
    make_eligible(enrolment)
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    services.certificate_revoke(certificate=certificate, reason="error", by=tutor)
    client.force_login(enrolment.user)

    page = client.get(reverse("my_hours", args=[enrolment.course_run_id])).content.decode()

    assert "El certificado fue revocado" in page
    url = reverse("my_certificate_pdf", args=[enrolment.course_run_id])
    assert client.get(url).status_code == 404

"""Issuing, revoking and re-issuing certificates; H2 follows; signatures verify."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from certification import cose, keys, services
from certification.models import Certificate
from courses import services as course_services
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_eligible_official_gets_one_signed_certificate(enrolment, signing_key):
    make_eligible(enrolment)
    enrolment.user.full_name = "Jose\u0301 Pe\u0301rez"  # decomposed accents
    enrolment.user.save()

    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    again = services.certificate_issue(enrolment_id=enrolment.pk)

    assert again == certificate
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert certificate.name_printed == "José Pérez"  # NFC
    assert certificate.hours == 6 and certificate.course_code == enrolment.course_run.course.code
    assert certificate.course_run_id == enrolment.course_run_id  # kept for the lists
    verified = cose.verify(bytes(certificate.signed_payload), public_keys=keys.public_keys())
    assert verified.kid == signing_key.kid
    assert verified.claims["n"] == "José Pérez"
    assert verified.claims["si"] == certificate.status_index
    assert len(certificate.short_code) == 12


def test_nobody_is_certified_before_meeting_the_rule(enrolment, signing_key):
    assert services.certificate_issue(enrolment_id=enrolment.pk) is None
    assert not Certificate.objects.exists()


def test_without_a_signing_key_issuance_says_what_to_do(enrolment, settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path
    make_eligible(enrolment)
    with pytest.raises(ValidationError, match="certificate_key_generate"):
        services.certificate_issue(enrolment_id=enrolment.pk)


def test_the_database_refuses_a_second_valid_certificate(enrolment, signing_key):
    make_eligible(enrolment)
    first = services.certificate_issue(enrolment_id=enrolment.pk)
    first.pk = None
    first.serial, first.short_code, first.status_index = (
        first.serial.__class__(int=first.serial.int + 1),
        "000000000000",
        first.status_index + 1,
    )
    with pytest.raises(IntegrityError):
        first.save()


def test_revoking_needs_a_reason_and_is_not_undone_by_a_later_check(enrolment, signing_key):
    make_eligible(enrolment)
    certificate = services.certificate_issue(enrolment_id=enrolment.pk)
    manager = MembershipFactory(
        municipality=None, programme=enrolment.course_run.programme, role=Role.MANAGER
    ).user
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason="", by=manager)

    revoked = services.certificate_revoke(
        certificate=certificate, reason="error", by=manager, note="Horas mal cargadas"
    )
    assert revoked.status == Certificate.Status.REVOKED and revoked.revoked_at
    assert services.certificate_issue(enrolment_id=enrolment.pk) is None


def test_correcting_the_name_supersedes_the_old_certificate(enrolment, signing_key):
    make_eligible(enrolment)
    old = services.certificate_issue(enrolment_id=enrolment.pk)

    new = services.certificate_reissue_with_name(certificate=old, name="Josefina Pérez Gómez")

    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED and old.superseded_by == new
    assert new.status == Certificate.Status.VALID and new.name_printed == "Josefina Pérez Gómez"
    assert new.short_code != old.short_code and new.status_index != old.status_index
    assert services.certificate_issue(enrolment_id=enrolment.pk) == new


def test_completing_the_last_requirement_issues_it_after_the_commit(
    enrolment, activities, signing_key, django_capture_on_commit_callbacks
):
    course = enrolment.course_run.course
    course.required_seconds = sum(activity.nominal_seconds for activity in activities)
    course.save()
    enrolment.active_seconds = course.required_seconds
    enrolment.save()
    with django_capture_on_commit_callbacks(execute=True):
        for activity in activities:
            course_services.activity_complete_by_result(
                enrolment_id=enrolment.pk, activity_id=activity.pk, source=activity.completion_rule
            )
    assert Certificate.objects.get(enrolment=enrolment).status == Certificate.Status.VALID


def test_h2_is_reached_at_ten_certified_officials_and_undone_by_a_revocation(
    run, municipality, signing_key
):
    enrolments = []
    for _ in range(10):
        official = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
        enrolment, _ = course_services.enrolment_create(
            user=official, course_run=run, municipality=municipality
        )
        enrolments.append(enrolment)
    certificates = []
    for enrolment in enrolments:
        make_eligible(enrolment)
        certificates.append(services.certificate_issue(enrolment_id=enrolment.pk))
        municipality.refresh_from_db()
        assert (municipality.h2_reached_on is not None) == (len(certificates) == 10)

    manager = MembershipFactory(municipality=None, programme=run.programme, role=Role.MANAGER).user
    services.certificate_revoke(certificate=certificates[0], reason="error", by=manager)
    municipality.refresh_from_db()
    assert municipality.h2_reached_on is None

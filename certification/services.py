"""Issuing, revoking and re-issuing certificates; each verb is one transaction.

Issuance is idempotent: the enrolment is locked, an existing valid
certificate is returned as is, and the partial unique constraint
(one valid certificate per enrolment) settles any race the lock did not.
Every change records the municipality's H2 state through `programs.services`.
"""

import datetime
import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import codes, cose, keys, pdf, selectors
from certification.claims import CertificateClaims
from certification.models import Certificate, RevocationReason, TutorSignOff
from courses.models import Enrolment
from programs import selectors as programs_selectors
from programs import services as programs_services
from programs.models import User

# Positions in the Bitstring Status List: W3C asks for at least 131,072 entries
# so that a certificate's position says nothing about when it was issued.
STATUS_LIST_SIZE = 131_072


def _status_index_free() -> int:
    while True:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if not Certificate.objects.filter(status_index=index).exists():
            return index


def _short_code_free() -> str:
    while True:
        code = codes.short_code_new()
        if not Certificate.objects.filter(short_code=code).exists():
            return code


def _new_certificate(enrolment: Enrolment, *, name: str, final_grade, now) -> Certificate:
    course = enrolment.course_run.course
    signing_key, private_key = keys.signing_key_current()
    certificate = Certificate(
        enrolment=enrolment,
        course_run_id=enrolment.course_run_id,
        serial=codes.serial_new(),
        short_code=_short_code_free(),
        name_printed=unicodedata.normalize("NFC", name.strip()),
        course_code=course.code,
        course_title=course.title,
        programme_name=enrolment.course_run.programme.name,
        issuer=settings.SITE_URL,
        hours=course.required_seconds // 3600,
        final_grade=final_grade,
        completed_on=timezone.localdate(now),
        issued_at=now,
        status_index=_status_index_free(),
        signing_key=signing_key,
    )
    claims = CertificateClaims(
        issuer=certificate.issuer,
        issued_at=now,
        serial=certificate.serial,
        course_code=certificate.course_code,
        name=certificate.name_printed,
        course_title=certificate.course_title,
        hours=certificate.hours,
        completed_on=certificate.completed_on,
        status_index=certificate.status_index,
    )
    certificate.signed_payload = cose.sign(
        claims.as_cbor_map(), private_key=private_key, kid=signing_key.kid
    )
    _pdf_attach(certificate)
    return certificate


def _pdf_attach(certificate: Certificate) -> None:
    """Render the PDF once, as issued, and keep its SHA-256 for the public comparison.

    Written before the row is saved: a rolled-back issuance leaves an unused
    file named by a serial no certificate has, never a certificate without its PDF.
    """
    document = pdf.certificate_pdf(certificate)
    certificate.pdf_sha256 = hashlib.sha256(document).hexdigest()
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(document), save=False)


def _h2_refresh(enrolment: Enrolment, *, now: datetime.datetime) -> None:
    municipality = enrolment.municipality
    if municipality is None:
        return
    officials = programs_selectors.current_official_ids(municipality)
    certified = (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            enrolment__municipality=municipality,
            enrolment__user_id__in=officials,
        )
        .values("enrolment__user_id")
        .distinct()
        .count()
    )
    programs_services.municipality_h2_record(
        municipality_id=municipality.pk, certified_officials=certified, on=timezone.localdate(now)
    )


def _lock(enrolment_id: int) -> Enrolment | None:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course_run__course", "course_run__programme", "user", "municipality")
        .filter(pk=enrolment_id)
        .first()
    )


def certificate_issue(
    *, enrolment_id: int, now: datetime.datetime | None = None
) -> Certificate | None:
    """The enrolment's valid certificate, issued now if the person is eligible; else None."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            enrolment = _lock(enrolment_id)
            if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
                return None
            existing = enrolment.certificates.filter(status=Certificate.Status.VALID).first()
            if existing is not None:
                return existing
            if enrolment.certificates.filter(status=Certificate.Status.REVOKED).exists():
                return None  # a manager revoked it: only a person may decide to issue again
            eligibility = selectors.eligibility_of(enrolment)
            if not eligibility.eligible:
                return None
            certificate = _new_certificate(
                enrolment,
                name=enrolment.user.full_name,
                final_grade=eligibility.figures.final_grade,
                now=now,
            )
            certificate.save()
            _h2_refresh(enrolment, now=now)
            return certificate
    except IntegrityError:
        # Another worker issued it between our check and our insert.
        return Certificate.objects.filter(
            enrolment_id=enrolment_id, status=Certificate.Status.VALID
        ).first()


@transaction.atomic
def certificate_revoke(
    *,
    certificate: Certificate,
    reason: str,
    by: User,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Certificate:
    """Revoke a valid certificate; it stays, shown publicly as revoked with its date."""
    now = now or timezone.now()
    if reason not in RevocationReason.values:
        raise ValidationError(_("Choose why the certificate is revoked."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.VALID:
        raise ValidationError(_("Only a valid certificate can be revoked."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = now
    certificate.revocation_reason = reason
    certificate.revocation_note = note.strip()
    certificate.revoked_by = by
    certificate.save()
    _h2_refresh(certificate.enrolment, now=now)
    return certificate


@transaction.atomic
def certificate_reissue_with_name(
    *, certificate: Certificate, name: str, now: datetime.datetime | None = None
) -> Certificate:
    """Correct the printed name: a new certificate, and the old one superseded by it."""
    now = now or timezone.now()
    if not name.strip():
        raise ValidationError(_("Give the name as it must be printed."))
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.status != Certificate.Status.VALID:
        raise ValidationError(_("Only a valid certificate can be re-issued."))
    enrolment = _lock(old.enrolment_id)
    old.status = Certificate.Status.SUPERSEDED
    old.save(update_fields=["status"])
    new = _new_certificate(enrolment, name=name, final_grade=old.final_grade, now=now)
    new.save()
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    _h2_refresh(enrolment, now=now)
    return new


def tutor_signoff_record(*, enrolment: Enrolment, by: User, note: str = "") -> TutorSignOff:
    """A tutor confirms the official may be certified; eligibility is checked again after it."""
    from certification import tasks  # tasks import services: import here to avoid the cycle

    with transaction.atomic():
        signoff, _created = TutorSignOff.objects.get_or_create(
            enrolment=enrolment, defaults={"signed_by": by, "note": note.strip()}
        )
        transaction.on_commit(lambda: tasks.certificate_issue_if_eligible.delay(enrolment.pk))
    return signoff


@transaction.atomic
def tutor_signoff_withdraw(*, enrolment: Enrolment) -> None:
    """Take a sign-off back; refused once the certificate is issued (revoke it instead)."""
    enrolment = _lock(enrolment.pk)  # an issuance under way finishes first
    if enrolment.certificates.filter(status=Certificate.Status.VALID).exists():
        raise ValidationError(
            _("The certificate is already issued: a manager can revoke it if it must not stand.")
        )
    TutorSignOff.objects.filter(enrolment=enrolment).delete()


# --- Issuing one certificate on request (the API), with the reasons when it cannot be ---


def _hours(seconds: int) -> str:
    return f"{seconds / 3600:.1f}"


def _refusal(enrolment: Enrolment) -> list[str]:
    """Why the enrolment cannot be certified now, one sentence a reason."""
    if enrolment.status != Enrolment.Status.ACTIVE:
        return [_("The enrolment is withdrawn.")]
    if enrolment.certificates.filter(status=Certificate.Status.REVOKED).exists():
        return [_("Its certificate was revoked: a revoked certificate is not issued again here.")]
    eligibility = selectors.eligibility_of(enrolment)
    reasons = []
    if not eligibility.hours_met:
        reasons.append(
            _("%(hours)s credited hours are missing.")
            % {"hours": _hours(eligibility.missing_credited_seconds)}
        )
    if not eligibility.measured_time_met:
        reasons.append(
            _("%(hours)s hours of measured study time are missing.")
            % {"hours": _hours(eligibility.missing_measured_seconds)}
        )
    if not eligibility.activities_met:
        reasons.append(_("Some required activities are not complete."))
    if not eligibility.grade_met:
        reasons.append(_("The final grade is below the pass grade."))
    if not eligibility.signoff_met:
        reasons.append(_("A tutor has not signed off yet."))
    return reasons or [_("The official does not meet the rule yet.")]


def certificate_issue_on_request(*, enrolment: Enrolment) -> tuple[Certificate, bool]:
    """The enrolment's valid certificate, issued now if needed: (certificate, issued now).

    Refused with the reasons (a ValidationError) when the official is not eligible.
    """
    now = timezone.now()
    certificate = certificate_issue(enrolment_id=enrolment.pk, now=now)
    if certificate is None:
        raise ValidationError(_refusal(enrolment))
    # Issued by this call only if it bears this call's time (a concurrent call's
    # certificate, or one issued before, does not).
    return certificate, certificate.issued_at == now

"""Reads for certification: what a person has met of the rule, and what is missing."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet

from assessments import rules as grade_rules
from assessments.selectors import gradebook as gradebook_selectors
from certification import cose, keys, rules
from certification.models import Certificate, TutorSignOff
from courses import selectors as course_selectors
from courses.models import GRADED_KINDS, ActivityProgress, Enrolment
from programs import selectors as programs_selectors


@dataclass(frozen=True)
class Eligibility:
    """The rule applied to one enrolment, with what the explanation needs."""

    figures: rules.Figures
    measured_required_seconds: int
    module_gaps: list[tuple[int, str, int, list[rules.Gap]]]
    graded_gaps: list[rules.Gap]  # quizzes not passed, assignments not graded
    final_on_scale: Decimal | None
    pass_on_scale: Decimal
    scale_maximum: int

    @property
    def hours_met(self) -> bool:
        return rules.hours_met(self.figures)

    @property
    def measured_time_met(self) -> bool:
        return rules.measured_time_met(self.figures)

    @property
    def activities_met(self) -> bool:
        return rules.activities_met(self.figures)

    @property
    def grade_met(self) -> bool:
        return rules.grade_met(self.figures)

    @property
    def signoff_met(self) -> bool:
        return rules.signoff_met(self.figures)

    @property
    def eligible(self) -> bool:
        return rules.eligible(self.figures)

    @property
    def missing_credited_seconds(self) -> int:
        return max(0, self.figures.required_seconds - self.figures.credited_seconds)

    @property
    def missing_measured_seconds(self) -> int:
        return max(0, self.measured_required_seconds - self.figures.active_seconds)


def _gaps(enrolment: Enrolment) -> list[rules.Gap]:
    completed = ActivityProgress.objects.filter(
        enrolment=enrolment, completed_at__isnull=False
    ).values("activity_id")
    rows = (
        course_selectors.live_activities()
        .filter(module__course_id=enrolment.course_run.course_id, required=True)
        .exclude(pk__in=completed)
        .order_by("module__position", "position")
        .values("module__position", "module__title", "title", "kind", "nominal_seconds")
    )
    return [
        rules.Gap(
            module_position=row["module__position"],
            module_title=row["module__title"],
            title=row["title"],
            kind=row["kind"],
            nominal_seconds=row["nominal_seconds"],
        )
        for row in rows
    ]


def has_required_hours(enrolment_id: int) -> bool:
    """The first requirement alone, in one query: most checks stop here."""
    return Enrolment.objects.filter(
        pk=enrolment_id, credited_seconds__gte=F("course_run__course__required_seconds")
    ).exists()


def eligibility_of(enrolment: Enrolment) -> Eligibility:
    """What the person has met of the certification rule (a fixed number of queries)."""
    course = enrolment.course_run.course
    grades = gradebook_selectors.learner_grades(enrolment)
    gaps = _gaps(enrolment)
    figures = rules.Figures(
        required_seconds=course.required_seconds,
        measured_share=course.measured_share,
        credited_seconds=enrolment.credited_seconds,
        active_seconds=enrolment.active_seconds,
        gaps=gaps,
        final_grade=grades.final,
        pass_grade=grades.layout.pass_grade,
        graded=bool(grades.layout.items),
        signoff_required=course.requires_tutor_signoff,
        signed_off=course.requires_tutor_signoff
        and TutorSignOff.objects.filter(enrolment_id=enrolment.pk).exists(),
    )
    return Eligibility(
        figures=figures,
        measured_required_seconds=rules.measured_seconds_required(figures),
        module_gaps=rules.gaps_by_module(gaps),
        graded_gaps=[gap for gap in gaps if gap.kind in GRADED_KINDS],
        final_on_scale=grades.final_on_scale,
        pass_on_scale=grades.layout.pass_on_scale,
        scale_maximum=grade_rules.scale_maximum(grades.layout.scale),
    )


# --- Verification ----------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """What a signed payload proves: a genuine signature, and the certificate's status now."""

    genuine: bool
    problem: str = ""  # why it is not genuine
    kid: str = ""
    claims: dict | None = None
    certificate: Certificate | None = None

    @property
    def status(self) -> str:
        if not self.genuine:
            return "forged"
        return self.certificate.status if self.certificate else "unknown"

    @property
    def valid(self) -> bool:
        return self.genuine and self.status == Certificate.Status.VALID


def verification_of(signed: bytes) -> Verification:
    """Check the signature against every published key, then look up the current status."""
    try:
        verified = cose.verify(signed, public_keys=keys.public_keys())
    except cose.CoseError as error:
        return Verification(genuine=False, problem=str(error))
    serial = verified.claims.get("sn")
    certificate = (
        Certificate.objects.select_related("superseded_by")
        .filter(serial=uuid.UUID(bytes=serial))
        .first()
        if isinstance(serial, bytes) and len(serial) == 16
        else None
    )
    return Verification(
        genuine=True, kid=verified.kid, claims=verified.claims, certificate=certificate
    )


def certificate_of(enrolment: Enrolment) -> Certificate | None:
    """The certificate the official holds for a run: the valid one, else the revoked one."""
    return (
        enrolment.certificates.exclude(status=Certificate.Status.SUPERSEDED)
        .select_related("signing_key")
        .order_by("-issued_at", "-pk")
        .first()
    )


def signoff_of(enrolment: Enrolment) -> TutorSignOff | None:
    return TutorSignOff.objects.select_related("signed_by").filter(enrolment=enrolment).first()


# --- The API's reads of certificates --------------------------------------------------


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """Certificates of the runs a person manages (administrators: all), and their own."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    queryset = Certificate.objects.select_related("enrolment__course_run", "superseded_by").defer(
        "signed_payload"
    )
    if user.is_staff:
        return queryset
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    # Subqueries, not joins: a count then reads the certificates alone.
    own = Enrolment.objects.filter(user=user).values("pk")
    return queryset.filter(Q(course_run__programme__in=managed) | Q(enrolment__in=own))


def enrolment_get_for_manager(user, enrolment_id: int) -> Enrolment | None:
    """An enrolment in a run of a programme the person manages, else None."""
    if not user.is_authenticated:
        return None
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return (
        Enrolment.objects.select_related("course_run__course", "user")
        .filter(pk=enrolment_id, course_run__programme__in=managed)
        .first()
    )


def certificate_get_for_viewer(user, certificate_id: int) -> Certificate | None:
    """A certificate the person may see, with what its PDF and payload need."""
    return (
        Certificate.objects.select_related("signing_key", "enrolment__user")
        .filter(pk__in=certificates_visible_to(user).filter(pk=certificate_id).values("pk"))
        .first()
    )

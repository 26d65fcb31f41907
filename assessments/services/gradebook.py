"""Recording, releasing and overriding grades; completion follows released grades.

Quizzes and assignments write here; the gradebook pages read through
`assessments.selectors.gradebook`. Every change of a grade is audited in
`GradeChange`. A released grade at or above the item's pass mark completes
an activity whose rule is "passed"; any released grade completes one whose
rule is "graded" (through `courses.services`, DESIGN.md's layers).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import signals
from assessments.models import Grade, GradeCategory, GradeChange, GradeItem
from courses import selectors as courses_selectors
from courses import services as courses_services
from courses.models import Activity, CompletionSource, Enrolment
from programs.models import User

DEFAULT_CATEGORY = "General"


def grade_item_ensure(*, activity: Activity, pass_fraction: Decimal | None = None) -> GradeItem:
    """The activity's gradebook column, created on first use in the course's first category."""
    item = GradeItem.objects.filter(activity=activity).first()
    if item is not None:
        if pass_fraction is not None and item.pass_fraction != pass_fraction:
            item.pass_fraction = pass_fraction
            item.save(update_fields=["pass_fraction"])
        return item
    course_id = activity.module.course_id
    category = GradeCategory.objects.filter(course_id=course_id).order_by("position", "pk").first()
    if category is None:
        category, _created = GradeCategory.objects.get_or_create(
            course_id=course_id, name=DEFAULT_CATEGORY
        )
    item, _created = GradeItem.objects.get_or_create(
        activity=activity,
        defaults={
            "category": category,
            "pass_fraction": pass_fraction if pass_fraction is not None else Decimal("0.6"),
        },
    )
    return item


def _clamp(fraction: Decimal) -> Decimal:
    return min(max(Decimal(fraction), Decimal("0")), Decimal("1")).quantize(Decimal("0.0000001"))


def _audit(
    grade: Grade,
    *,
    old: Decimal | None,
    what: str,
    by: User | None,
    now: datetime.datetime,
    reason: str = "",
):
    GradeChange.objects.create(
        grade=grade,
        changed_by=by,
        changed_at=now,
        old_fraction=old,
        new_fraction=grade.final_fraction,
        what=what,
        reason=reason,
    )


def _complete_if_due(grade: Grade, *, now: datetime.datetime) -> None:
    """A released grade completes the activity (graded; passed at the pass mark).

    It may also change the final grade: `certification` is told either way.
    """
    if grade.released_at is None or grade.final_fraction is None:
        return
    signals.grade_changed.send(sender=Grade, enrolment_id=grade.enrolment_id)
    item = grade.item
    source = (
        CompletionSource.PASSED
        if grade.final_fraction >= item.pass_fraction
        else CompletionSource.GRADED
    )
    courses_services.activity_complete_by_result(
        enrolment_id=grade.enrolment_id, activity_id=item.activity_id, source=source, now=now
    )


@transaction.atomic
def grade_record(
    *,
    item: GradeItem,
    enrolment: Enrolment,
    fraction: Decimal | None,
    release: bool,
    by: User | None = None,
    what: str = "graded",
    feedback: str | None = None,
    now: datetime.datetime | None = None,
) -> Grade:
    """Set the computed grade of one person for one item (a quiz result, an assignment grade).

    Idempotent: recording the same value again changes nothing and audits
    nothing. An override, when present, keeps counting over a new computed
    grade. `release` makes the grade visible and final (it never un-releases).
    """
    now = now or timezone.now()
    grade, _created = Grade.objects.select_for_update().get_or_create(
        item=item, enrolment=enrolment
    )
    new_fraction = None if fraction is None else _clamp(fraction)
    old_final = grade.final_fraction
    changed = grade.fraction != new_fraction
    grade.fraction = new_fraction
    if grade.override_fraction is None:
        grade.final_fraction = new_fraction
    if feedback is not None and grade.feedback != feedback:
        grade.feedback = feedback
        changed = True
    released_now = release and grade.released_at is None
    if released_now:
        grade.released_at = now
    if not (changed or released_now):
        return grade
    grade.updated_at = now
    grade.save()
    if grade.final_fraction != old_final:
        _audit(grade, old=old_final, what=what, by=by, now=now)
    if released_now:
        _audit(grade, old=grade.final_fraction, what="released", by=by, now=now)
    _complete_if_due(grade, now=now)
    return grade


@transaction.atomic
def grades_release(*, grades: list[Grade], by: User, now: datetime.datetime | None = None) -> int:
    """Release draft grades (bulk); returns how many were released now."""
    now = now or timezone.now()
    released = 0
    for grade in (
        Grade.objects.select_for_update()
        .filter(pk__in=[g.pk for g in grades], released_at__isnull=True)
        .select_related("item")
    ):
        grade.released_at = now
        grade.updated_at = now
        grade.save(update_fields=["released_at", "updated_at"])
        _audit(grade, old=grade.final_fraction, what="released", by=by, now=now)
        _complete_if_due(grade, now=now)
        released += 1
    return released


@transaction.atomic
def grade_override(
    *,
    grade: Grade,
    fraction: Decimal | None,
    reason: str,
    by: User,
    now: datetime.datetime | None = None,
) -> Grade:
    """A tutor replaces (or, with None, removes) the grade that counts, saying why."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for changing the grade."))
    grade = Grade.objects.select_for_update().select_related("item", "enrolment").get(pk=grade.pk)
    if not courses_selectors.grades_in_run(by, grade.enrolment.course_run_id):
        raise PermissionDenied(_("Only the course run's tutors change its grades."))
    old_final = grade.final_fraction
    if fraction is None:
        grade.override_fraction = None
        grade.override_reason = ""
        grade.final_fraction = grade.fraction
    else:
        grade.override_fraction = _clamp(fraction)
        grade.override_reason = reason.strip()
        grade.final_fraction = grade.override_fraction
    grade.updated_at = now or timezone.now()
    grade.save()
    _audit(
        grade, old=old_final, what="overridden", by=by, now=grade.updated_at, reason=reason.strip()
    )
    _complete_if_due(grade, now=grade.updated_at)
    return grade

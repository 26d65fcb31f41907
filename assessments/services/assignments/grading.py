"""Extensions, grading with points or a rubric, release and overrides."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    Assignment,
    AssignmentExtension,
    AssignmentGrade,
    Grade,
    Submission,
)
from assessments.selectors import assignments as selectors
from assessments.selectors.assignments import Owner
from assessments.services import gradebook
from assessments.services.assignments._common import check_grader, max_points, owner_from
from assessments.services.assignments.files import (
    DEFAULT_EXTENSIONS,
    FEEDBACK_FILE_MAX_BYTES,
    check_file,
    stored_name,
)
from courses.models import Enrolment
from programs.models import Municipality, User

# --- Extensions --------------------------------------------------------------------------


@transaction.atomic
def extension_grant(
    *,
    tutor: User,
    assignment: Assignment,
    enrolment: Enrolment | None = None,
    municipality: Municipality | None = None,
    due_at: datetime.datetime,
    reason: str,
) -> AssignmentExtension:
    """Give one person (or one team) a later due date; granting again replaces it."""
    owner = owner_from(assignment, enrolment, municipality)
    check_grader(tutor, assignment, owner)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the extension."))
    if assignment.due_at is not None and due_at <= assignment.due_at:
        raise ValidationError(_("An extension must be later than the assignment's due date."))
    extension, _created = AssignmentExtension.objects.update_or_create(
        assignment=assignment,
        **selectors.owner_filter(owner),
        defaults={
            "due_at": due_at,
            "reason": reason.strip(),
            "granted_by": tutor,
            "granted_at": timezone.now(),
        },
    )
    return extension


# --- Grading ---------------------------------------------------------------------------


def _rubric_points(assignment: Assignment, chosen: dict | None) -> tuple[Decimal, dict]:
    """The sum of the chosen levels and the normalised {criterion id: level id}."""
    chosen = {str(key): str(value) for key, value in (chosen or {}).items()}
    picked, total = {}, Decimal("0")
    for row in selectors.rubric_rows(assignment.rubric):
        level_id = chosen.get(str(row.criterion.pk))
        level = next((lv for lv in row.levels if str(lv.pk) == level_id), None)
        if level is None:
            raise ValidationError(
                _("Choose a level for every criterion of the rubric (missing: %(criterion)s).")
                % {"criterion": row.criterion.description[:80]}
            )
        picked[str(row.criterion.pk)] = level.pk
        total += level.points
    return total, picked


def _points_within(points, maximum: Decimal) -> Decimal:
    try:
        value = Decimal(str(points))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("Give the points as a number.")) from None
    if not value.is_finite() or value < 0 or value > maximum:
        raise ValidationError(_("The points must be between 0 and %(max)s.") % {"max": maximum})
    return value


def _write_member_grades(grade: AssignmentGrade, *, by: User, now: datetime.datetime) -> int:
    """Each member's gradebook grade from the (released) assignment grade."""
    assignment = grade.assignment
    item = gradebook.grade_item_ensure(
        activity=assignment.activity, pass_fraction=assignment.pass_fraction
    )
    owner = grade.enrolment or grade.municipality
    members = selectors.member_enrolments(assignment, owner)
    fraction = grade.points / max_points(assignment)
    for member in members:
        gradebook.grade_record(
            item=item,
            enrolment=member,
            fraction=fraction,
            release=True,
            by=by,
            what="assignment",
            feedback=grade.feedback,
            now=now,
        )
    return len(members)


@transaction.atomic
def assignment_grade_save(
    *,
    tutor: User,
    assignment: Assignment,
    owner: Owner,
    points=None,
    rubric_levels: dict | None = None,
    feedback: str = "",
    feedback_file: UploadedFile | None = None,
    now: datetime.datetime | None = None,
) -> AssignmentGrade:
    """Grade an owner's latest version (a draft until released).

    With a rubric, every criterion needs a level and the points are their sum;
    otherwise the points are given. Re-grading a released grade updates every
    member's gradebook grade at once (the gradebook audits the change).
    """
    now = now or timezone.now()
    assignment = Assignment.objects.select_related("activity__module", "rubric").get(
        pk=assignment.pk
    )
    if isinstance(owner, Municipality) != assignment.team_submission:
        raise ValidationError(
            _("This is a team assignment: grade the municipality's work.")
            if assignment.team_submission
            else _("This is an individual assignment: grade the learner's work.")
        )
    check_grader(tutor, assignment, owner)
    type(owner).objects.select_for_update().get(pk=owner.pk)  # one grader at a time
    if max_points(assignment) <= 0:
        raise ValidationError(_("This assignment gives no points: set its maximum or rubric."))
    if assignment.rubric_id:
        total, picked = _rubric_points(assignment, rubric_levels)
    else:
        total, picked = _points_within(points, assignment.max_points), {}
    if feedback_file is not None:
        check_file(
            feedback_file, allowed=list(DEFAULT_EXTENSIONS), max_bytes=FEEDBACK_FILE_MAX_BYTES
        )
    mine = selectors.owner_filter(owner)
    latest = Submission.objects.filter(assignment=assignment, **mine).order_by("-version").first()
    grade = AssignmentGrade.objects.select_for_update().filter(
        assignment=assignment, **mine
    ).first() or AssignmentGrade(assignment=assignment, **mine)
    grade.assignment = assignment
    grade.submission = latest
    grade.points = total
    grade.rubric_levels = picked
    grade.feedback = (feedback or "").strip()
    grade.graded_by = tutor
    grade.graded_at = now
    if feedback_file is not None:
        grade.feedback_file.save(stored_name(feedback_file), feedback_file, save=False)
    grade.save()
    if grade.is_released:
        _write_member_grades(grade, by=tutor, now=now)
    return grade


@transaction.atomic
def assignment_grades_release(
    *, tutor: User, grades: list[AssignmentGrade], now: datetime.datetime | None = None
) -> int:
    """Release draft grades (bulk, all or nothing); returns how many were released now.

    Each writes the gradebook grade of the owner, for a team of every current
    member enrolled, which completes the activity and credits its hours.
    """
    now = now or timezone.now()
    released = 0
    rows = (
        AssignmentGrade.objects.select_for_update(of=("self",))
        .filter(pk__in=[grade.pk for grade in grades])
        .select_related(
            "assignment__activity__module", "assignment__rubric", "enrolment", "municipality"
        )
        .order_by("pk")
    )
    for grade in rows:
        check_grader(tutor, grade.assignment, grade.enrolment or grade.municipality)
        if grade.is_released:
            continue
        grade.released_at = now
        grade.save(update_fields=["released_at"])
        _write_member_grades(grade, by=tutor, now=now)
        released += 1
    return released


@transaction.atomic
def assignment_grade_override(
    *, tutor: User, grade: Grade, points, reason: str, assignment: Assignment
) -> Grade:
    """A tutor overrides one member's gradebook grade for the assignment (points; None
    removes the override), with a reason; the gradebook audits it."""
    grade = Grade.objects.select_related("enrolment", "item").get(pk=grade.pk)
    if grade.item.activity_id != assignment.activity_id:
        raise ValidationError(_("This grade is not a grade of this assignment."))
    if not selectors.can_grade(tutor, assignment, grade.enrolment):
        raise PermissionDenied(_("You do not tutor a course run of this learner or team."))
    fraction = None
    if points not in (None, ""):
        maximum = max_points(assignment)
        fraction = _points_within(points, maximum) / maximum
    return gradebook.grade_override(grade=grade, fraction=fraction, reason=reason, by=tutor)

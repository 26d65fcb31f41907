"""Rules shared by the assignment services: who grades, whose work, the maximum."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from assessments.models import (
    Assignment,
)
from assessments.selectors import assignments as selectors
from assessments.selectors.assignments import Owner
from programs.models import User


def max_points(assignment: Assignment) -> Decimal:
    """An assignment's maximum: its rubric's (each criterion's top level), else max_points."""
    if assignment.rubric_id:
        return selectors.rubric_max_points(assignment.rubric)
    return assignment.max_points


def check_grader(tutor: User, assignment: Assignment, owner: Owner) -> None:
    if not selectors.can_grade(tutor, assignment, owner):
        raise PermissionDenied(_("You do not tutor a course run of this learner or team."))


def owner_from(assignment: Assignment, enrolment, municipality) -> Owner:
    owner = municipality if assignment.team_submission else enrolment
    if owner is None or (enrolment is not None and municipality is not None):
        raise ValidationError(
            _("This is a team assignment: choose the municipality.")
            if assignment.team_submission
            else _("This is an individual assignment: choose the learner.")
        )
    return owner

"""Creating assignments and rubrics (authoring, demo data, tests)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import (
    Assignment,
    Rubric,
    RubricCriterion,
    RubricLevel,
)
from assessments.services import gradebook
from assessments.services.assignments._common import max_points
from assessments.services.assignments.files import normalised_extensions
from courses.models import Activity, ActivityKind, Course

# --- Authoring ---------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, activity: Activity, **settings) -> Assignment:
    """Attach an assignment to an assignment activity (authoring, demo data, tests)."""
    if activity.kind != ActivityKind.ASSIGNMENT:
        raise ValidationError(_("Only an assignment activity can hold an assignment."))
    assignment = Assignment(activity=activity, **settings)
    assignment.allowed_extensions = normalised_extensions(assignment.allowed_extensions)
    if assignment.rubric_id and assignment.rubric.course_id != activity.module.course_id:
        raise ValidationError(_("The rubric belongs to another course."))
    if max_points(assignment) <= 0:
        raise ValidationError(_("This assignment gives no points: set its maximum or rubric."))
    assignment.full_clean()
    assignment.save()
    gradebook.grade_item_ensure(activity=activity, pass_fraction=assignment.pass_fraction)
    return assignment


@transaction.atomic
def rubric_create(
    *, course: Course, name: str, criteria: list[tuple[str, list[tuple[str, Decimal]]]]
) -> Rubric:
    """A rubric: criteria in order, each with its levels (description, points) in order."""
    if not criteria or any(len(levels) < 2 for _criterion, levels in criteria):
        raise ValidationError(_("A rubric needs criteria, each with at least two levels."))
    rubric = Rubric.objects.create(course=course, name=name.strip())
    for position, (description, levels) in enumerate(criteria, start=1):
        criterion = RubricCriterion.objects.create(
            rubric=rubric, position=position, description=description.strip()
        )
        RubricLevel.objects.bulk_create(
            RubricLevel(
                criterion=criterion,
                position=level_position,
                description=level_description.strip(),
                points=Decimal(points),
            )
            for level_position, (level_description, points) in enumerate(levels, start=1)
        )
    return rubric

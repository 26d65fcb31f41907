"""Setting up a course's gradebook: categories, their weights, and where each item counts.

The weights feed the final-grade rule of `assessments.rules`. Recording and
overriding grades is `assessments.services.gradebook`.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assessments.models import GradeCategory, GradeItem
from courses.models import Course

MAX_WEIGHT = Decimal("9999.99")


def _weight(value) -> Decimal:
    try:
        weight = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(_("The weight must be a number.")) from None
    if not weight.is_finite() or weight < 0 or weight > MAX_WEIGHT:
        raise ValidationError(_("The weight must be between 0 and 9999.99."))
    if weight != weight.quantize(Decimal("0.01")):
        raise ValidationError(_("The weight may have at most two decimals."))
    return weight.quantize(Decimal("0.01"))


@transaction.atomic
def grade_category_create(
    *, course: Course, name: str, weight: Decimal | int = 1, position: int | None = None
) -> GradeCategory:
    """A new category of the course's gradebook, last unless a position is given."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the category a name."))
    if GradeCategory.objects.filter(course=course, name__iexact=name).exists():
        raise ValidationError(_("The course already has a category with that name."))
    if position is None:
        last = GradeCategory.objects.filter(course=course).aggregate(last=Max("position"))
        position = (last["last"] or 0) + 1
    return GradeCategory.objects.create(
        course=course, name=name, weight=_weight(weight), position=position
    )


@transaction.atomic
def grade_category_set_weight(*, category: GradeCategory, weight: Decimal | int) -> GradeCategory:
    """Change how much a category counts in the final grade."""
    category.weight = _weight(weight)
    category.save(update_fields=["weight"])
    return category


@transaction.atomic
def grade_item_set(
    *,
    item: GradeItem,
    category: GradeCategory | None = None,
    weight: Decimal | int | None = None,
) -> GradeItem:
    """Move an item to another category of its course and/or change its weight."""
    fields = []
    if category is not None and category.pk != item.category_id:
        if category.course_id != item.activity.module.course_id:
            raise ValidationError(_("The category belongs to another course."))
        item.category = category
        fields.append("category")
    if weight is not None:
        item.weight = _weight(weight)
        fields.append("weight")
    if fields:
        item.save(update_fields=fields)
    return item

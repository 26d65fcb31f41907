"""The gradebook: grade categories and items per course, one grade per person and item.

Grades are fractions of the maximum (0–1); each programme shows them on its
own scale. A grade's `final_fraction` is what counts: the tutor's override
when there is one, else the computed `fraction`. Only released grades are
shown to learners and count towards the final course grade.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Activity, Course, Enrolment

_SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]
_WEIGHT = [MinValueValidator(Decimal("0"))]


class GradeCategory(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="grade_categories")
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=_WEIGHT
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("grade category")
        verbose_name_plural = _("grade categories")
        ordering = ["course", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="grade_category_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class GradeItem(models.Model):
    """A graded activity's column in the gradebook."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="grade_item")
    category = models.ForeignKey(GradeCategory, on_delete=models.PROTECT, related_name="items")
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=_WEIGHT
    )
    pass_fraction = models.DecimalField(
        _("pass mark (fraction)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.600"),
        validators=_SHARE,
    )

    class Meta:
        verbose_name = _("grade item")
        verbose_name_plural = _("grade items")

    def __str__(self) -> str:
        return str(self.activity)


class Grade(models.Model):
    item = models.ForeignKey(GradeItem, on_delete=models.CASCADE, related_name="grades")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="grades")
    fraction = models.DecimalField(
        max_digits=8, decimal_places=7, null=True, blank=True, validators=_SHARE
    )
    override_fraction = models.DecimalField(
        max_digits=8, decimal_places=7, null=True, blank=True, validators=_SHARE
    )
    override_reason = models.TextField(blank=True)
    final_fraction = models.DecimalField(
        max_digits=8, decimal_places=7, null=True, blank=True, validators=_SHARE
    )
    feedback = models.TextField(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.UniqueConstraint(fields=["item", "enrolment"], name="grade_unique"),
            models.CheckConstraint(
                condition=Q(override_fraction__isnull=True) | ~Q(override_reason=""),
                name="grade_override_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "released_at"], name="grade_enrolment_idx")]

    def __str__(self) -> str:
        return f"{self.item} · {self.enrolment_id}: {self.final_fraction}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None


class GradeChange(models.Model):
    """Audit trail: every change of a grade, with who, when, from, to and why."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    new_fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    what = models.CharField(max_length=32)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["grade", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.grade_id}: {self.old_fraction} → {self.new_fraction}"

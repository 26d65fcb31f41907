"""Assignments, submissions (individual or by municipal team), rubrics and grades."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Activity, Course, Enrolment
from programs.models import Municipality

_SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Rubric(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="rubrics")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return self.name


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    description = models.TextField(_("criterion"))

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["rubric", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "position"], name="criterion_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class RubricLevel(models.Model):
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveSmallIntegerField()
    description = models.TextField(_("level"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        ordering = ["criterion", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "position"], name="level_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.description[:40]} ({self.points})"


class Assignment(models.Model):
    """The assignment behind a graded activity (it points up to the activity)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="assignment")
    instructions = models.TextField(_("instructions"), blank=True)
    accepts_text = models.BooleanField(_("text answer"), default=True)
    accepts_files = models.BooleanField(_("file answer"), default=False)
    allowed_extensions = models.JSONField(
        _("allowed file types"), default=list, blank=True, help_text=_('e.g. ["pdf", "docx"]')
    )
    max_file_bytes = models.PositiveIntegerField(
        _("largest file (bytes)"), default=10 * 1024 * 1024
    )
    max_files = models.PositiveSmallIntegerField(_("most files"), default=3)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    cutoff_at = models.DateTimeField(
        _("cut-off"), null=True, blank=True, help_text=_("No submissions after this moment.")
    )
    allow_resubmission = models.BooleanField(_("resubmission allowed"), default=True)
    team_submission = models.BooleanField(
        _("one submission per municipal team"),
        default=False,
        help_text=_("Any member submits for the team; the grade applies to each member."),
    )
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, default=Decimal("100")
    )
    rubric = models.ForeignKey(
        Rubric, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments"
    )
    pass_fraction = models.DecimalField(
        _("pass mark (fraction)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.600"),
        validators=_SHARE,
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepts_text=True) | Q(accepts_files=True),
                name="assignment_accepts_something",
            ),
        ]

    def __str__(self) -> str:
        return str(self.activity)


class _OwnedByPersonOrTeam(models.Model):
    """A row that belongs to one enrolment, or (team assignments) to one municipality."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


def _owner_xor(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(enrolment__isnull=False, municipality__isnull=True)
        | Q(enrolment__isnull=True, municipality__isnull=False),
        name=name,
    )


def _unique_per_owner(name: str, *fields: str) -> list[models.UniqueConstraint]:
    """Unique per person, and per team: one partial constraint for each kind of owner."""
    return [
        models.UniqueConstraint(
            fields=[*fields[:1], "enrolment", *fields[1:]],
            condition=Q(enrolment__isnull=False),
            name=f"{name}_person",
        ),
        models.UniqueConstraint(
            fields=[*fields[:1], "municipality", *fields[1:]],
            condition=Q(municipality__isnull=False),
            name=f"{name}_team",
        ),
    ]


class AssignmentExtension(_OwnedByPersonOrTeam):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    due_at = models.DateTimeField(_("new due date"))
    reason = models.TextField(_("reason"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            _owner_xor("extension_owner_xor"),
            *_unique_per_owner("extension_unique", "assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} → {self.due_at}"


class Submission(_OwnedByPersonOrTeam):
    """One version of a person's (or a team's) work; every resubmission adds a row."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="submissions")
    version = models.PositiveSmallIntegerField()
    text = models.TextField(_("text"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    is_late = models.BooleanField(_("late"), default=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment", "version"]
        constraints = [
            _owner_xor("submission_owner_xor"),
            *_unique_per_owner("submission_version_unique", "assignment", "version"),
        ]
        indexes = [models.Index(fields=["assignment", "submitted_at"], name="submission_queue_idx")]

    def __str__(self) -> str:
        return f"{self.assignment} v{self.version}"


def _submission_file_path(instance: "SubmissionFile", filename: str) -> str:
    return f"submissions/{instance.submission.assignment_id}/{uuid.uuid4().hex}/{filename}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_submission_file_path, max_length=300)
    original_name = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")

    def __str__(self) -> str:
        return self.original_name


def _feedback_file_path(instance: "AssignmentGrade", filename: str) -> str:
    return f"feedback/{instance.assignment_id}/{uuid.uuid4().hex}/{filename}"


class AssignmentGrade(_OwnedByPersonOrTeam):
    """The tutor's grading of an assignment for one person or one team.

    A draft until released; releasing writes each member's gradebook grade.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="grades")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    # {criterion id: level id} when graded with the rubric.
    rubric_levels = models.JSONField(default=dict, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_file = models.FileField(upload_to=_feedback_file_path, blank=True, max_length=300)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    graded_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment grade")
        verbose_name_plural = _("assignment grades")
        constraints = [
            _owner_xor("assignment_grade_owner_xor"),
            *_unique_per_owner("assignment_grade_unique", "assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.points}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

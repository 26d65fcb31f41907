"""Courses, course runs, activities, enrolments, progress and the hours ledger.

All durations are whole seconds; pages show them as hours with one decimal.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import FileResource, H5PContent, Page, Video
from programs.models import Language, Municipality, Programme

_FRACTION = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class Course(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    required_seconds = models.PositiveIntegerField(
        _("required hours (in seconds)"), default=100 * 3600
    )
    pass_grade = models.DecimalField(
        _("pass grade (fraction of the maximum)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.600"),
        validators=_FRACTION,
    )
    measured_share = models.DecimalField(
        _("share of required hours that must be measured study time"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.500"),
        validators=_FRACTION,
    )
    min_active_cap_seconds = models.PositiveIntegerField(
        _("upper limit of the minimum time before 'done' (seconds)"), default=600
    )
    min_active_fraction = models.DecimalField(
        _("minimum time before 'done': share of nominal time"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.200"),
        validators=_FRACTION,
    )
    active_cap_factor = models.DecimalField(
        _("measured time counted per activity: at most this many times its nominal time"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    requires_tutor_signoff = models.BooleanField(
        _("a tutor must sign off before the certificate is issued"), default=False
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"


class CourseRun(models.Model):
    """A course delivered to one programme's municipalities, with its dates and tutors."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="runs")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="course_runs")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    tutors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="tutored_runs", verbose_name=_("tutors")
    )

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_run_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    """A section of a course. Its hours are the sum of its activities' hours."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    archived_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"],
                condition=Q(archived_at__isnull=True),
                name="module_position_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class ModuleTarget(models.Model):
    """The date by which a course run expects a module to be complete."""

    course_run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="targets")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="targets")
    target_on = models.DateField(_("target date"))

    class Meta:
        verbose_name = _("module target date")
        verbose_name_plural = _("module target dates")
        constraints = [
            models.UniqueConstraint(fields=["course_run", "module"], name="module_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.target_on}"


class ActivityKind(models.TextChoices):
    PAGE = "page", _("Page")
    FILE = "file", _("File")
    VIDEO = "video", _("Video")
    # Graded activities: their quiz or assignment (in `assessments`) points up here.
    H5P = "h5p", _("Interactive activity (H5P)")
    QUIZ = "quiz", _("Quiz")
    ASSIGNMENT = "assignment", _("Assignment")


GRADED_KINDS = (ActivityKind.QUIZ, ActivityKind.ASSIGNMENT)


class CompletionRule(models.TextChoices):
    VIEWED = "viewed", _("Viewed for the minimum time")
    MARKED_DONE = "marked_done", _("Marked as done")
    PASSED = "passed", _("Passed (grade at least the pass mark)")
    SUBMITTED = "submitted", _("Submitted")
    GRADED = "graded", _("Graded")


class Activity(models.Model):
    """One step of a module, with its nominal hours and completion rule.

    It points down to the content item it shows; quizzes and assignments
    (in `assessments`) will point up to their activity instead.
    """

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    nominal_seconds = models.PositiveIntegerField(_("nominal time (seconds)"))
    required = models.BooleanField(_("required"), default=True)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=16,
        choices=CompletionRule.choices,
        default=CompletionRule.MARKED_DONE,
    )
    min_active_seconds = models.PositiveIntegerField(
        _("minimum active time before completion (seconds)"),
        null=True,
        blank=True,
        help_text=_("Empty: the course's default."),
    )
    pass_fraction = models.DecimalField(
        _("pass mark (fraction) for scored content"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=_FRACTION,
        help_text=_("Empty: the package's own mastery score, else 70%."),
    )
    page = models.ForeignKey(Page, on_delete=models.PROTECT, null=True, blank=True)
    file = models.ForeignKey(FileResource, on_delete=models.PROTECT, null=True, blank=True)
    video = models.ForeignKey(Video, on_delete=models.PROTECT, null=True, blank=True)
    h5p = models.ForeignKey(H5PContent, on_delete=models.PROTECT, null=True, blank=True)
    # Removing an activity that has learner results hides it and keeps them.
    archived_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["module", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "position"],
                condition=Q(archived_at__isnull=True),
                name="activity_position_unique",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="page", page__isnull=False, file__isnull=True, video__isnull=True)
                    & Q(h5p__isnull=True)
                    | Q(kind="file", page__isnull=True, file__isnull=False, video__isnull=True)
                    & Q(h5p__isnull=True)
                    | Q(kind="video", page__isnull=True, file__isnull=True, video__isnull=False)
                    & Q(h5p__isnull=True)
                    | Q(kind="h5p", page__isnull=True, file__isnull=True, video__isnull=True)
                    & Q(h5p__isnull=False)
                    | Q(
                        kind__in=["quiz", "assignment"],
                        page__isnull=True,
                        file__isnull=True,
                        video__isnull=True,
                        h5p__isnull=True,
                    )
                ),
                name="activity_content_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    """A person studying in a course run, with the summaries pages read.

    `credited_seconds` is the sum of the person's hours ledger and
    `active_seconds` the sum of their measured study time; both are updated in
    the same transaction as the rows they summarise.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    course_run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="enrolments")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    credited_seconds = models.IntegerField(_("credited time (seconds)"), default=0)
    active_seconds = models.PositiveIntegerField(_("measured study time (seconds)"), default=0)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_run"], name="enrolment_unique"),
        ]
        indexes = [
            models.Index(fields=["course_run", "municipality"], name="enrolment_run_muni_idx"),
            # The few not active (withdrawn): the programme overview's cache stamp
            # reads them without scanning every enrolment (reporting.selectors).
            models.Index(
                fields=["course_run"], condition=~Q(status="active"), name="enrolment_inactive_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course_run}"


class CompletionSource(models.TextChoices):
    VIEWED = "viewed", _("Viewed for the minimum time")
    MARKED_DONE = "marked_done", _("Marked as done")
    PASSED = "passed", _("Passed")
    SUBMITTED = "submitted", _("Submitted")
    GRADED = "graded", _("Graded")


class ActivityProgress(models.Model):
    """One summary row per enrolment and activity."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="progress")
    first_viewed_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    active_seconds = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_source = models.CharField(
        max_length=16, choices=CompletionSource.choices, blank=True
    )
    # Best score so far of scored content (H5P), as a fraction of its maximum.
    best_scaled = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "activity"], name="activity_progress_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.activity_id}"


class DailyStudyTime(models.Model):
    """Measured study time per enrolment, activity and day (programme's time zone).

    Heartbeats add to one row a day; there is never a row per heartbeat.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="study_days")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="study_days")
    day = models.DateField()
    seconds = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily study time")
        verbose_name_plural = _("daily study time")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "activity", "day"], name="daily_study_time_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.seconds} s"


class LedgerEntry(models.Model):
    """One line of the hours ledger: every credited second is explained here."""

    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Activity completed")
        ADJUSTMENT = "adjustment", _("Adjustment by a tutor")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="ledger")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger"
    )
    seconds = models.IntegerField(_("credited time (seconds)"))
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("hours ledger entry")
        verbose_name_plural = _("hours ledger")
        ordering = ["created_at", "id"]
        constraints = [
            # Idempotent crediting: an activity's hours are credited once.
            models.UniqueConstraint(
                fields=["enrolment", "activity"],
                condition=Q(kind="completion"),
                name="ledger_one_completion_per_activity",
            ),
            models.CheckConstraint(
                condition=Q(kind="completion", activity__isnull=False)
                | Q(kind="adjustment", recorded_by__isnull=False) & ~Q(reason=""),
                name="ledger_entry_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.seconds:+d} s"


class ActivityResult(models.Model):
    """A scored result of interactive content (an H5P activity's xAPI statement).

    Append-only: every answered/completed statement with a score is kept; the
    activity's progress row holds the best score and completion.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="results")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="results")
    statement_id = models.UUIDField(null=True, blank=True)
    verb = models.CharField(max_length=255)
    score_raw = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    score_max = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    scaled = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    completion = models.BooleanField(null=True, blank=True)
    statement = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity result")
        verbose_name_plural = _("activity results")
        ordering = ["enrolment", "activity", "received_at"]
        constraints = [
            # A statement resent (network retry) is stored once.
            models.UniqueConstraint(
                fields=["enrolment", "statement_id"],
                condition=Q(statement_id__isnull=False),
                name="activity_result_statement_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.activity_id}: {self.scaled}"

"""Quizzes, their slots, per-person overrides, attempts and saved answers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models.questions import Question, QuestionCategory
from courses.models import Activity, Enrolment

_SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    AVERAGE = "average", _("Average of attempts")
    FIRST = "first", _("First attempt")


class Quiz(models.Model):
    """The quiz behind a graded activity (it points up to the activity)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="quiz")
    intro = models.TextField(_("introduction"), blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0: unlimited.")
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), null=True, blank=True
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_answers = models.BooleanField(_("shuffle answers"), default=True)
    pass_fraction = models.DecimalField(
        _("pass mark (fraction)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.600"),
        validators=_SHARE,
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=16,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    # What a learner may review after an attempt; "after closing" unlocks the
    # rest once the quiz has closed for them.
    review_marks = models.BooleanField(_("show marks after the attempt"), default=True)
    review_feedback = models.BooleanField(_("show feedback after the attempt"), default=True)
    review_correct_answers = models.BooleanField(
        _("show the right answers after the attempt"), default=False
    )
    review_after_close = models.BooleanField(
        _("show everything once the quiz has closed"), default=True
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return str(self.activity)


class QuizSlot(models.Model):
    """A place in the quiz: a given question, or one drawn at random from a category."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, null=True, blank=True)
    random_category = models.ForeignKey(
        QuestionCategory, on_delete=models.PROTECT, null=True, blank=True
    )
    include_subcategories = models.BooleanField(default=False)
    mark = models.DecimalField(_("mark"), max_digits=6, decimal_places=2, default=Decimal("1"))

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["quiz", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "position"], name="quiz_slot_position_unique"),
            models.CheckConstraint(
                condition=Q(question__isnull=False, random_category__isnull=True)
                | Q(question__isnull=True, random_category__isnull=False),
                name="quiz_slot_question_xor_random",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.position}"


class QuizOverride(models.Model):
    """A tutor's exception for one person: extra time, a later close, more attempts."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="overrides")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), null=True, blank=True
    )
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quiz override")
        verbose_name_plural = _("quiz overrides")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "enrolment"], name="quiz_override_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.enrolment_id}"


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        NEEDS_GRADING = "needs_grading", _("Submitted, waiting for a tutor")
        FINISHED = "finished", _("Finished")

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    # The server's deadline (time limit, closing date, overrides), fixed at start.
    deadline_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Share of the total marks, once every answer is graded.
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "enrolment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "enrolment", "number"], name="attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["quiz", "enrolment"],
                condition=Q(state="in_progress"),
                name="attempt_one_in_progress",
            ),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="attempt_queue_idx")]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.enrolment_id} · {self.number}"


class AttemptAnswer(models.Model):
    """One question of an attempt: its order, the response as last saved, its grade."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    mark = models.DecimalField(max_digits=6, decimal_places=2)
    # The order in which this person sees the answers (ids), when shuffled.
    answer_order = models.JSONField(default=list, blank=True)
    response = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    comment = models.TextField(_("tutor's comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attempt answer")
        verbose_name_plural = _("attempt answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attempt_answer_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} #{self.position}"

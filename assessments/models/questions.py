"""The question bank: categories, questions and their answers, per course."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course


class QuestionCategory(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="question_categories")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=255)
    info = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["course", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "name"],
                condition=models.Q(parent__isnull=True),
                name="question_category_top_unique",
            ),
            models.UniqueConstraint(
                fields=["course", "parent", "name"],
                condition=models.Q(parent__isnull=False),
                name="question_category_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    MULTIPLE_CHOICE = "multichoice", _("Multiple choice")
    TRUE_FALSE = "truefalse", _("True/false")
    SHORT_ANSWER = "shortanswer", _("Short answer")
    NUMERICAL = "numerical", _("Numerical")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay")
    DESCRIPTION = "description", _("Description")


AUTO_GRADED_KINDS = (
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.TRUE_FALSE,
    QuestionKind.SHORT_ANSWER,
    QuestionKind.NUMERICAL,
    QuestionKind.MATCHING,
)

_FRACTION = [MinValueValidator(Decimal("-1")), MaxValueValidator(Decimal("1"))]


class Question(models.Model):
    """A question of the bank.

    `settings` holds the options of its kind (see `assessments.questions`):
    multichoice {single, shuffle}; shortanswer {case_sensitive,
    accent_sensitive}; numerical {units: [{unit, multiplier}], unit_required,
    unit_penalty}; matching {shuffle}; essay {min_words, max_words}. Question
    text and feedback are sanitised HTML.
    """

    category = models.ForeignKey(
        QuestionCategory, on_delete=models.PROTECT, related_name="questions"
    )
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind.choices)
    name = models.CharField(_("name"), max_length=255)
    text = models.TextField(_("question text"))
    general_feedback = models.TextField(_("general feedback"), blank=True)
    default_mark = models.DecimalField(
        _("default mark"), max_digits=6, decimal_places=2, default=Decimal("1")
    )
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    idnumber = models.CharField(_("ID number"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_auto_graded(self) -> bool:
        return self.kind in AUTO_GRADED_KINDS

    @property
    def is_graded(self) -> bool:
        return self.kind != QuestionKind.DESCRIPTION


class Answer(models.Model):
    """One answer of a question.

    For matching questions `text` is the item and `match_text` its partner;
    for numerical ones `text` is the number and `tolerance` the accepted error.
    `fraction` is the share of the question's mark this answer earns
    (negative marks allowed).
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("answer"))
    fraction = models.DecimalField(
        _("grade"), max_digits=8, decimal_places=7, default=Decimal("0"), validators=_FRACTION
    )
    feedback = models.TextField(_("feedback"), blank=True)
    tolerance = models.DecimalField(
        _("accepted error"), max_digits=20, decimal_places=7, null=True, blank=True
    )
    match_text = models.TextField(_("matching answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="answer_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

"""Authoring: a quiz for a quiz activity, and its slots."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import (
    Question,
    QuestionCategory,
    QuestionKind,
    Quiz,
    QuizSlot,
)
from assessments.services import gradebook
from courses.models import Activity, ActivityKind


@transaction.atomic
def quiz_create(*, activity: Activity, **settings) -> Quiz:
    """The quiz behind a quiz activity, with its gradebook column."""
    if activity.kind != ActivityKind.QUIZ:
        raise ValidationError(_("Only a quiz activity can hold a quiz."))
    quiz = Quiz(activity=activity, **settings)
    if quiz.opens_at and quiz.closes_at and quiz.closes_at <= quiz.opens_at:
        raise ValidationError(_("The quiz must close after it opens."))
    quiz.full_clean()
    quiz.save()
    gradebook.grade_item_ensure(activity=activity, pass_fraction=quiz.pass_fraction)
    return quiz


@transaction.atomic
def quiz_slot_add(
    *,
    quiz: Quiz,
    question: Question | None = None,
    random_category: QuestionCategory | None = None,
    include_subcategories: bool = False,
    mark: Decimal | None = None,
    position: int | None = None,
) -> QuizSlot:
    """Add a given question, or one drawn at random from a category, to the quiz."""
    if (question is None) == (random_category is None):
        raise ValidationError(_("Choose either a question or a category to draw from."))
    course_id = Activity.objects.filter(pk=quiz.activity_id).values("module__course_id")
    category_id = question.category_id if question else random_category.pk
    if not QuestionCategory.objects.filter(pk=category_id, course_id__in=course_id).exists():
        raise ValidationError(_("The question must come from this course's question bank."))
    if position is None:
        last = quiz.slots.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    default_mark = question.default_mark if question else Decimal("1")
    if question and question.kind == QuestionKind.DESCRIPTION:
        default_mark = Decimal("0")
    return QuizSlot.objects.create(
        quiz=quiz,
        position=position,
        question=question,
        random_category=random_category,
        include_subcategories=include_subcategories,
        mark=default_mark if mark is None else mark,
    )

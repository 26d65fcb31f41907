"""Factories for the assessments app (add yours here, below the others)."""

from decimal import Decimal

import factory

from assessments.models import (
    Answer,
    Assignment,
    Question,
    QuestionCategory,
    QuestionKind,
    Quiz,
    QuizSlot,
    Rubric,
    RubricCriterion,
    RubricLevel,
)
from courses.models import ActivityKind, CompletionRule
from tests.factories import ActivityFactory, CourseFactory


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"Categoría {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-answer multiple-choice question with three answers, the first right."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    category = factory.SubFactory(QuestionCategoryFactory)
    kind = QuestionKind.MULTIPLE_CHOICE
    name = factory.Sequence(lambda n: f"Pregunta {n}")
    text = "<p>¿Qué publica primero un municipio transparente?</p>"
    settings = factory.LazyFunction(lambda: {"single": True, "shuffle": False})

    @factory.post_generation
    def answers(self, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted
        if rows is None:
            rows = (
                [("El presupuesto", "1"), ("Nada", "0"), ("Solo las fotos", "0")]
                if self.kind == QuestionKind.MULTIPLE_CHOICE
                else []
            )
        for position, (text, fraction) in enumerate(rows, start=1):
            Answer.objects.create(
                question=self, position=position, text=text, fraction=Decimal(fraction)
            )


class QuizActivityFactory(ActivityFactory):
    kind = ActivityKind.QUIZ
    page = None
    completion_rule = CompletionRule.PASSED
    nominal_seconds = 3600


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    activity = factory.SubFactory(QuizActivityFactory)


class QuizSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizSlot

    quiz = factory.SubFactory(QuizFactory)
    position = factory.Sequence(lambda n: n + 1)
    question = factory.SubFactory(
        QuestionFactory, category__course=factory.SelfAttribute("...quiz.activity.module.course")
    )


class AssignmentActivityFactory(ActivityFactory):
    kind = ActivityKind.ASSIGNMENT
    page = None
    completion_rule = CompletionRule.GRADED
    nominal_seconds = 4 * 3600


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    activity = factory.SubFactory(AssignmentActivityFactory)
    instructions = "<p>Redacte la estrategia de gobierno electrónico del municipio.</p>"
    max_points = Decimal("100")


def rubric_for(course, criteria=(("Diagnóstico", (0, 10, 20)), ("Plan de acción", (0, 15, 30)))):
    """A rubric: criteria × levels with points (default: 2 criteria, 50 points in all)."""
    rubric = Rubric.objects.create(course=course, name="Rúbrica del proyecto final")
    for position, (description, points) in enumerate(criteria, start=1):
        criterion = RubricCriterion.objects.create(
            rubric=rubric, position=position, description=description
        )
        for level_position, value in enumerate(points, start=1):
            RubricLevel.objects.create(
                criterion=criterion,
                position=level_position,
                description=f"Nivel {level_position}",
                points=Decimal(value),
            )
    return rubric

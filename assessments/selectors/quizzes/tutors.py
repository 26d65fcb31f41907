"""The tutor's quiz reads: essays to grade, one person's quizzes and attempts."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from assessments.models import (
    Attempt,
    AttemptAnswer,
    QuestionKind,
    Quiz,
    QuizOverride,
)
from assessments.selectors.quizzes.common import shown_grade
from assessments.services import quizzes as quiz_services
from courses import selectors as courses_selectors
from courses.models import CourseRun, Enrolment
from programs.models import User

IN_PROGRESS = Attempt.State.IN_PROGRESS


def essays_to_grade(course_run: CourseRun) -> QuerySet[AttemptAnswer]:
    """Essay answers waiting for a tutor in a run, oldest submission first."""
    return (
        AttemptAnswer.objects.filter(
            attempt__enrolment__course_run=course_run,
            attempt__state=Attempt.State.NEEDS_GRADING,
            question__kind=QuestionKind.ESSAY,
            fraction__isnull=True,
        )
        .select_related(
            "question",
            "attempt__quiz__activity",
            "attempt__enrolment__user",
            "attempt__enrolment__municipality",
        )
        .order_by("attempt__submitted_at", "pk")
    )


def is_tutor_of(user: User, enrolment: Enrolment) -> bool:
    """Whether the person may grade in the enrolment's run (tutors set exceptions and grade)."""
    return courses_selectors.grades_in_run(user, enrolment.course_run_id)


def attempt_answer_get_for_tutor(user: User, attempt_answer_id: int) -> AttemptAnswer | None:
    """An essay answer of a run the person tutors, with what the grading page shows."""
    if not user.is_authenticated:
        return None
    return (
        AttemptAnswer.objects.filter(
            pk=attempt_answer_id,
            question__kind=QuestionKind.ESSAY,
            attempt__enrolment__course_run__in=courses_selectors.course_runs_graded_by(user).values(
                "pk"
            ),
        )
        .exclude(attempt__state=IN_PROGRESS)
        .select_related(
            "question",
            "graded_by",
            "attempt__quiz__activity",
            "attempt__enrolment__user",
            "attempt__enrolment__municipality",
            "attempt__enrolment__course_run",
        )
        .first()
    )


@dataclass
class QuizRow:
    quiz: Quiz
    override: QuizOverride | None
    rules: quiz_services.QuizRules
    attempts: list[Attempt]
    essays: list[AttemptAnswer]


def quizzes_of_enrolment(enrolment: Enrolment) -> list[QuizRow]:
    """For a tutor: every quiz of the course with this person's attempts and exception."""
    quizzes = list(
        Quiz.objects.filter(activity__module__course_id=enrolment.course_run.course_id)
        .select_related("activity__module")
        .order_by("activity__module__position", "activity__position", "pk")
    )
    overrides = {
        o.quiz_id: o
        for o in QuizOverride.objects.filter(enrolment=enrolment).select_related("created_by")
    }
    attempts, essays = defaultdict(list), defaultdict(list)
    for attempt in Attempt.objects.filter(enrolment=enrolment).order_by("number"):
        attempt.shown_grade = shown_grade(attempt.fraction, enrolment)
        attempts[attempt.quiz_id].append(attempt)
    for row in (
        AttemptAnswer.objects.filter(
            attempt__enrolment=enrolment, question__kind=QuestionKind.ESSAY
        )
        .exclude(attempt__state=IN_PROGRESS)
        .select_related("attempt")
        .order_by("attempt", "position")
    ):
        essays[row.attempt.quiz_id].append(row)
    return [
        QuizRow(
            quiz=quiz,
            override=overrides.get(quiz.pk),
            rules=quiz_services.quiz_rules(quiz, overrides.get(quiz.pk)),
            attempts=attempts[quiz.pk],
            essays=essays[quiz.pk],
        )
        for quiz in quizzes
    ]

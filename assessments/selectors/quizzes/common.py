"""What the learners' and the tutors' quiz reads share: scales and review options."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone

from assessments import rules
from assessments.models import (
    Attempt,
    Quiz,
    QuizOverride,
)
from assessments.services import quizzes as quiz_services
from courses.models import Activity, Enrolment


def quiz_for_activity(activity: Activity) -> Quiz | None:
    return Quiz.objects.filter(activity=activity).first()


def shown_grade(fraction: Decimal | None, enrolment: Enrolment) -> str | None:
    """A fraction on the programme's scale: "7.5 / 10" (None stays None)."""
    if fraction is None:
        return None
    scale = enrolment.course_run.programme.grade_scale
    value = formats.number_format(rules.on_scale(fraction, scale), decimal_pos=1)
    return f"{value} / {rules.scale_maximum(scale)}"


@dataclass(frozen=True)
class ReviewOptions:
    marks: bool
    feedback: bool
    correct: bool


def review_options(quiz: Quiz, quiz_rules, now: datetime.datetime) -> ReviewOptions:
    """What a person may see of a submitted attempt (everything once the quiz closed for them)."""
    closed = quiz_rules.closes_at is not None and now >= quiz_rules.closes_at
    everything = quiz.review_after_close and closed
    return ReviewOptions(
        marks=quiz.review_marks or everything,
        feedback=quiz.review_feedback or everything,
        correct=quiz.review_correct_answers or everything,
    )


def attempt_review_options(attempt: Attempt, *, now=None) -> ReviewOptions:
    """What the attempt's owner may see of it now (the person's override counts)."""
    override = QuizOverride.objects.filter(
        quiz_id=attempt.quiz_id, enrolment_id=attempt.enrolment_id
    ).first()
    quiz_rules = quiz_services.quiz_rules(attempt.quiz, override)
    return review_options(attempt.quiz, quiz_rules, now or timezone.now())

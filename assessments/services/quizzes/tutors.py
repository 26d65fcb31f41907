"""Tutors: grading essays by hand and per-person overrides."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import questions
from assessments.models import (
    Attempt,
    AttemptAnswer,
    Quiz,
    QuizOverride,
)
from assessments.services.quizzes._core import finish, lock_attempt, tutors_run
from assessments.services.quizzes.rules import IN_PROGRESS, attempt_deadline, quiz_rules
from courses.models import Enrolment
from programs.models import User


def attempt_answer_grade(
    *, tutor: User, attempt_answer_id: int, fraction: Decimal, comment: str = "", now=None
) -> AttemptAnswer:
    """A tutor of the run grades an essay; the last one graded finishes the attempt."""
    now = now or timezone.now()
    ids = (
        AttemptAnswer.objects.filter(pk=attempt_answer_id)
        .values_list("attempt_id", "attempt__enrolment_id")
        .first()
    )
    attempt_id, enrolment_id = ids or (None, None)
    if enrolment_id is None or not tutors_run(tutor, enrolment_id):
        raise PermissionDenied(_("Only a tutor of this course run can grade this answer."))
    fraction = Decimal(fraction)
    if not Decimal("0") <= fraction <= Decimal("1"):
        raise ValidationError(_("The grade must be between 0 and the question's mark."))
    with transaction.atomic():
        attempt = lock_attempt(attempt_id, enrolment_id)
        row = AttemptAnswer.objects.select_related("question").get(pk=attempt_answer_id)
        if not questions.is_manual(row.question):
            raise ValidationError(_("Only essays are graded by hand."))
        if attempt.state == IN_PROGRESS:
            raise ValidationError(_("The attempt is still in progress."))
        row.fraction = fraction.quantize(Decimal("0.0000001"))
        row.comment = comment.strip()
        row.graded_by, row.graded_at = tutor, now
        row.save(update_fields=["fraction", "comment", "graded_by", "graded_at"])
        rows = list(attempt.answers.select_related("question"))
        if all(other.fraction is not None for other in rows if questions.is_graded(other.question)):
            finish(attempt, rows, now=now)
    return row


@transaction.atomic
def quiz_override_set(
    *,
    tutor: User,
    quiz: Quiz,
    enrolment: Enrolment,
    attempts_allowed: int | None = None,
    extra_time_seconds: int | None = None,
    closes_at: datetime.datetime | None = None,
    reason: str,
) -> QuizOverride | None:
    """A tutor's exception for one person; with nothing set, the quiz's own rules return.

    `attempts_allowed` is the person's total (0: unlimited); extra time adds
    to the quiz's time limit. An attempt in progress gets the new deadline.
    """
    if not tutors_run(tutor, enrolment.pk):
        raise PermissionDenied(_("Only a tutor of this course run can set exceptions."))
    if quiz.activity.module.course_id != enrolment.course_run.course_id:
        raise ValidationError(_("This quiz is not part of the person's course."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the exception."))
    if extra_time_seconds and not quiz.time_limit_seconds:
        raise ValidationError(_("This quiz has no time limit to extend."))
    if extra_time_seconds is not None and extra_time_seconds < 0:
        raise ValidationError(_("Extra time cannot be negative."))
    if attempts_allowed is not None and attempts_allowed < 0:
        raise ValidationError(_("The number of attempts cannot be negative."))
    if attempts_allowed is None and not extra_time_seconds and closes_at is None:
        QuizOverride.objects.filter(quiz=quiz, enrolment=enrolment).delete()
        override = None
    else:
        override, _created = QuizOverride.objects.update_or_create(
            quiz=quiz,
            enrolment=enrolment,
            defaults={
                "attempts_allowed": attempts_allowed,
                "time_limit_seconds": (
                    quiz.time_limit_seconds + extra_time_seconds if extra_time_seconds else None
                ),
                "closes_at": closes_at,
                "reason": reason.strip(),
                "created_by": tutor,
            },
        )
    rules = quiz_rules(quiz, override)
    for attempt in Attempt.objects.select_for_update().filter(
        quiz=quiz, enrolment=enrolment, state=IN_PROGRESS
    ):
        attempt.deadline_at = attempt_deadline(rules, attempt.started_at)
        attempt.save(update_fields=["deadline_at"])
    return override

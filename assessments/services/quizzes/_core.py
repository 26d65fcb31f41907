"""What attempts and tutors share: locks, answers, finishing and the quiz grade."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from assessments import questions
from assessments.models import (
    Answer,
    Attempt,
    AttemptAnswer,
    GradingMethod,
    Quiz,
)
from assessments.services import gradebook
from courses import selectors as courses_selectors
from courses.models import Enrolment
from programs.models import User


def lock_own_attempt(user: User, attempt_id: int, *, lock_enrolment: bool) -> Attempt:
    enrolment_id = (
        Attempt.objects.filter(pk=attempt_id, enrolment__user=user)
        .values_list("enrolment_id", flat=True)
        .first()
    )
    if enrolment_id is None:
        raise PermissionDenied(_("This attempt is not yours."))
    return lock_attempt(attempt_id, enrolment_id if lock_enrolment else None)


def lock_attempt(attempt_id: int, enrolment_id: int | None) -> Attempt:
    if enrolment_id is not None:
        Enrolment.objects.select_for_update().filter(pk=enrolment_id).first()
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz__activity__module", "enrolment")
        .get(pk=attempt_id)
    )


def answers_of(question_ids) -> dict[int, list[Answer]]:
    answers = defaultdict(list)
    for answer in Answer.objects.filter(question_id__in=set(question_ids)).order_by("position"):
        answers[answer.question_id].append(answer)
    return answers


def finish(attempt: Attempt, rows: list[AttemptAnswer], *, now) -> None:
    attempt.fraction = questions.attempt_fraction(
        (row.mark, row.fraction) for row in rows if questions.is_graded(row.question)
    )
    attempt.state = Attempt.State.FINISHED
    attempt.finished_at = attempt.finished_at or now
    attempt.save(update_fields=["state", "fraction", "finished_at", "submitted_at"])
    quiz_grade_refresh(quiz=attempt.quiz, enrolment=attempt.enrolment, now=now)


def quiz_grade_refresh(*, quiz: Quiz, enrolment: Enrolment, now=None):
    """The person's quiz grade from their finished attempts, by the quiz's grading method."""
    fractions = list(
        Attempt.objects.filter(quiz=quiz, enrolment=enrolment, state=Attempt.State.FINISHED)
        .order_by("number")
        .values_list("fraction", flat=True)
    )
    if not fractions:
        return None
    method = quiz.grading_method
    if method == GradingMethod.LAST:
        value = fractions[-1]
    elif method == GradingMethod.FIRST:
        value = fractions[0]
    elif method == GradingMethod.AVERAGE:
        value = sum(fractions, Decimal("0")) / len(fractions)
    else:
        value = max(fractions)
    item = gradebook.grade_item_ensure(activity=quiz.activity, pass_fraction=quiz.pass_fraction)
    return gradebook.grade_record(
        item=item, enrolment=enrolment, fraction=value, release=True, what="quiz", now=now
    )


def tutors_run(tutor: User, enrolment_id: int) -> bool:
    """Whether the person may grade in the enrolment's run (its tutors; administrators)."""
    return Enrolment.objects.filter(
        pk=enrolment_id, course_run__in=courses_selectors.course_runs_graded_by(tutor).values("pk")
    ).exists()

"""Attempts: start or resume, autosave, submit, and closing overdue ones."""

import datetime
import secrets
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import questions
from assessments.models import (
    Answer,
    Attempt,
    AttemptAnswer,
    Question,
    QuestionCategory,
    QuestionKind,
    Quiz,
    QuizOverride,
    QuizSlot,
)
from assessments.services.quizzes._core import (
    answers_of,
    finish,
    lock_attempt,
    lock_own_attempt,
)
from assessments.services.quizzes.rules import (
    GRACE_SECONDS,
    IN_PROGRESS,
    QuizRules,
    attempt_deadline,
    attempt_is_overdue,
    quiz_rules,
    start_refusal,
)
from courses.models import Enrolment
from programs.models import User

CLOSE_OVERDUE_BATCH = 200
CLOSED = "attempt_closed"  # the error code of a save refused because the attempt is over


def _lock_enrolment_for(user: User, quiz: Quiz, course_run_id: int | None) -> Enrolment:
    enrolments = Enrolment.objects.select_for_update(of=("self",)).filter(
        user=user,
        course_run__course_id=quiz.activity.module.course_id,
        status=Enrolment.Status.ACTIVE,
    )
    if course_run_id is not None:
        enrolments = enrolments.filter(course_run_id=course_run_id)
    enrolment = (
        enrolments.select_related("course_run__programme")
        .order_by("-course_run__starts_on", "pk")
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("You are not enrolled in this course."))
    return enrolment


def _descendants(course_id: int) -> dict[int, set[int]]:
    """Every category of the course with the ids of itself and all below it."""
    children = defaultdict(list)
    rows = QuestionCategory.objects.filter(course_id=course_id).values_list("pk", "parent_id")
    ids = []
    for pk, parent_id in rows:
        ids.append(pk)
        children[parent_id].append(pk)

    def below(pk: int) -> set[int]:
        found, stack = {pk}, list(children[pk])
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(children[current])
        return found

    return {pk: below(pk) for pk in ids}


def _draw(quiz: Quiz, slots: list[QuizSlot], rng) -> list[tuple[QuizSlot, int]]:
    """A question id for every slot; random slots never repeat a question of the attempt."""
    used = {slot.question_id for slot in slots if slot.question_id}
    random_slots = [slot for slot in slots if slot.random_category_id]
    chosen = {slot.pk: slot.question_id for slot in slots if slot.question_id}
    if random_slots:
        tree = _descendants(quiz.activity.module.course_id)
        pools = {
            slot.pk: (
                tree.get(slot.random_category_id, set())
                if slot.include_subcategories
                else {slot.random_category_id}
            )
            for slot in random_slots
        }
        candidates = defaultdict(list)
        for pk, category_id in (
            Question.objects.filter(category_id__in=set().union(*pools.values()))
            .exclude(kind=QuestionKind.DESCRIPTION)
            .order_by("pk")
            .values_list("pk", "category_id")
        ):
            candidates[category_id].append(pk)

        # The narrowest pools first, so a wide one does not take what a narrow one needs.
        def pool_size(slot: QuizSlot) -> int:
            return sum(len(candidates[category]) for category in pools[slot.pk])

        for slot in sorted(random_slots, key=pool_size):
            pool = [pk for c in pools[slot.pk] for pk in candidates[c] if pk not in used]
            if not pool:
                raise ValidationError(
                    _("Not enough questions in the category “%(category)s” for this quiz.")
                    % {"category": slot.random_category.name}
                )
            chosen[slot.pk] = rng.choice(sorted(pool))
            used.add(chosen[slot.pk])
    return [(slot, chosen[slot.pk]) for slot in slots]


def _attempt_create(
    *, quiz: Quiz, enrolment: Enrolment, rules: QuizRules, number: int, now: datetime.datetime
) -> Attempt:
    rng = secrets.SystemRandom()
    slots = list(quiz.slots.select_related("random_category").order_by("position"))
    if not slots:
        raise ValidationError(_("This quiz has no questions yet."))
    drawn = _draw(quiz, slots, rng)
    question_ids = [question_id for _slot, question_id in drawn]
    question_by_id = Question.objects.in_bulk(question_ids)
    answers = defaultdict(list)
    for answer in Answer.objects.filter(question_id__in=question_ids).order_by("position"):
        answers[answer.question_id].append(answer)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    attempt = Attempt.objects.create(
        quiz=quiz,
        enrolment=enrolment,
        number=number,
        started_at=now,
        deadline_at=attempt_deadline(rules, now),
    )
    AttemptAnswer.objects.bulk_create(
        AttemptAnswer(
            attempt=attempt,
            position=position,
            question_id=question_id,
            mark=slot.mark,
            answer_order=questions.answer_order(
                question_by_id[question_id],
                answers[question_id],
                shuffle=quiz.shuffle_answers,
                rng=rng,
            ),
        )
        for position, (slot, question_id) in enumerate(drawn, start=1)
    )
    return attempt


def attempt_start(
    *,
    user: User,
    quiz: Quiz,
    course_run_id: int | None = None,
    now: datetime.datetime | None = None,
) -> Attempt:
    """Start an attempt, or return the one in progress (resuming it).

    An overdue attempt in progress is submitted first. Refused before the
    quiz opens, after it closes and once the attempts allowed are used (the
    person's override counts).
    """
    now = now or timezone.now()
    quiz = Quiz.objects.select_related("activity__module").get(pk=quiz.pk)
    try:
        with transaction.atomic():
            enrolment = _lock_enrolment_for(user, quiz, course_run_id)
            current = (
                Attempt.objects.select_for_update(of=("self",))
                .filter(quiz=quiz, enrolment=enrolment, state=IN_PROGRESS)
                .first()
            )
            if current is not None and not attempt_is_overdue(current, now):
                return current
            if current is not None:
                _submit_locked(current, now=now)
            override = QuizOverride.objects.filter(quiz=quiz, enrolment=enrolment).first()
            rules = quiz_rules(quiz, override)
            numbers = list(
                Attempt.objects.filter(quiz=quiz, enrolment=enrolment).values_list(
                    "number", flat=True
                )
            )
            refusal = start_refusal(
                rules,
                attempts_used=len(numbers),
                now=now,
                time_zone=enrolment.course_run.programme.time_zone,
            )
            if refusal:
                raise ValidationError(refusal)
            return _attempt_create(
                quiz=quiz,
                enrolment=enrolment,
                rules=rules,
                number=max(numbers, default=0) + 1,
                now=now,
            )
    except IntegrityError:
        # Another request of the same person started it a moment ago (a
        # database without row locks): the unique constraints kept one.
        attempt = Attempt.objects.filter(quiz=quiz, enrolment__user=user, state=IN_PROGRESS).first()
        if attempt is None:
            raise
        return attempt


# --- Saving answers -------------------------------------------------------------


def attempt_answers_save(
    *, user: User, attempt_id: int, responses: dict[int, object], now=None
) -> dict[int, datetime.datetime]:
    """Save the person's responses ({position: response}) as given; idempotent.

    Only the owner, only while the attempt is in progress and before its
    deadline (with GRACE_SECONDS for the network). Returns when each answer
    was saved. A save after that submits the attempt and is refused.
    """
    now = now or timezone.now()
    responses = {int(position): response for position, response in responses.items()}
    with transaction.atomic():
        attempt = lock_own_attempt(user, attempt_id, lock_enrolment=False)
        if attempt.state != IN_PROGRESS:
            raise ValidationError(
                _("This attempt is already submitted; its answers are final."), code=CLOSED
            )
        overdue = attempt_is_overdue(attempt, now)
        if not overdue:
            return _save_locked(attempt, responses, now=now)
    attempt_submit(user=user, attempt_id=attempt_id, now=now)
    raise ValidationError(
        _("The time for this attempt is over: it was submitted with the answers saved in time."),
        code=CLOSED,
    )


def _save_locked(attempt: Attempt, responses: dict, *, now) -> dict[int, datetime.datetime]:
    positions = set(responses)
    rows = list(
        AttemptAnswer.objects.filter(attempt=attempt, position__in=positions).select_related(
            "question"
        )
    )
    if len(rows) != len(positions):
        raise ValidationError(_("This question is not part of the attempt."))
    answers = answers_of(row.question_id for row in rows)
    changed = []
    for row in rows:
        cleaned = questions.response_clean(
            row.question, answers[row.question_id], responses.get(row.position)
        )
        if cleaned != row.response:
            row.response, row.saved_at = cleaned, now
            changed.append(row)
    AttemptAnswer.objects.bulk_update(changed, ["response", "saved_at"])
    return {row.position: row.saved_at or now for row in rows}


def attempt_answer_save(
    *, user: User, attempt_id: int, position: int, response, now=None
) -> datetime.datetime:
    """Autosave one answer; returns when it was saved."""
    saved = attempt_answers_save(
        user=user, attempt_id=attempt_id, responses={position: response}, now=now
    )
    return saved[position]


def _submit_locked(attempt: Attempt, *, now) -> Attempt:
    """Grade the automatic questions and close the attempt (the caller holds the locks)."""
    if attempt.state != IN_PROGRESS:
        return attempt
    rows = list(attempt.answers.select_related("question").order_by("position"))
    answers = answers_of(row.question_id for row in rows)
    for row in rows:
        if questions.is_manual(row.question):
            # An essay left empty has nothing for a tutor to read: it earns 0.
            row.fraction = None if row.response else Decimal("0")
        else:
            row.fraction = questions.grade_response(
                row.question, answers[row.question_id], row.response
            )
    AttemptAnswer.objects.bulk_update(rows, ["fraction"])
    attempt.submitted_at = now
    if any(questions.is_manual(row.question) and row.fraction is None for row in rows):
        attempt.state = Attempt.State.NEEDS_GRADING
        attempt.save(update_fields=["state", "submitted_at"])
        return attempt
    finish(attempt, rows, now=now)
    return attempt


def attempt_submit(*, user: User, attempt_id: int, now=None) -> Attempt:
    """Submit the person's attempt; a second submit returns the same result."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = lock_own_attempt(user, attempt_id, lock_enrolment=True)
        return _submit_locked(attempt, now=now)


def attempts_close_overdue(
    now: datetime.datetime | None = None,
    *,
    enrolment: Enrolment | None = None,
    limit: int = CLOSE_OVERDUE_BATCH,
) -> int:
    """Submit attempts in progress past their deadline (and grace); returns how many."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        state=IN_PROGRESS, deadline_at__lt=now - datetime.timedelta(seconds=GRACE_SECONDS)
    )
    if enrolment is not None:
        overdue = overdue.filter(enrolment=enrolment)
    closed = 0
    for attempt_id, enrolment_id in overdue.order_by("deadline_at").values_list(
        "pk", "enrolment_id"
    )[:limit]:
        with transaction.atomic():
            attempt = lock_attempt(attempt_id, enrolment_id)
            if attempt_is_overdue(attempt, now):
                _submit_locked(attempt, now=now)
                closed += 1
    return closed

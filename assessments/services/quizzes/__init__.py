"""Quizzes: authoring, attempts (start, autosave, submit), the server's time limit,
manual grading of essays and a tutor's per-person overrides.

Locks, always in this order: the enrolment row, then the attempt row. Starting
an attempt locks the enrolment (one attempt number at a time per person);
autosave locks the attempt; submitting and grading lock both, so a person's
quiz grade is computed from a settled set of attempts. The time limit is the
attempt's `deadline_at`, fixed at start; answers arriving up to
GRACE_SECONDS after it still count (the network), later ones are refused and
the attempt is submitted. `attempts_close_overdue` does that in the
background (assessments.tasks), and the quiz selectors do it before any read.

A package of small modules; import the names from here.
"""

from assessments.services.quizzes._core import quiz_grade_refresh
from assessments.services.quizzes.attempts import (
    CLOSE_OVERDUE_BATCH,
    CLOSED,
    attempt_answer_save,
    attempt_answers_save,
    attempt_start,
    attempt_submit,
    attempts_close_overdue,
)
from assessments.services.quizzes.authoring import quiz_create, quiz_slot_add
from assessments.services.quizzes.rules import (
    GRACE_SECONDS,
    QuizRules,
    attempt_deadline,
    attempt_is_overdue,
    quiz_rules,
    start_refusal,
)
from assessments.services.quizzes.tutors import attempt_answer_grade, quiz_override_set

__all__ = [
    "CLOSED",
    "CLOSE_OVERDUE_BATCH",
    "GRACE_SECONDS",
    "QuizRules",
    "attempt_answer_grade",
    "attempt_answer_save",
    "attempt_answers_save",
    "attempt_deadline",
    "attempt_is_overdue",
    "attempt_start",
    "attempt_submit",
    "attempts_close_overdue",
    "quiz_create",
    "quiz_grade_refresh",
    "quiz_override_set",
    "quiz_rules",
    "quiz_slot_add",
    "start_refusal",
]

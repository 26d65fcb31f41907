"""Reads for the quiz pages and the API, with bounded queries.

A read never shows an overdue attempt as open: the getters submit it first
(through the quiz services), so the server's time limit holds even without
Celery beat. A package of small modules; import the names from here.
"""

from assessments.selectors.quizzes.common import (
    ReviewOptions,
    attempt_review_options,
    quiz_for_activity,
    review_options,
    shown_grade,
)
from assessments.selectors.quizzes.learners import (
    AttemptPage,
    AttemptReview,
    Option,
    QuestionView,
    QuizSummary,
    ReviewItem,
    attempt_get_for_owner,
    attempt_page,
    attempt_review,
    quiz_summary,
)
from assessments.selectors.quizzes.tutors import (
    QuizRow,
    attempt_answer_get_for_tutor,
    essays_to_grade,
    is_tutor_of,
    quizzes_of_enrolment,
)

__all__ = [
    "AttemptPage",
    "AttemptReview",
    "Option",
    "QuestionView",
    "QuizRow",
    "QuizSummary",
    "ReviewItem",
    "ReviewOptions",
    "attempt_answer_get_for_tutor",
    "attempt_get_for_owner",
    "attempt_page",
    "attempt_review",
    "attempt_review_options",
    "essays_to_grade",
    "is_tutor_of",
    "quiz_for_activity",
    "quiz_summary",
    "quizzes_of_enrolment",
    "review_options",
    "shown_grade",
]

"""Question kinds: response shapes, grading and right answers. Pure: no database writes.

Every kind offers the same verbs, looked up by `Question.kind`:

- `response_clean(question, answers, raw)`: check and normalise what a person
  sent (JSON from the page or the API); None means "no answer"; raises
  `ValidationError` for a shape the kind does not accept.
- `grade_response(question, answers, response)`: the fraction earned, in
  [-1, 1], or None when a tutor must grade it (essay) or nothing is graded
  (description).
- `right_answers` and `response_feedback`: what the review may show.
- `answer_order`: how one attempt shows the answers (shuffled or not).

`answers` are the question's `Answer` rows in the author's order.
"""

import random
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.questions import choice, matching, numerical, text
from assessments.questions.normalise import FRACTION_PLACES

_KINDS = {
    "multichoice": SimpleNamespace(
        clean=choice.clean,
        grade=choice.grade,
        right=choice.right_answers,
        feedback=choice.feedback,
    ),
    "truefalse": SimpleNamespace(
        clean=choice.clean,
        grade=choice.grade,
        right=choice.right_answers,
        feedback=choice.feedback,
    ),
    "shortanswer": SimpleNamespace(
        clean=text.clean_short,
        grade=text.grade_short,
        right=text.right_short,
        feedback=text.feedback_short,
    ),
    "numerical": SimpleNamespace(
        clean=numerical.clean,
        grade=numerical.grade,
        right=numerical.right_answers,
        feedback=numerical.feedback,
    ),
    "matching": SimpleNamespace(
        clean=matching.clean,
        grade=matching.grade,
        right=matching.right_answers,
        feedback=matching.feedback,
    ),
    "essay": SimpleNamespace(
        clean=text.clean_essay,
        grade=lambda question, answers, response: None,
        right=lambda question, answers: [],
        feedback=lambda question, answers, response: [],
    ),
}

MANUAL_KINDS = ("essay",)


def is_graded(question) -> bool:
    return question.kind != "description"


def is_manual(question) -> bool:
    return question.kind in MANUAL_KINDS


def _kind(question):
    kind = _KINDS.get(question.kind)
    if kind is None:
        raise ValidationError(_("This question takes no answer."))
    return kind


def response_clean(question, answers, raw) -> dict | None:
    if raw in (None, "", {}):
        return None
    if not isinstance(raw, dict):
        raise ValidationError(_("The answer could not be read; please answer again."))
    return _kind(question).clean(question, list(answers), raw)


def grade_response(question, answers, response: dict | None) -> Decimal | None:
    if not is_graded(question):
        return None
    return _kind(question).grade(question, list(answers), response)


def right_answers(question, answers) -> list[str]:
    if not is_graded(question):
        return []
    return _kind(question).right(question, list(answers))


def response_feedback(question, answers, response: dict | None) -> list[str]:
    if not is_graded(question) or not response:
        return []
    return _kind(question).feedback(question, list(answers), response)


def answer_order(question, answers, *, shuffle: bool, rng: random.Random) -> list[int]:
    """The answer ids in the order one attempt shows them.

    Multiple choice: shuffled when the quiz and the question allow it.
    True/false: never. Matching: the items (shuffled when allowed), then the
    choices (always shuffled, as in Moodle; in order they would give the
    answers away). Other kinds show no answers.
    """
    answers = list(answers)
    shuffle = shuffle and bool(question.settings.get("shuffle", True))
    if question.kind == "multichoice":
        ids = [answer.pk for answer in answers]
        if shuffle:
            rng.shuffle(ids)
        return ids
    if question.kind == "truefalse":
        return [answer.pk for answer in answers]
    if question.kind == "matching":
        item_ids = [answer.pk for answer in matching.items(answers)]
        choice_ids = list(matching.choices(answers))
        if shuffle:
            rng.shuffle(item_ids)
        rng.shuffle(choice_ids)
        return item_ids + choice_ids
    return []


def attempt_fraction(rows: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """max(0, Σ mark × fraction) / Σ marks, over (mark, fraction) of graded questions.

    None while a question is still to be graded; 0 when there is nothing to
    grade at all.
    """
    earned, total = Decimal("0"), Decimal("0")
    for mark, earned_fraction in rows:
        if earned_fraction is None:
            return None
        earned += mark * earned_fraction
        total += mark
    if total <= 0:
        return Decimal("0").quantize(FRACTION_PLACES)
    return (max(earned, Decimal("0")) / total).quantize(FRACTION_PLACES)


__all__ = [
    "answer_order",
    "attempt_fraction",
    "grade_response",
    "is_graded",
    "is_manual",
    "response_clean",
    "response_feedback",
    "right_answers",
]

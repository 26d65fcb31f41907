"""Multiple choice (one or several answers) and true/false.

Responses: {"answer": <answer id>} for one answer (true/false too),
{"answers": [<answer id>, …]} when several may be chosen.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.questions.normalise import fraction


def is_single(question) -> bool:
    return question.kind == "truefalse" or bool(question.settings.get("single", True))


def _answer_id(value, ids: set[int]) -> int:
    try:
        answer_id = int(value)
    except (TypeError, ValueError):
        answer_id = None
    if answer_id not in ids:
        raise ValidationError(_("Choose one of the answers offered."))
    return answer_id


def clean(question, answers, raw: dict) -> dict | None:
    ids = {answer.pk for answer in answers}
    if is_single(question):
        value = raw.get("answer")
        if value in (None, ""):
            return None
        return {"answer": _answer_id(value, ids)}
    values = raw.get("answers")
    if values in (None, "", []):
        return None
    if not isinstance(values, list):
        raise ValidationError(_("Choose one of the answers offered."))
    return {"answers": sorted({_answer_id(value, ids) for value in values})}


def chosen_ids(question, response: dict | None) -> list[int]:
    if not response:
        return []
    if is_single(question):
        return [response["answer"]] if response.get("answer") is not None else []
    return list(response.get("answers", []))


def grade(question, answers, response: dict | None) -> Decimal:
    """One answer: its fraction (negative allowed). Several: the sum, within [0, 1]."""
    by_id = {answer.pk: answer.fraction for answer in answers}
    chosen = [by_id[pk] for pk in chosen_ids(question, response) if pk in by_id]
    if is_single(question):
        return fraction(chosen[0] if chosen else 0)
    total = sum(chosen, Decimal("0"))
    return fraction(min(max(total, Decimal("0")), Decimal("1")))


def right_answers(question, answers) -> list[str]:
    """The answers that earn the most (one answer) or that earn something (several)."""
    if is_single(question):
        best = max((answer.fraction for answer in answers), default=Decimal("0"))
        return [answer.text for answer in answers if best > 0 and answer.fraction == best]
    return [answer.text for answer in answers if answer.fraction > 0]


def feedback(question, answers, response: dict | None) -> list[str]:
    chosen = set(chosen_ids(question, response))
    return [answer.feedback for answer in answers if answer.pk in chosen and answer.feedback]

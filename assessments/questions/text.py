"""Short answer (compared with patterns) and essay (graded by a tutor).

Responses: {"text": "…"}.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.questions.normalise import collapse_spaces, fold, fraction, wildcard_matches

SHORT_MAX_LENGTH = 1_000
ESSAY_MAX_LENGTH = 50_000


def _clean_text(raw: dict, *, max_length: int, keep_lines: bool) -> dict | None:
    text = raw.get("text")
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValidationError(_("Write your answer as text."))
    text = text.replace("\r\n", "\n").strip() if keep_lines else collapse_spaces(text)
    if len(text) > max_length:
        raise ValidationError(
            _("Your answer is too long: at most %(count)d characters.") % {"count": max_length}
        )
    return {"text": text} if text else None


def clean_short(question, answers, raw: dict) -> dict | None:
    return _clean_text(raw, max_length=SHORT_MAX_LENGTH, keep_lines=False)


def clean_essay(question, answers, raw: dict) -> dict | None:
    return _clean_text(raw, max_length=ESSAY_MAX_LENGTH, keep_lines=True)


def _folder(question):
    options = {
        "case_sensitive": bool(question.settings.get("case_sensitive", False)),
        "accent_sensitive": bool(question.settings.get("accent_sensitive", False)),
    }
    return lambda text: fold(text, **options)


def matching_answer(question, answers, response: dict | None):
    """The first answer, in the author's order, whose pattern the response matches."""
    if not response or not response.get("text"):
        return None
    folded = _folder(question)
    given = folded(response["text"])
    for answer in answers:
        if wildcard_matches(folded(answer.text), given):
            return answer
    return None


def grade_short(question, answers, response: dict | None) -> Decimal:
    answer = matching_answer(question, answers, response)
    return fraction(answer.fraction if answer else 0)


def right_short(question, answers) -> list[str]:
    best = max((answer.fraction for answer in answers), default=Decimal("0"))
    return [answer.text for answer in answers if best > 0 and answer.fraction == best][:1]


def feedback_short(question, answers, response: dict | None) -> list[str]:
    answer = matching_answer(question, answers, response)
    return [answer.feedback] if answer and answer.feedback else []


def word_count(text: str) -> int:
    return len(text.split())

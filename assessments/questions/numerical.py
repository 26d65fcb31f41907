"""Numerical questions: a number, within a tolerance, with an optional unit.

Response: {"text": "3,5 m"} — kept as typed, so a reload shows exactly what
the person wrote; it is read as a number only when graded.

Settings: units [{unit, multiplier}] (the value in the first unit is the
typed number divided by its unit's multiplier, as in Moodle: with m = 1 and
cm = 100, "350 cm" is 3.5), unit_required and unit_penalty (the share of the
question's mark lost when the unit is missing or unknown; a right number
never falls below zero because of it). An answer's text is a number or `*`
(any number).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.questions.normalise import fold, fraction, parse_number

MAX_LENGTH = 100


def clean(question, answers, raw: dict) -> dict | None:
    text = raw.get("text")
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValidationError(_("Write a number."))
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Your answer is too long: at most %(count)d characters.") % {"count": MAX_LENGTH}
        )
    return {"text": text} if text else None


def _units(question) -> dict[str, Decimal]:
    units = {}
    for row in question.settings.get("units") or []:
        try:
            multiplier = Decimal(str(row.get("multiplier", 1)))
        except (InvalidOperation, AttributeError):
            continue
        if row.get("unit") and multiplier:
            units[fold(str(row["unit"]), case_sensitive=True)] = multiplier
    return units


def read(question, response: dict | None) -> tuple[Decimal, bool] | None:
    """The response's value in the first unit, and whether its unit was right."""
    if not response or not response.get("text"):
        return None
    parsed = parse_number(response["text"])
    if parsed is None:
        return None
    number, unit = parsed
    units = _units(question)
    if not units:
        return (number, True) if not unit else None
    multiplier = units.get(fold(unit, case_sensitive=True)) if unit else None
    if multiplier is None:
        return number, False
    return number / multiplier, True


def _answer_value(answer) -> Decimal | None:
    text = answer.text.strip()
    if text == "*":
        return None
    parsed = parse_number(text)
    return parsed[0] if parsed else None


def matching_answer(question, answers, response: dict | None):
    reading = read(question, response)
    if reading is None:
        return None, False
    value, unit_right = reading
    for answer in answers:
        expected = _answer_value(answer)
        tolerance = abs(answer.tolerance or Decimal("0"))
        if answer.text.strip() == "*" or (
            expected is not None and abs(value - expected) <= tolerance
        ):
            return answer, unit_right
    return None, unit_right


def grade(question, answers, response: dict | None) -> Decimal:
    answer, unit_right = matching_answer(question, answers, response)
    if answer is None:
        return fraction(0)
    earned = answer.fraction
    if question.settings.get("unit_required") and not unit_right and earned > 0:
        penalty = Decimal(str(question.settings.get("unit_penalty", "0.1")))
        earned = max(earned - penalty, Decimal("0"))
    return fraction(earned)


def right_answers(question, answers) -> list[str]:
    best = max((answer.fraction for answer in answers), default=Decimal("0"))
    units = question.settings.get("units") or []
    suffix = f" {units[0]['unit']}" if units and units[0].get("unit") else ""
    shown = []
    for answer in answers:
        if best > 0 and answer.fraction == best and answer.text.strip() != "*":
            tolerance = f" ± {answer.tolerance.normalize()}" if answer.tolerance else ""
            shown.append(f"{answer.text.strip()}{tolerance}{suffix}")
    return shown


def feedback(question, answers, response: dict | None) -> list[str]:
    answer, _unit_right = matching_answer(question, answers, response)
    return [answer.feedback] if answer and answer.feedback else []

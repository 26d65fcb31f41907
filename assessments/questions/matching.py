"""Matching: pair each item with its partner; extra partners are distractors.

Answers with a text are the items, their `match_text` the right partner; an
answer with an empty text only adds its `match_text` as a distractor. The
choices offered are the distinct partners, each named by the id of the first
answer that carries it. Response: {"matches": {"<item id>": <choice id>}}.
The grade is the share of items matched right (Moodle's semantics).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.questions.normalise import fraction


def items(answers) -> list:
    return [answer for answer in answers if answer.text.strip()]


def choices(answers) -> dict[int, str]:
    """Choice id → text, one per distinct partner (distractors included)."""
    seen: dict[str, int] = {}
    for answer in answers:
        text = answer.match_text.strip()
        if text and text not in seen:
            seen[text] = answer.pk
    return {pk: text for text, pk in seen.items()}


def layout(answers, order: list[int]) -> tuple[list[int], list[int]]:
    """The item ids and the choice ids in the order an attempt stored them.

    `order` is the items' ids followed by the choices' ids (see
    `assessments.questions.answer_order`); anything missing from it (an answer
    added since) comes last, in the author's order.
    """
    item_ids = [answer.pk for answer in items(answers)]
    choice_ids = list(choices(answers))
    stored_items = [pk for pk in order[: len(item_ids)] if pk in item_ids]
    stored_choices = [pk for pk in order[len(item_ids) :] if pk in choice_ids]
    return (
        stored_items + [pk for pk in item_ids if pk not in stored_items],
        stored_choices + [pk for pk in choice_ids if pk not in stored_choices],
    )


def clean(question, answers, raw: dict) -> dict | None:
    matches = raw.get("matches")
    if not matches:
        return None
    if not isinstance(matches, dict):
        raise ValidationError(_("Choose a partner for each item."))
    item_ids = {answer.pk for answer in items(answers)}
    choice_ids = set(choices(answers))
    cleaned = {}
    for item, choice in matches.items():
        if choice in (None, ""):
            continue
        try:
            item_id, choice_id = int(item), int(choice)
        except (TypeError, ValueError):
            item_id = choice_id = None
        if item_id not in item_ids or choice_id not in choice_ids:
            raise ValidationError(_("Choose a partner for each item."))
        cleaned[str(item_id)] = choice_id
    return {"matches": cleaned} if cleaned else None


def grade(question, answers, response: dict | None) -> Decimal:
    stems = items(answers)
    if not stems:
        return fraction(0)
    offered = choices(answers)
    given = (response or {}).get("matches", {})
    right = sum(
        1 for item in stems if offered.get(given.get(str(item.pk))) == item.match_text.strip()
    )
    return fraction(Decimal(right) / Decimal(len(stems)))


def right_answers(question, answers) -> list[str]:
    return [f"{item.text} → {item.match_text}" for item in items(answers)]


def feedback(question, answers, response: dict | None) -> list[str]:
    return []

"""The answer block of a GIFT question, per type, as Moodle's qformat_gift reads it.

`Context` carries what the question's reader knows: where the block starts (for
line numbers), the question's text format (answers and feedback default to it)
and where dropped files are collected. Escaped control characters arrive here as
placeholders (see `ESCAPES`) and become characters again only in finished texts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.importers.common import check_grades, number_text, parse_decimal
from assessments.importers.spec import AnswerSpec, QuestionFileError
from assessments.importers.text import MOODLE, format_name, to_html

# A backslash before one of these makes it text (`\n` is a line break).
ESCAPES = {c: chr(0xE000 + ord(c)) for c in "\\:#=~{}n"}
ESCAPE_RE = re.compile(r"\\([\\:#=~{}n])")
_UNESCAPE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in ESCAPES.items()})
_FORMAT_MARK = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%\s*(-?\s*\d+(?:[.,]\d*)?)\s*%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
NUMERICAL_SETTINGS = {"units": [], "unit_required": False, "unit_penalty": "0.1"}


def escape_placeholders(text: str) -> str:
    return ESCAPE_RE.sub(lambda m: ESCAPES[m.group(1)], text)


def unescape(text: str) -> str:
    return text.translate(_UNESCAPE)


def split_format(text: str, default: str) -> tuple[str, str]:
    """`[html]text` → ("text", "html"); without a known marker the default format."""
    text = text.strip()
    match = _FORMAT_MARK.match(text)
    if match:
        return unescape(text[match.end() :]).strip(), format_name(match.group(1))
    return unescape(text).strip(), default


@dataclass
class Context:
    name: str
    line: int
    line_of: Callable[[int], int]  # offset in the block → line in the file
    text_format: str = MOODLE
    dropped: list[str] = field(default_factory=list)

    def html(self, raw: str) -> str:
        text, text_format = split_format(raw, self.text_format)
        converted, dropped = to_html(text, text_format)
        self.dropped.extend(dropped)
        return converted

    def fail(self, offset: int, message: str):
        raise QuestionFileError(self.line_of(offset), message)


def pieces(text: str, offset: int, *, tilde: bool) -> list[tuple[int, str]]:
    """Split an answer list at each `=` and, for multiple choice, each `~`, with each
    piece's offset. A multiple-choice piece keeps its `=` (it marks a right answer);
    the separators are dropped otherwise. Empty pieces are left out."""
    found, start = [], 0
    for index, char in enumerate(text):
        if char == "~" and tilde:
            found.append((start, text[start:index]))
            start = index + 1
        elif char == "=":
            found.append((start, text[start:index]))
            start = index if tilde else index + 1
    found.append((start, text[start:]))
    result = []
    for start, piece in found:
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            result.append((offset + start + lead, piece.strip()))
    return result


def _weight(piece: str, default: Decimal) -> tuple[Decimal, str]:
    match = _WEIGHT.match(piece)
    if not match:
        return default, piece
    number = parse_decimal(match.group(1).replace(" ", ""))
    if number is None:
        return default, piece
    return number / 100, piece[match.end() :]


def _comment(ctx: Context, piece: str) -> tuple[str, str]:
    """`answer#feedback` → (raw answer, feedback HTML)."""
    answer, _sep, feedback = piece.partition("#")
    return answer, ctx.html(feedback)


def multichoice(ctx: Context, text: str, offset: int) -> tuple[list[AnswerSpec], dict]:
    answers, single = [], False
    for _start, piece in pieces(text, offset, tilde=True):
        if piece.startswith("="):
            single = True
            fraction, piece = _weight(piece[1:].strip(), Decimal("1"))
        else:
            fraction, piece = _weight(piece, Decimal("0"))
        raw, feedback = _comment(ctx, piece)
        answers.append(AnswerSpec(text=ctx.html(raw), fraction=fraction, feedback=feedback))
    if len(answers) < 2:
        ctx.fail(offset, _("A multiple-choice question needs at least two answers."))
    check_grades(answers, line=ctx.line, name=ctx.name)
    return answers, {"single": single, "shuffle": True}


def matching(ctx: Context, text: str, offset: int) -> tuple[list[AnswerSpec], dict]:
    answers = []
    for start, piece in pieces(text, offset, tilde=False):
        item, arrow, partner = piece.partition("->")
        if not arrow:
            ctx.fail(start, _("Each pair of a matching question is written “item -> match”."))
        answers.append(AnswerSpec(text=ctx.html(item), match_text=unescape(partner).strip()))
    if len(answers) < 2:
        ctx.fail(offset, _("A matching question needs at least two pairs."))
    return answers, {"shuffle": True}


def truefalse(ctx: Context, text: str) -> tuple[list[AnswerSpec], dict]:
    value, _sep, rest = text.partition("#")
    wrong, _sep, right = rest.partition("#")
    correct = _TRUE_FALSE[value.strip().upper()]
    wrong_html, right_html = ctx.html(wrong), ctx.html(right)
    return [
        AnswerSpec("true", Decimal(int(correct)), right_html if correct else wrong_html),
        AnswerSpec("false", Decimal(int(not correct)), wrong_html if correct else right_html),
    ], {}


def is_truefalse(text: str) -> bool:
    return text.partition("#")[0].strip().upper() in _TRUE_FALSE


def shortanswer(ctx: Context, text: str, offset: int) -> tuple[list[AnswerSpec], dict]:
    answers = []
    for _start, piece in pieces(text, offset, tilde=False):
        fraction, piece = _weight(piece, Decimal("1"))
        raw, feedback = _comment(ctx, piece)
        answer = split_format(raw, ctx.text_format)[0]
        answers.append(AnswerSpec(text=answer, fraction=fraction, feedback=feedback))
    if not answers:
        ctx.fail(offset, _("A short-answer question needs at least one answer."))
    check_grades(answers, line=ctx.line, name=ctx.name)
    return answers, {"case_sensitive": False, "accent_sensitive": False}


def _number(ctx: Context, start: int, raw: str) -> tuple[str, Decimal | None]:
    """`1822`, `1822:2` or `1821..1823` → (answer, tolerance); `*` for any number."""
    raw = raw.strip()
    if raw == "*":
        return "*", None
    low, dots, high = raw.partition("..")
    if dots and low.strip():
        low_value, high_value = parse_decimal(low), parse_decimal(high)
        if low_value is None or high_value is None:
            ctx.fail(start, _("“%(value)s” is not a range of numbers.") % {"value": raw})
        middle = (low_value + high_value) / 2
        return number_text(middle), abs(high_value - middle)
    value, colon, margin = raw.partition(":")
    number = parse_decimal(value)
    tolerance = parse_decimal(margin) if colon else Decimal("0")
    if number is None or tolerance is None:
        ctx.fail(
            start, _("“%(value)s” is not a number (with an optional :margin).") % {"value": raw}
        )
    return number_text(number), abs(tolerance)


def numerical(ctx: Context, text: str, offset: int) -> tuple[list[AnswerSpec], dict]:
    text, offset = text[1:], offset + 1  # the leading "#"
    text, tilde, wrong = text.partition("~")
    answers = []
    for start, piece in pieces(text, offset, tilde=False):
        fraction, piece = _weight(piece, Decimal("1"))
        raw, feedback = _comment(ctx, piece)
        value, tolerance = _number(ctx, start, unescape(raw))
        answers.append(AnswerSpec(value, fraction, feedback, tolerance=tolerance))
    if not answers:
        ctx.fail(offset, _("A numerical question needs at least one number."))
    check_grades(answers, line=ctx.line, name=ctx.name)
    if tilde:
        answers.append(AnswerSpec("*", Decimal("0"), _comment(ctx, wrong)[1]))
    return answers, dict(NUMERICAL_SETTINGS)

"""Text and number normalisation shared by the question kinds (pure functions)."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

FRACTION_PLACES = Decimal("0.0000001")
_SPACES = re.compile(r"\s+")


def fraction(value) -> Decimal:
    """A question fraction: clamped to [-1, 1], stored with seven decimals."""
    value = min(max(Decimal(value), Decimal("-1")), Decimal("1"))
    return value.quantize(FRACTION_PLACES)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    """ "Política" → "Politica": NFD, drop the combining marks, back to NFC."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def fold(text: str, *, case_sensitive: bool = False, accent_sensitive: bool = False) -> str:
    """The form two short answers are compared in."""
    text = collapse_spaces(unicodedata.normalize("NFC", text))
    if not accent_sensitive:
        text = strip_accents(text)
    if not case_sensitive:
        text = text.casefold()
    return text


def wildcard_matches(pattern: str, text: str) -> bool:
    """Moodle's short-answer pattern: `*` stands for any text, `\\*` for a real asterisk."""
    parts = re.split(r"(?<!\\)\*", pattern)
    regex = ".*".join(re.escape(part.replace("\\*", "*")) for part in parts)
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


# --- Numbers -------------------------------------------------------------------

_MINUS = "−–-"  # minus sign, en dash, hyphen-minus (what people type)
_GROUP_SPACES = " \u00a0\u202f"
_NUMBER = re.compile(
    rf"^(?P<sign>[+{_MINUS}]?)\s*"
    rf"(?P<body>(?:\d[\d.,{_GROUP_SPACES}]*\d|\d)|[.,]\d+)"
    r"(?P<exponent>[eE][+-]?\d+)?"
    r"\s*(?P<unit>.*)$",
    re.DOTALL,
)
_GROUPED = re.compile(r"^\d{1,3}(?:SEP\d{3})+$")


def _grouped(integer: str, separator: str) -> bool:
    pattern = _GROUPED.pattern.replace("SEP", re.escape(separator))
    return re.match(pattern, integer) is not None


def _plain_digits(body: str) -> str | None:
    """ "1.234,5" → "1234.5"; "1,234.5" → "1234.5"; "3,5" → "3.5"; None when unreadable.

    With both marks, the last one is the decimal mark and the other groups
    thousands. With one mark appearing once, it is the decimal mark (3,5 and
    3.5 are both three and a half; "1.234" is read as 1.234). A mark appearing
    several times groups thousands (1.234.567). Spaces group thousands too
    ("1 234,5").
    """
    for space in _GROUP_SPACES:
        body = body.replace(space, " ")
    commas, points = body.count(","), body.count(".")
    if " " in body:
        if commas + points > 1:
            return None
        integer, _sep, decimals = re.split(r"([.,])", body) if commas + points else (body, "", "")
        if not _grouped(integer, " "):
            return None
        return integer.replace(" ", "") + ("." + decimals if decimals else "")
    if commas and points:
        decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        if body.count(decimal_mark) > 1:
            return None
        integer, _sep, decimals = body.partition(decimal_mark)
        if not _grouped(integer, group_mark):
            return None
        return integer.replace(group_mark, "") + "." + decimals
    mark = "," if commas else "." if points else ""
    if not mark:
        return body
    if body.count(mark) == 1:
        return body.replace(mark, ".")
    return body.replace(mark, "") if _grouped(body, mark) else None


def parse_number(text: str) -> tuple[Decimal, str] | None:
    """A number as people type it, with what follows it (the unit): ("3,5 m") → (3.5, "m")."""
    match = _NUMBER.match(collapse_spaces(text or ""))
    if match is None:
        return None
    digits = _plain_digits(match["body"].strip())
    if digits is None:
        return None
    if digits.startswith("."):
        digits = "0" + digits
    sign = "-" if match["sign"] and match["sign"] in _MINUS else ""
    try:
        value = Decimal(sign + digits + (match["exponent"] or ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value, match["unit"].strip()

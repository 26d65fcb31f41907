"""Rules every format shares: Moodle's allowed grades, numbers, names, category paths."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from assessments.importers.spec import AnswerSpec, QuestionFileError
from assessments.importers.text import shorten, to_plain

NAME_LENGTH = 255
IDNUMBER_LENGTH = 100
CATEGORY_NAME_LENGTH = 255
DEFAULT_NAME_LENGTH = 80

# Moodle's grade options (question_bank::fraction_options_full): p/q for q <= 6,
# p/10, 1/q for q <= 10 and 1/20, positive and negative. Moodle refuses a file
# with any other grade; we accept one within 0.05 percentage points of an allowed
# grade (what someone writing "33.3" or "16.67" means: allowed grades are at least
# 1 point apart) and store the exact grade. 33 is refused, as Moodle refuses it.
_RAW_GRADES = (
    "1", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4",
    "0.3333333", "0.3", "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111",
    "0.1", "0.05", "0",
)  # fmt: skip
ALLOWED_GRADES = tuple(
    sorted({Decimal(g) for g in _RAW_GRADES} | {-Decimal(g) for g in _RAW_GRADES}, reverse=True)
)
GRADE_TOLERANCE = Decimal("0.0005")
_CATEGORY_SPLIT = re.compile(r"(?<!/)/(?!/)")
_CONTEXT_PREFIXES = ("$course$", "$system$", "$module$", "$coursecategory$", "$cat$")


def allowed_grade(fraction: Decimal) -> Decimal | None:
    """The allowed grade `fraction` stands for, or None when it is not one."""
    for grade in ALLOWED_GRADES:
        if abs(fraction - grade) <= GRADE_TOLERANCE:
            return grade
    return None


def percent(fraction: Decimal) -> str:
    value = (fraction * 100).quantize(Decimal("0.00001")).normalize()
    return format(value, "f")


def check_grades(
    answers: list[AnswerSpec], *, line: int, name: str, lines: list[int] | None = None
) -> None:
    """Snap each answer's grade to Moodle's allowed grades; refuse the file otherwise
    (at the answer's line when known), and refuse a question in which no answer
    earns anything."""
    for index, answer in enumerate(answers):
        grade = allowed_grade(answer.fraction)
        if grade is None:
            raise QuestionFileError(
                lines[index] if lines else line,
                _(
                    "Question “%(name)s” has a grade that is not allowed: %(grade)s%%. "
                    "Grades must be 100%%, 90%%, 83.33333%%, 80%%, 75%%, 70%%, 66.66667%%, "
                    "60%%, 50%%, 40%%, 33.33333%%, 30%%, 25%%, 20%%, 16.66667%%, 14.28571%%, "
                    "12.5%%, 11.11111%%, 10%%, 5%%, 0%% or the same negative."
                )
                % {"name": name, "grade": percent(answer.fraction)},
            )
        answer.fraction = grade
    if not any(answer.fraction > 0 for answer in answers):
        raise QuestionFileError(
            line, _("Question “%(name)s” has no answer that earns marks.") % {"name": name}
        )


def parse_decimal(value: str | None) -> Decimal | None:
    """A number as people write it: `3.14`, `-2`, `1e3`, or `3,14` with a decimal comma."""
    value = (value or "").strip()
    if "," in value and "." not in value and value.count(",") == 1:
        value = value.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def number_text(value: Decimal) -> str:
    """A number without exponent or trailing zeros: 1822, 3.1415, -0.5."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def question_name(name: str, text_html: str) -> str:
    """The given name (plain, shortened), else the start of the question's text."""
    name = shorten(to_plain(name), NAME_LENGTH)
    if name:
        return name
    name = shorten(to_plain(text_html), DEFAULT_NAME_LENGTH)
    return name or _("Untitled question")


def split_category_path(path: str) -> tuple[str, ...]:
    """A Moodle category path as the names below the course's own bank.

    `$course$/top/Default for X/A//B/C` → ("A/B", "C"): the context prefix, `top`
    and the course's default category ("Default for …") stand for the bank's root;
    `//` is a slash inside a name.
    """
    names = [
        shorten(" ".join(raw.replace("//", "/").split()), CATEGORY_NAME_LENGTH)
        for raw in _CATEGORY_SPLIT.split(path.strip())
    ]
    names = [name for name in names if name]
    if names and names[0].lower() in _CONTEXT_PREFIXES:
        names.pop(0)
    if names and names[0].lower() == "top":
        names.pop(0)
    if names and names[0].lower().startswith("default for "):
        names.pop(0)
    return tuple(names)


def join_category_path(names: tuple[str, ...]) -> str:
    """The inverse of `split_category_path`, as Moodle writes it."""
    escaped = []
    for name in names:
        name = name.replace("/", "//")
        if name.startswith("/"):
            name = " " + name
        if name.endswith("/"):
            name += " "
        escaped.append(name)
    return "/".join(["$course$", "top", *escaped])

"""Questions → GIFT, as Moodle's qformat_gift writes it, so Moodle and we read it back.

Every text is written as `[html]` (what we store), with GIFT's control characters
escaped and line ends as `\\n`, so each question stays one block. `$CATEGORY:`
lines keep the categories; `// [id:…]` keeps the ID number. GIFT has no place for
a default mark, numerical units, shuffling or essay word limits: those stay behind.
"""

import html
from collections.abc import Iterable
from decimal import Decimal

from assessments.importers.common import join_category_path, number_text, percent
from assessments.models.questions import QuestionKind

_RESERVED = str.maketrans(
    {"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:",
     "\n": "\\n", "\r": ""}
)  # fmt: skip


def escape(text: str) -> str:
    return (text or "").translate(_RESERVED)


def _html(text: str) -> str:
    return f"[html]{escape(text)}" if text else ""


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _general_feedback(question, indent: str = "\t") -> str:
    if not question.general_feedback:
        return ""
    line = f"####{escape(question.general_feedback)}"
    return f"{indent}{line}\n" if indent else line


def category_path(question) -> tuple[str, ...]:
    path = getattr(question, "category_path", None)
    if path is not None:
        return tuple(path)
    names, category = [], question.category
    while category is not None:
        names.append(category.name)
        category = category.parent
    return tuple(reversed(names))


def _truefalse(question, answers) -> str:
    by_text = {answer.text.strip().lower(): answer for answer in answers}
    true, false = by_text.get("true"), by_text.get("false")
    true_right = true is not None and true.fraction > 0
    right, wrong = (true, false) if true_right else (false, true)
    right_feedback = escape(right.feedback) if right is not None else ""
    wrong_feedback = escape(wrong.feedback) if wrong is not None else ""
    block = "TRUE" if true_right else "FALSE"
    if wrong_feedback:
        block += f"#{wrong_feedback}"
    elif right_feedback:
        block += "#"
    if right_feedback:
        block += f"#{right_feedback}"
    return "{" + block + _general_feedback(question, "") + "}\n"


def _multichoice(question, answers) -> str:
    single = question.settings.get("single", True)
    lines = []
    for answer in answers:
        if answer.fraction == 1 and single:
            mark = "="
        elif answer.fraction == 0:
            mark = "~"
        else:
            mark = f"~%{percent(answer.fraction)}%"
        if answer.text.startswith("%") and not mark.endswith("%"):
            mark += f"%{percent(answer.fraction)}%"  # so "%50% de…" is not read as a weight
        lines.append(f"\t{mark}{escape(answer.text)}{_feedback(answer.feedback)}\n")
    return "{\n" + "".join(lines) + _general_feedback(question) + "}\n"


def _shortanswer(question, answers) -> str:
    lines = [
        f"\t=%{percent(answer.fraction)}%{escape(answer.text)}{_feedback(answer.feedback)}\n"
        for answer in answers
    ]
    return "{\n" + "".join(lines) + _general_feedback(question) + "}\n"


def _numerical(question, answers) -> str:
    lines, wrong = [], []
    for answer in answers:
        if answer.text.strip() in ("", "*") and answer.fraction == 0:
            wrong.append(f"\t~#{escape(answer.feedback)}\n")
            continue
        value = answer.text.strip()
        if value not in ("", "*"):
            value += f":{number_text(Decimal(answer.tolerance or 0))}"
        else:
            value = "*"
        weight = percent(answer.fraction)
        lines.append(f"\t=%{weight}%{value}{_feedback(answer.feedback)}\n")
    return "{#\n" + "".join(lines + wrong[:1]) + _general_feedback(question) + "}\n"


def _matching(question, answers) -> str:
    lines = [f"\t={escape(answer.text)} -> {escape(answer.match_text)}\n" for answer in answers]
    return "{\n" + "".join(lines) + _general_feedback(question) + "}\n"


_BLOCKS = {
    QuestionKind.TRUE_FALSE: _truefalse,
    QuestionKind.MULTIPLE_CHOICE: _multichoice,
    QuestionKind.SHORT_ANSWER: _shortanswer,
    QuestionKind.NUMERICAL: _numerical,
    QuestionKind.MATCHING: _matching,
}


def _question(question, number: int) -> str:
    name = " ".join(question.name.split())
    out = f"// question: {number}  name: {name}\n"
    name = html.escape(name, quote=False)  # names are read as HTML and stripped of tags
    if question.idnumber:
        out += f"// [id:{question.idnumber.replace(']', chr(92) + ']')}]\n"
    out += f"::{escape(name)}::{_html(question.text)}"
    answers = sorted(question.answers.all(), key=lambda answer: answer.position)
    if question.kind == QuestionKind.DESCRIPTION:
        return out + "\n"
    if question.kind == QuestionKind.ESSAY:
        return out + "{" + _general_feedback(question, "") + "}\n"
    return out + _BLOCKS[question.kind](question, answers)


def export_gift(questions: Iterable, *, number_from: int | None = None) -> str:
    """GIFT text for the questions (with their answers, ideally prefetched), in order.

    Each question's comment line names its database id, as Moodle's does; give
    `number_from` to count them from there instead (an export that must not depend
    on the database, such as a course package's)."""
    parts, current = [], None
    for index, question in enumerate(questions):
        path = category_path(question)
        if path != current:
            parts.append(f"// category: {'/'.join(path)}\n$CATEGORY: {join_category_path(path)}\n")
            current = path
        number = question.pk if number_from is None else number_from + index
        parts.append(_question(question, number))
    return "\n".join(parts)

"""GIFT, read the way Moodle's qformat_gift reads it (https://docs.moodle.org/en/GIFT_format).

Questions are separated by blank lines; lines starting with `//` are comments
(`// [id:…]` gives the ID number); `$CATEGORY: path` switches the category of the
questions that follow; `::name::` names a question; `[html]`, `[moodle]`,
`[plain]` or `[markdown]` sets the text format; the first `{…}` is the answer
block (at the end of the text, or in the middle: a missing-word question, whose
text gets a `_____`); text without braces is a description. Inside the block
`####` starts the general feedback and the type follows from the content: empty
essay, `#` numerical, `~` multiple choice, `=`…`->` matching, `T`/`TRUE`/`F`/
`FALSE` true/false, otherwise short answer. Embedded-answer (Cloze) text such as
`{1:MULTICHOICE:…}` is reported as an unsupported type.

Anything Moodle would refuse (unbalanced braces, too few answers, a grade that
is not allowed, a number that is not one) refuses the whole file, with its line.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.importers import gift_answers as answers
from assessments.importers.common import IDNUMBER_LENGTH, question_name, split_category_path
from assessments.importers.spec import (
    CategorySpec,
    DroppedFile,
    ParsedBank,
    QuestionFileError,
    QuestionSpec,
    Unsupported,
)
from assessments.models.questions import QuestionKind

CLOZE = "cloze"
_CLOZE_TYPES = (
    "MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|MULTICHOICE_S|MCS|MULTICHOICE_VS|"
    "MCVS|MULTICHOICE_HS|MCHS|MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|MULTIRESPONSE_S|MRS|"
    "MULTIRESPONSE_HS|MRHS|SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|NUMERICAL|NM"
)
CLOZE_MARKER = re.compile(rf"\{{\s*\d*\s*:\s*(?:{_CLOZE_TYPES})\s*[:}}]", re.IGNORECASE)
_IDNUMBER = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
_MISSING_WORD = "_____"


def _blocks(text: str):
    """(first line number, lines) of each run of non-blank lines, each line stripped."""
    current: list[str] = []
    start = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


def _split_point(lines: list[str], first: int) -> int | None:
    """Where a second question starts when the blank line before it was forgotten.

    Moodle would read such a block as one (garbled) question. A new question starts,
    at depth 0, with a `$CATEGORY:` line, or — once this question's answer block has
    closed — with a `::name::` line or any line when another answer block follows.
    Cloze text, with its many blocks, is left whole. Comment lines just before the
    new question go with it.
    """
    if CLOZE_MARKER.search("\n".join(lines)):
        return None
    depth, closed = 0, False
    for index, line in enumerate(lines):
        if line.startswith("//"):
            continue
        if index > first and depth == 0:
            later = "".join(rest for rest in lines[index:] if not rest.startswith("//"))
            if line.startswith("$CATEGORY:") or (
                closed and (line.startswith("::") or "{" in later)
            ):
                while index > first + 1 and lines[index - 1].startswith("//"):
                    index -= 1
                return index
        for char in line:
            if char == "{":
                depth += 1
            elif char == "}" and depth:
                depth -= 1
                closed = closed or depth == 0
    return None


class _Reader:
    def __init__(self, bank: ParsedBank):
        self.bank = bank
        self.category: tuple[str, ...] = ()

    def block(self, first_line: int, lines: list[str]) -> None:
        escaped = [
            line if line.startswith("//") else answers.escape_placeholders(line) for line in lines
        ]
        content = [index for index, line in enumerate(escaped) if not line.startswith("//")]
        if not content:
            return  # comments only
        first = content[0]
        if escaped[first].startswith("$CATEGORY:"):
            path = answers.unescape(escaped[first][len("$CATEGORY:") :])
            self.category = split_category_path(path)
            self.bank.categories.append(CategorySpec(self.category, line=first_line + first))
            if lines[first + 1 :]:
                self.block(first_line + first + 1, lines[first + 1 :])
            return
        split = _split_point(escaped, first)
        if split is not None:
            self.block(first_line, lines[:split])
            self.block(first_line + split, lines[split:])
            return
        comments = "\n".join(line for line in lines if line.startswith("//"))
        body = "\n".join("" if line.startswith("//") else line for line in escaped)

        def line_of(offset: int) -> int:
            return first_line + body.count("\n", 0, max(offset, 0))

        self.question(body, len(body) - len(body.lstrip()), line_of, comments)

    def question(self, body: str, start: int, line_of, comments: str) -> None:
        line = line_of(start)
        name = ""
        if body.startswith("::", start):
            end = body.find("::", start + 2)
            if end >= 0:
                name = answers.unescape(body[start + 2 : end])
            start = end + 2 if end >= 0 else start + 2  # Moodle drops an unclosed "::"
            start += len(body[start:]) - len(body[start:].lstrip())
        text = body[start:].rstrip()
        if CLOZE_MARKER.search(text):
            plain = question_name(name, answers.unescape(text))
            self.bank.unsupported.append(Unsupported(CLOZE, line, plain))
            return
        opening, closing = text.find("{"), text.find("}")
        if (opening < 0) != (closing < 0) or closing < opening:
            brace = opening if closing < 0 else closing
            raise QuestionFileError(
                line_of(start + brace),
                _("An answer block is not closed: “{” and “}” must go in pairs."),
            )
        if opening < 0:
            question_text, block = text, None
        else:
            block_text = text[opening + 1 : closing]
            filler = "" if text.endswith("}") else _MISSING_WORD
            question_text = text[:opening] + filler + text[closing + 1 :]
            block = (block_text, start + opening + 1)
        self.build(name, question_text, block, line, line_of, comments)

    def build(self, name, question_text, block, line, line_of, comments) -> None:
        text_format = answers.split_format(question_text, answers.MOODLE)[1]
        ctx = answers.Context(name="", line=line, line_of=line_of, text_format=text_format)
        text = ctx.html(question_text)
        ctx.name = question_name(name, text)
        spec = QuestionSpec(
            kind=QuestionKind.DESCRIPTION,
            name=ctx.name,
            text=text,
            text_format=text_format,
            category_path=self.category,
            line=line,
            idnumber=_idnumber(comments),
        )
        if block is None:
            spec.default_mark = Decimal("0")
        else:
            block_text, offset = block
            feedback_at = block_text.rfind("####")
            if feedback_at >= 0:
                spec.general_feedback = ctx.html(block_text[feedback_at + 4 :])
                block_text = block_text[:feedback_at]
            lead = len(block_text) - len(block_text.lstrip())
            spec.kind, spec.answers, spec.settings = _answers(
                ctx, block_text.strip(), offset + lead
            )
        for filename in ctx.dropped:
            self.bank.dropped_files.append(DroppedFile(filename, line, spec.name))
        self.bank.questions.append(spec)


def _answers(ctx, text: str, offset: int):
    if not text:
        return QuestionKind.ESSAY, [], {}
    if text.startswith("#"):
        return QuestionKind.NUMERICAL, *answers.numerical(ctx, text, offset)
    if "~" in text:
        return QuestionKind.MULTIPLE_CHOICE, *answers.multichoice(ctx, text, offset)
    if "=" in text and "->" in text:
        return QuestionKind.MATCHING, *answers.matching(ctx, text, offset)
    if answers.is_truefalse(text):
        return QuestionKind.TRUE_FALSE, *answers.truefalse(ctx, text)
    return QuestionKind.SHORT_ANSWER, *answers.shortanswer(ctx, text, offset)


def _idnumber(comments: str) -> str:
    match = _IDNUMBER.search(comments)
    return match.group(1).replace("\\]", "]").strip()[:IDNUMBER_LENGTH] if match else ""


def parse_gift(text: str, bank: ParsedBank) -> ParsedBank:
    reader = _Reader(bank)
    for first_line, lines in _blocks(text):
        reader.block(first_line, lines)
    return bank

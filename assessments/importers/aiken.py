"""Aiken: single-answer multiple choice in plain text.

    ¿Qué publica primero un municipio transparente?
    A) El presupuesto
    B. Nada
    ANSWER: A

The question's text runs until the first option (it may take several lines);
each option is a letter (Moodle wants capitals; we take small ones too), `)` or
`.`, a space and its text; `ANSWER:` names the right letter and ends the
question. Texts are plain (a `<` is a `<`). Anything else is refused with its line.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.importers.common import question_name
from assessments.importers.spec import AnswerSpec, ParsedBank, QuestionFileError, QuestionSpec
from assessments.importers.text import PLAIN, to_html
from assessments.models.questions import QuestionKind

_OPTION = re.compile(r"^([A-Za-z])[.)][ \t]+(.*)$")
_ANSWER = re.compile(r"^ANSWER[ \t]*:[ \t]*([A-Za-z]?)", re.IGNORECASE)


def _question(line: int, text: list[str], options: list[tuple[int, str, str]], letter: str):
    by_letter: dict[str, int] = {}
    for option_line, option_letter, _text in options:
        if option_letter in by_letter:
            raise QuestionFileError(
                option_line, _("Option %(letter)s appears twice.") % {"letter": option_letter}
            )
        by_letter[option_letter] = len(by_letter)
    if len(options) < 2:
        raise QuestionFileError(line, _("A question needs at least two options (A, B…)."))
    html, _dropped = to_html("\n".join(text), PLAIN)
    answers = [
        AnswerSpec(text=to_html(option, PLAIN)[0], fraction=Decimal(int(key == letter)))
        for _line, key, option in options
    ]
    return QuestionSpec(
        kind=QuestionKind.MULTIPLE_CHOICE,
        name=question_name("", html),
        text=html,
        text_format=PLAIN,
        settings={"single": True, "shuffle": True},
        answers=answers,
        line=line,
    )


def parse_aiken(text: str, bank: ParsedBank) -> ParsedBank:
    question_line, question_text, options = 0, [], []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer, option = _ANSWER.match(line), _OPTION.match(line)
        if answer:
            if not question_text:
                raise QuestionFileError(number, _("“ANSWER:” comes before any question."))
            letter = answer.group(1).upper()
            if not letter or letter not in {key for _n, key, _t in options}:
                raise QuestionFileError(
                    number,
                    _("“ANSWER:” must name one of the options' letters (%(letters)s).")
                    % {"letters": ", ".join(key for _n, key, _t in options) or "—"},
                )
            bank.questions.append(_question(question_line, question_text, options, letter))
            question_line, question_text, options = 0, [], []
        elif option and question_text:
            options.append((number, option.group(1).upper(), option.group(2).strip()))
        elif options:
            raise QuestionFileError(
                number, _("Expected another option (a letter, “)” or “.”) or the “ANSWER:” line.")
            )
        else:
            question_line = question_line or number
            question_text.append(line)
    if question_text:
        raise QuestionFileError(
            question_line, _("The question has no “ANSWER:” line with the right option.")
        )
    return bank

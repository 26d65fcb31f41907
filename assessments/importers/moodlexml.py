"""Moodle XML (https://docs.moodle.org/en/Moodle_XML_format), read as qformat_xml reads it.

`<quiz>` holds `<question type="…">` elements. `type="category"` switches the
category (`$course$/top/A/B`; a child may come before its parent) and carries its
`<info>`. Texts are `<… format="…"><text>…</text><file name="…">base64</file></…>`;
files are referred to as `@@PLUGINFILE@@/name` and images among them are kept
(see `text`). Grades are `fraction` percentages that must be Moodle's allowed
grades, as Moodle refuses a file with any other. Types other than ours (Cloze,
calculated, ordering, drag and drop, gapselect…) are reported by name and line.
"""

import base64
import binascii
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.importers.common import (
    IDNUMBER_LENGTH,
    check_grades,
    number_text,
    parse_decimal,
    question_name,
    split_category_path,
)
from assessments.importers.spec import (
    AnswerSpec,
    CategorySpec,
    DroppedFile,
    ParsedBank,
    QuestionFileError,
    QuestionSpec,
    Unsupported,
)
from assessments.importers.text import (
    HTML,
    MOODLE,
    PLUGINFILE,
    format_name,
    to_html,
    to_plain,
)
from assessments.importers.xmltree import Node, parse_xml
from assessments.models.questions import QuestionKind

_KINDS = {
    "multichoice": QuestionKind.MULTIPLE_CHOICE,
    "truefalse": QuestionKind.TRUE_FALSE,
    "shortanswer": QuestionKind.SHORT_ANSWER,
    "numerical": QuestionKind.NUMERICAL,
    "matching": QuestionKind.MATCHING,
    "match": QuestionKind.MATCHING,
    "essay": QuestionKind.ESSAY,
    "description": QuestionKind.DESCRIPTION,
}


def _flag(value: str) -> bool:
    """Moodle's trans_single: "false", "0" and empty are no, anything else yes."""
    return value.strip().lower() not in ("", "0", "false", "no")


def _files(node: Node) -> dict[str, bytes]:
    found = {}
    for file in node.iter("file"):
        try:
            found.setdefault(
                file.attrs.get("name", ""), base64.b64decode("".join(file.text.split()))
            )
        except (binascii.Error, ValueError):
            continue
    return found


class _Question:
    """One `<question>` element being read."""

    def __init__(self, node: Node, bank: ParsedBank, category: tuple[str, ...]):
        self.node, self.bank, self.category = node, bank, category
        self.files = _files(node)
        self.dropped: list[str] = []
        question_text = node.find("questiontext")
        self.format = format_name(
            question_text.attrs.get("format") if question_text is not None else ""
        )
        self.name = ""

    def html(
        self, container: Node | None, default_format: str | None = None, image: str = ""
    ) -> str:
        if container is None:
            return ""
        text_format = format_name(container.attrs.get("format"), default_format or self.format)
        files = {**self.files, **_files(container)}
        text = container.value("text") if container.find("text") is not None else container.text
        converted, dropped = to_html(text, text_format, files)
        if image:
            picture, more = to_html(f'<img src="{PLUGINFILE}{image}" alt="">', HTML, files)
            converted, dropped = f"{converted} {picture}".strip(), dropped + more
        self.dropped.extend(dropped)
        return converted

    def plain(self, container: Node | None) -> str:
        if container is None:
            return ""
        if container.find("text") is not None:
            return container.value("text")
        return container.text.strip()

    def fraction(self, answer: Node) -> Decimal:
        raw = answer.attrs.get("fraction", "0")
        value = parse_decimal(raw)
        if value is None:
            raise QuestionFileError(
                answer.line, _("“%(value)s” is not a grade (a percentage).") % {"value": raw}
            )
        return value / 100

    def fail(self, message: str):
        raise QuestionFileError(self.node.line, message)

    def read(self, kind: str) -> QuestionSpec:
        node = self.node
        text = self.html(node.find("questiontext"), self.format, image=self.old_image())
        self.name = question_name(node.value("name/text"), text)
        spec = QuestionSpec(
            kind=kind,
            name=self.name,
            text=text,
            text_format=self.format,
            general_feedback=self.html(node.find("generalfeedback")),
            default_mark=self.default_mark(),
            category_path=self.category,
            line=node.line,
            idnumber=node.value("idnumber")[:IDNUMBER_LENGTH],
        )
        spec.answers, spec.settings = getattr(self, kind)()
        if kind == QuestionKind.DESCRIPTION:
            spec.default_mark = Decimal("0")
        for filename in self.dropped:
            self.bank.dropped_files.append(DroppedFile(filename, node.line, self.name))
        return spec

    def old_image(self) -> str:
        """Files from before Moodle 2 carry one image in <image> and <image_base64>."""
        name = self.node.value("image").replace("/", "_")
        try:
            content = base64.b64decode("".join(self.node.value("image_base64").split()))
        except (binascii.Error, ValueError):
            return ""
        if not (name and content):
            return ""
        self.files.setdefault(name, content)
        return name

    def default_mark(self) -> Decimal:
        value = parse_decimal(self.node.value("defaultgrade", "1"))
        return value if value is not None and value >= 0 else Decimal("1")

    def graded(self, kind_plain: bool) -> tuple[list[AnswerSpec], list[int]]:
        answers, lines = [], []
        for answer in self.node.findall("answer"):
            text = self.plain(answer) if kind_plain else self.html(answer)
            feedback = self.html(answer.find("feedback"))
            answers.append(AnswerSpec(text=text, fraction=self.fraction(answer), feedback=feedback))
            lines.append(answer.line)
        return answers, lines

    def multichoice(self):
        answers, lines = self.graded(kind_plain=False)
        if len(answers) < 2:
            self.fail(_("A multiple-choice question needs at least two answers."))
        check_grades(answers, line=self.node.line, name=self.name, lines=lines)
        settings = {
            "single": _flag(self.node.value("single", "true")),
            "shuffle": _flag(self.node.value("shuffleanswers", "false")),
        }
        if self.node.value("answernumbering"):
            settings["numbering"] = self.node.value("answernumbering")
        return answers, settings

    def truefalse(self):
        found: dict[str, tuple[Decimal, str]] = {}
        for position, answer in enumerate(self.node.findall("answer")):
            value = self.plain(answer).lower()
            if value not in ("true", "false"):
                value = "true" if position == 0 else "false"  # old files: true, then false
            found[value] = (self.fraction(answer), self.html(answer.find("feedback")))
        if not found:
            self.fail(_("A true/false question needs its answers."))
        # Moodle: the answer "true" is right when its grade is 100%, or "false" is not.
        true_right = found["true"][0] == 1 if "true" in found else found["false"][0] != 1
        return [
            AnswerSpec("true", Decimal(int(true_right)), found.get("true", (0, ""))[1]),
            AnswerSpec("false", Decimal(int(not true_right)), found.get("false", (0, ""))[1]),
        ], {}

    def shortanswer(self):
        answers, lines = self.graded(kind_plain=True)
        if not answers:
            self.fail(_("A short-answer question needs at least one answer."))
        check_grades(answers, line=self.node.line, name=self.name, lines=lines)
        case = _flag(self.node.value("usecase", "0"))
        return answers, {"case_sensitive": case, "accent_sensitive": False}

    def numerical(self):
        answers, lines = self.graded(kind_plain=True)
        for answer, node in zip(answers, self.node.findall("answer"), strict=True):
            if node.value("fraction"):  # the old way: a 0..1 fraction element
                answer.fraction = parse_decimal(node.value("fraction")) or Decimal("0")
            tolerance = parse_decimal(node.value("tolerance", "0"))
            number = parse_decimal(answer.text)
            if answer.text in ("", "*"):
                answer.text, answer.tolerance = "*", None
            elif number is None or tolerance is None:
                raise QuestionFileError(
                    node.line, _("“%(value)s” is not a number.") % {"value": answer.text}
                )
            else:
                answer.text, answer.tolerance = number_text(number), abs(tolerance)
        if not answers:
            self.fail(_("A numerical question needs at least one number."))
        check_grades(answers, line=self.node.line, name=self.name, lines=lines)
        units = []
        for unit in self.node.iter("unit"):
            multiplier = parse_decimal(unit.value("multiplier", "1")) or Decimal("1")
            if unit.value("unit_name"):
                units.append(
                    {"unit": unit.value("unit_name"), "multiplier": number_text(multiplier)}
                )
        penalty = parse_decimal(self.node.value("unitpenalty", "0.1"))
        return answers, {
            "units": units,
            "unit_required": bool(units) and self.node.value("unitgradingtype") in ("1", "2"),
            "unit_penalty": number_text(penalty if penalty is not None else Decimal("0.1")),
        }

    def matching(self):
        answers = []
        for subquestion in self.node.findall("subquestion"):
            item = self.html(subquestion)
            partner = subquestion.value("answer/text")
            if item or partner:
                answers.append(AnswerSpec(text=item, match_text=partner))
        if len(answers) < 2:
            self.fail(_("A matching question needs at least two pairs."))
        return answers, {"shuffle": _flag(self.node.value("shuffleanswers", "1"))}

    def essay(self):
        settings = {}
        if self.node.value("responseformat"):
            settings["response_format"] = self.node.value("responseformat")
        for tag, key in (("minwordlimit", "min_words"), ("maxwordlimit", "max_words")):
            if self.node.value(tag).isdigit() and int(self.node.value(tag)) > 0:
                settings[key] = int(self.node.value(tag))
        return [], settings

    def description(self):
        return [], {}


def parse_moodle_xml(text: str, bank: ParsedBank) -> ParsedBank:
    root = parse_xml(text)
    if root.tag != "quiz":
        raise QuestionFileError(
            root.line, _("This XML is not a Moodle question file (it should start with <quiz>).")
        )
    category: tuple[str, ...] = ()
    for node in root.findall("question"):
        type_name = node.attrs.get("type", "").strip().lower()
        if type_name == "category":
            category = split_category_path(node.value("category/text"))
            info = node.find("info")
            info_html = ""
            if info is not None:
                info_format = format_name(info.attrs.get("format"), MOODLE)
                info_html = to_html(info.value("text"), info_format)[0]
            bank.categories.append(CategorySpec(category, info=info_html, line=node.line))
        elif type_name in _KINDS:
            bank.questions.append(_Question(node, bank, category).read(_KINDS[type_name]))
        else:
            name = node.value("name/text") or to_plain(node.value("questiontext/text"))
            bank.unsupported.append(
                Unsupported(type_name or "?", node.line, question_name(name, "") if name else "")
            )
    return bank

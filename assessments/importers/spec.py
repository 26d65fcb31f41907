"""What a question file says, as plain data: the parsers write it, the service stores it.

Texts follow `Question` and `Answer`: the question text, feedback, multiple-choice
answers and matching items are sanitised HTML; short answers, numbers and
"true"/"false" are plain text, as are matching partners (`match_text`).
"""

from dataclasses import dataclass, field
from decimal import Decimal


class QuestionFileError(Exception):
    """A file that cannot be imported: nothing of it is imported.

    `line` is the 1-based line of the problem (the question's first line when the
    problem is somewhere in it); `message` says what is wrong, in the active language.
    """

    def __init__(self, line: int, message: str):
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = str(message)


@dataclass
class AnswerSpec:
    text: str
    fraction: Decimal = Decimal("0")
    feedback: str = ""
    tolerance: Decimal | None = None
    match_text: str = ""


@dataclass
class QuestionSpec:
    kind: str
    name: str
    text: str
    text_format: str = "html"
    general_feedback: str = ""
    default_mark: Decimal = Decimal("1")
    settings: dict = field(default_factory=dict)
    answers: list[AnswerSpec] = field(default_factory=list)
    category_path: tuple[str, ...] = ()
    line: int = 1
    idnumber: str = ""


@dataclass(frozen=True)
class Unsupported:
    """A question of a type we do not import (Cloze, ordering, drag and drop…)."""

    type_name: str
    line: int
    name: str


@dataclass(frozen=True)
class DroppedFile:
    """A file embedded in or linked from a question that was not kept (not an image,
    too large, or missing from the file); the question itself is imported."""

    filename: str
    line: int
    name: str


@dataclass
class CategorySpec:
    """A category the file declares ($CATEGORY: in GIFT, type="category" in XML)."""

    path: tuple[str, ...]
    info: str = ""
    line: int = 1


@dataclass
class ParsedBank:
    format: str  # "gift", "moodlexml" or "aiken"
    encoding: str
    questions: list[QuestionSpec] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    categories: list[CategorySpec] = field(default_factory=list)
    dropped_files: list[DroppedFile] = field(default_factory=list)

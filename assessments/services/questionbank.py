"""The question bank's verbs: categories, importing question files, choosing what to export.

An import reads the whole file first (`assessments.importers`), then writes
everything in one transaction or nothing: a malformed file raises
`ValidationError` with its line number. Categories come from the file's paths
(Moodle's `$course$/top/…` and its "Default for …" category stand for the
bank's root, or for the category chosen to import into); existing categories of
the same name and place are reused. Importing the same file twice creates its
questions twice, as Moodle does.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from assessments.importers import (
    FORMAT_NAMES,
    DroppedFile,
    ParsedBank,
    QuestionFileError,
    QuestionSpec,
    Unsupported,
    parse_question_file,
)
from assessments.models import Answer, Question, QuestionCategory, QuestionKind
from courses.models import Course

DEFAULT_CATEGORY = "General"
NAME_LENGTH = 255
MAX_MARK = Decimal("9999.99")
MAX_TOLERANCE = Decimal("1E13")
_CENTS = Decimal("0.01")
_SEVEN_PLACES = Decimal("0.0000001")
_BATCH = 500


@dataclass
class QuestionImportReport:
    format: str
    encoding: str
    created: dict[str, int] = field(default_factory=dict)
    categories_created: list[str] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    dropped_files: list[DroppedFile] = field(default_factory=list)
    ok: bool = True

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)

    @property
    def total(self) -> int:
        return sum(self.created.values())

    @property
    def created_by_kind(self) -> list[tuple[str, str, int]]:
        """(kind, its label, count) in the order of `QuestionKind`, kinds imported only."""
        return [
            (kind.value, str(kind.label), self.created[kind.value])
            for kind in QuestionKind
            if self.created.get(kind.value)
        ]


def _path_label(path: tuple[str, ...]) -> str:
    return " / ".join(path)


@transaction.atomic
def question_category_create(
    *, course: Course, name: str, parent: QuestionCategory | None = None, info: str = ""
) -> QuestionCategory:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the category a name."))
    if len(name) > NAME_LENGTH:
        raise ValidationError(
            _("The name is too long (at most %(count)d characters).") % {"count": NAME_LENGTH}
        )
    if parent is not None and parent.course_id != course.pk:
        raise ValidationError(_("The parent category belongs to another course."))
    if QuestionCategory.objects.filter(course=course, parent=parent, name=name).exists():
        raise ValidationError(_("There is already a category with this name here."))
    return QuestionCategory.objects.create(course=course, parent=parent, name=name, info=info)


class _Categories:
    """The course's categories by (parent, name), created on first use."""

    def __init__(self, course: Course, root: QuestionCategory | None):
        self.course, self.root = course, root
        self.known = {
            (category.parent_id, category.name): category
            for category in QuestionCategory.objects.filter(course=course)
        }
        self.created: list[str] = []
        self.created_ids: set[int] = set()

    def get(self, path: tuple[str, ...], info: str = "") -> QuestionCategory:
        if not path and self.root is not None:
            return self.root
        path = path or (DEFAULT_CATEGORY,)
        category = self.root
        done: list[str] = []
        for name in path:
            done.append(name)
            key = (category.pk if category else None, name)
            found = self.known.get(key)
            if found is None:
                found = QuestionCategory.objects.create(
                    course=self.course,
                    parent=category,
                    name=name,
                    info=info if len(done) == len(path) else "",
                )
                self.known[key] = found
                self.created.append(_path_label(tuple(done)))
                self.created_ids.add(found.pk)
            category = found
        if info and category.pk in self.created_ids and not category.info:
            category.info = info
            category.save(update_fields=["info"])
        return category


def _check_numbers(spec: QuestionSpec) -> None:
    if spec.default_mark > MAX_MARK:
        raise QuestionFileError(
            spec.line,
            _("The mark of question “%(name)s” is too large (at most %(max)s).")
            % {"name": spec.name, "max": MAX_MARK},
        )
    for answer in spec.answers:
        if answer.tolerance is not None and abs(answer.tolerance) >= MAX_TOLERANCE:
            raise QuestionFileError(
                spec.line,
                _("The accepted error in question “%(name)s” is too large.") % {"name": spec.name},
            )


def _store(course: Course, bank: ParsedBank, target: QuestionCategory | None):
    categories = _Categories(course, target)
    for declared in bank.categories:
        if declared.path:
            categories.get(declared.path, declared.info)
    questions, created = [], {}
    for spec in bank.questions:
        _check_numbers(spec)
        questions.append(
            Question(
                category=categories.get(spec.category_path),
                kind=spec.kind,
                name=spec.name[:NAME_LENGTH],
                text=spec.text,
                general_feedback=spec.general_feedback,
                default_mark=spec.default_mark.quantize(_CENTS),
                settings=spec.settings,
                idnumber=spec.idnumber,
            )
        )
        created[str(spec.kind)] = created.get(str(spec.kind), 0) + 1
    Question.objects.bulk_create(questions, batch_size=_BATCH)
    answers = [
        Answer(
            question=question,
            position=position,
            text=answer.text,
            fraction=answer.fraction.quantize(_SEVEN_PLACES),
            feedback=answer.feedback,
            tolerance=None
            if answer.tolerance is None
            else answer.tolerance.quantize(_SEVEN_PLACES),
            match_text=answer.match_text,
        )
        for question, spec in zip(questions, bank.questions, strict=True)
        for position, answer in enumerate(spec.answers, start=1)
    ]
    Answer.objects.bulk_create(answers, batch_size=_BATCH)
    return created, categories.created


def questions_import(
    *,
    course: Course,
    data: bytes,
    filename: str = "",
    target_category: QuestionCategory | None = None,
) -> QuestionImportReport:
    """Import a GIFT, Moodle XML or Aiken file into the course's bank, all or nothing."""
    if target_category is not None and target_category.course_id != course.pk:
        raise ValidationError(_("The category belongs to another course."))
    try:
        bank = parse_question_file(data, filename)
        with transaction.atomic():
            created, categories_created = _store(course, bank, target_category)
    except QuestionFileError as error:
        raise ValidationError(
            _("Line %(line)s: %(message)s Nothing was imported.")
            % {"line": error.line, "message": error.message},
            code="invalid_file",
        ) from None
    return QuestionImportReport(
        format=bank.format,
        encoding=bank.encoding,
        created=created,
        categories_created=categories_created,
        unsupported=bank.unsupported,
        dropped_files=bank.dropped_files,
    )


def category_paths(course: Course) -> dict[int, tuple[str, ...]]:
    """Every category of the course → the names from the root down to it."""
    rows = {
        row["pk"]: row
        for row in QuestionCategory.objects.filter(course=course).values("pk", "parent_id", "name")
    }
    paths: dict[int, tuple[str, ...]] = {}

    def path(pk: int) -> tuple[str, ...]:
        if pk not in paths:
            row = rows[pk]
            parent = path(row["parent_id"]) if row["parent_id"] in rows else ()
            paths[pk] = (*parent, row["name"])
        return paths[pk]

    for pk in rows:
        path(pk)
    return paths


def questions_for_export(
    course: Course, category: QuestionCategory | None = None
) -> list[Question]:
    """The course's questions (or a category's, with its subcategories) in category order,
    each with its answers and a `category_path`, for `export_gift`."""
    paths = category_paths(course)
    if category is not None:
        prefix = paths[category.pk]
        ids = [pk for pk, path in paths.items() if path[: len(prefix)] == prefix]
    else:
        ids = list(paths)
    questions = list(
        Question.objects.filter(category_id__in=ids).prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("position"))
        )
    )
    for question in questions:
        question.category_path = paths[question.category_id]
    questions.sort(key=lambda question: (question.category_path, question.pk))
    return questions

"""Reads of the question bank: who may edit which course's bank, its categories and questions."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from assessments.models import Question, QuestionCategory
from courses.models import Course
from programs import selectors as programs_selectors
from programs.models import User


def courses_editable_by(user: User) -> QuerySet[Course]:
    """Courses whose bank the person may edit: administrators all; programme managers
    those with a run in a programme they manage."""
    if not user.is_authenticated:
        return Course.objects.none()
    if user.is_staff:
        return Course.objects.all()
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return Course.objects.filter(runs__programme__in=managed).distinct()


def course_get_for_bank_editor(user: User, course_id: int) -> Course | None:
    return courses_editable_by(user).filter(pk=course_id).first()


def course_by_code(code: str) -> Course | None:
    """For commands run by operators (no person to check)."""
    return Course.objects.filter(code=code).first()


@dataclass(frozen=True)
class CategoryRow:
    category: QuestionCategory
    depth: int
    path: tuple[str, ...]
    questions: int

    @property
    def label(self) -> str:
        return " / ".join(self.path)


def categories_of(course: Course) -> list[CategoryRow]:
    """The course's categories as a tree (parents before children, by name), with the
    number of questions directly in each; one query."""
    categories = list(
        QuestionCategory.objects.filter(course=course)
        .annotate(question_count=Count("questions"))
        .order_by("name", "pk")
    )
    children: dict[int | None, list[QuestionCategory]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    rows: list[CategoryRow] = []

    def walk(parent_id, path: tuple[str, ...]):
        for category in children.get(parent_id, []):
            own = (*path, category.name)
            rows.append(CategoryRow(category, len(path), own, category.question_count))
            walk(category.pk, own)

    walk(None, ())
    return rows


def category_get(course: Course, category_id) -> QuestionCategory | None:
    try:
        category_id = int(category_id)
    except (TypeError, ValueError):
        return None
    return QuestionCategory.objects.filter(course=course, pk=category_id).first()


def category_by_name(course: Course, name: str) -> QuestionCategory | None:
    """A category of the course by name: a top-level one first, else any."""
    found = QuestionCategory.objects.filter(course=course, name=name.strip())
    return found.filter(parent__isnull=True).first() or found.order_by("pk").first()


def subtree_ids(rows: list[CategoryRow], category: QuestionCategory) -> list[int]:
    """The category and its descendants, from `categories_of`'s rows."""
    prefix = next((row.path for row in rows if row.category.pk == category.pk), None)
    if prefix is None:
        return [category.pk]
    return [row.category.pk for row in rows if row.path[: len(prefix)] == prefix]


def questions_in_bank(
    course: Course, *, category_ids: list[int] | None = None, kind: str = ""
) -> QuerySet[Question]:
    questions = (
        Question.objects.filter(category__course=course)
        .select_related("category")
        .annotate(answer_count=Count("answers"))
        .order_by("category__name", "pk")
    )
    if category_ids is not None:
        questions = questions.filter(category_id__in=category_ids)
    if kind:
        questions = questions.filter(kind=kind)
    return questions

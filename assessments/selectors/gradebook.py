"""Reads of the gradebook: the grade table of a course run, a learner's grades, a grade's history.

The final-grade rule is `assessments.rules` (and docs/gradebook.md). Here the
database computes it: each category's grade is a conditional `Sum` over the
person's released grades joined to their items' weights, divided by the
category's total item weight (a missing or draft grade adds nothing, so it
counts 0); the final grade combines the category grades with the categories'
weights. Sorting by the final grade and pagination happen in the same query,
and the page's cells come in one more query: the grade table costs the same
few queries for 20 officials × 5 items as for 500 × 30.

Arithmetic runs in floating point in the database (SQLite has no decimal
arithmetic, and PostgreSQL gets the same treatment so that both agree); the
results come back rounded to 7 decimals, where the pure rule rounds too.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce

from assessments import rules
from assessments.models import Grade, GradeChange, GradeItem
from courses import selectors as courses_selectors
from courses.models import Course, CourseRun, Enrolment
from programs.models import Municipality, User

FINAL = "grade_final"
ORDERS = {
    "municipality": ("municipality__name", "user__full_name", "pk"),
    "-municipality": (F("municipality__name").desc(nulls_last=True), "user__full_name", "pk"),
    "name": ("user__full_name", "pk"),
    "-name": ("-user__full_name", "-pk"),
    "final": (F(FINAL).asc(nulls_first=True), "user__full_name", "pk"),
    "-final": (F(FINAL).desc(nulls_last=True), "user__full_name", "pk"),
}
DEFAULT_ORDER = "municipality"
EXPORT_BATCH_SIZE = 500


# --- The columns ---------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryColumn:
    id: int
    name: str
    weight: Decimal
    item_weight: Decimal  # Σ of its items' weights

    @property
    def key(self) -> str:
        return f"grade_category_{self.id}"


@dataclass(frozen=True)
class GradebookLayout:
    """A course's gradebook columns and how grades are shown for a run's programme."""

    course: Course
    scale: str
    pass_grade: Decimal
    items: list[GradeItem]
    categories: list[CategoryColumn]  # those with items, in the course's order

    @property
    def counted_categories(self) -> list[CategoryColumn]:
        """The categories that take part in the final grade (their items weigh something)."""
        return [category for category in self.categories if category.item_weight > 0]

    @property
    def scale_maximum(self) -> int:
        return rules.scale_maximum(self.scale)

    @property
    def pass_on_scale(self) -> Decimal:
        return rules.on_scale(self.pass_grade, self.scale)


def items_of_course(course: Course | int) -> list[GradeItem]:
    """The course's grade items (any graded activity) in module and activity order.

    Activities an editor removed (archived, their results kept) no longer count.
    """
    course_id = getattr(course, "pk", course)
    return list(
        GradeItem.objects.filter(
            activity__module__course_id=course_id,
            activity__archived_at__isnull=True,
            activity__module__archived_at__isnull=True,
        )
        .select_related("activity__module", "category")
        .order_by("activity__module__position", "activity__position", "activity_id")
    )


def gradebook_layout(course_run: CourseRun) -> GradebookLayout:
    """Items and categories of the run's course (one query)."""
    items = items_of_course(course_run.course_id)
    categories: dict[int, GradeItem] = {}
    weights: dict[int, Decimal] = {}
    for item in items:
        categories.setdefault(item.category_id, item.category)
        weights[item.category_id] = weights.get(item.category_id, Decimal(0)) + item.weight
    ordered = sorted(categories.values(), key=lambda category: (category.position, category.pk))
    return GradebookLayout(
        course=course_run.course,
        scale=course_run.programme.grade_scale,
        pass_grade=course_run.course.pass_grade,
        items=items,
        categories=[CategoryColumn(c.pk, c.name, c.weight, weights[c.pk]) for c in ordered],
    )


# --- The rule, in the database ------------------------------------------------------------


def _float(name: str) -> Cast:
    return Cast(F(name), FloatField())


def with_course_grades(queryset: QuerySet[Enrolment], layout: GradebookLayout) -> QuerySet:
    """Enrolments annotated with each category's grade and the final grade (fractions)."""
    categories = layout.counted_categories
    per_category = {
        category.key: Coalesce(
            Sum(
                _float("grades__final_fraction") * _float("grades__item__weight"),
                filter=Q(grades__item__category_id=category.id, grades__released_at__isnull=False),
            ),
            Value(0.0),
        )
        / Value(float(category.item_weight))
        for category in categories
    }
    total_weight = sum((category.weight for category in categories), Decimal(0))
    if total_weight <= 0:
        return queryset.annotate(**per_category, **{FINAL: Value(None, FloatField())})
    final = sum(
        (Value(float(category.weight)) * F(category.key) for category in categories),
        Value(0.0),
    ) / Value(float(total_weight))
    return queryset.annotate(**per_category).annotate(**{FINAL: final})


# --- The grade table ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    grade_id: int
    fraction: Decimal | None
    released: bool
    overridden: bool
    on_scale: Decimal | None


@dataclass
class GradeRow:
    enrolment_id: int
    user_id: int
    name: str
    email: str
    municipality_id: int | None
    municipality: str
    status: str
    categories: list[Decimal | None]  # fractions, in layout.categories order
    categories_on_scale: list[Decimal | None]
    final: Decimal | None
    final_on_scale: Decimal | None
    passed: bool | None
    cells: list[Cell | None]  # in layout.items order; None: no grade yet


@dataclass
class GradeTable:
    course_run: CourseRun
    layout: GradebookLayout
    page: Page  # its object_list: GradeRow
    order: str


_ROW_FIELDS = (
    "pk",
    "user_id",
    "user__full_name",
    "user__email",
    "municipality_id",
    "municipality__name",
    "status",
)


def _enrolments(
    course_run: CourseRun,
    *,
    municipality: Municipality | int | None,
    search: str,
    include_withdrawn: bool,
) -> QuerySet[Enrolment]:
    queryset = Enrolment.objects.filter(course_run=course_run)
    if not include_withdrawn:
        queryset = queryset.filter(status=Enrolment.Status.ACTIVE)
    if municipality:
        queryset = queryset.filter(municipality_id=getattr(municipality, "pk", municipality))
    if search := search.strip():
        queryset = queryset.filter(
            Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        )
    return queryset


def _ranked(queryset: QuerySet[Enrolment], layout: GradebookLayout, order: str) -> QuerySet:
    keys = [category.key for category in layout.counted_categories]
    return (
        with_course_grades(queryset, layout)
        .order_by(*ORDERS.get(order, ORDERS[DEFAULT_ORDER]))
        .values(*_ROW_FIELDS, *keys, FINAL)
    )


def _cells(enrolment_ids: list[int], layout: GradebookLayout) -> dict[tuple[int, int], Cell]:
    """The grades of these people for the layout's items (one query)."""
    if not enrolment_ids or not layout.items:
        return {}
    grades = Grade.objects.filter(
        enrolment_id__in=enrolment_ids, item_id__in=[item.pk for item in layout.items]
    ).values_list(
        "pk", "enrolment_id", "item_id", "final_fraction", "released_at", "override_fraction"
    )
    return {
        (enrolment_id, item_id): Cell(
            grade_id=pk,
            fraction=final,
            released=released_at is not None,
            overridden=override is not None,
            on_scale=rules.on_scale(final, layout.scale),
        )
        for pk, enrolment_id, item_id, final, released_at, override in grades
    }


def _fraction(value) -> Decimal | None:
    return None if value is None else rules.as_fraction(value)


def _rows(values: list[dict], layout: GradebookLayout) -> list[GradeRow]:
    cells = _cells([value["pk"] for value in values], layout)
    rows = []
    for value in values:
        categories = [_fraction(value.get(category.key)) for category in layout.categories]
        final = _fraction(value[FINAL])
        rows.append(
            GradeRow(
                enrolment_id=value["pk"],
                user_id=value["user_id"],
                name=value["user__full_name"],
                email=value["user__email"],
                municipality_id=value["municipality_id"],
                municipality=value["municipality__name"] or "",
                status=value["status"],
                categories=categories,
                categories_on_scale=[rules.on_scale(c, layout.scale) for c in categories],
                final=final,
                final_on_scale=rules.on_scale(final, layout.scale),
                passed=rules.passed(final, layout.pass_grade),
                cells=[cells.get((value["pk"], item.pk)) for item in layout.items],
            )
        )
    return rows


def grade_table(
    course_run: CourseRun,
    *,
    municipality: Municipality | int | None = None,
    search: str = "",
    order: str = DEFAULT_ORDER,
    page: int | str | None = 1,
    page_size: int = 50,
    include_withdrawn: bool = False,
) -> GradeTable:
    """One page of the run's grade table: 4 queries whatever the number of people and items.

    (The columns; the count; the page's rows with their category and final
    grades computed, sorted and sliced in the database; the page's grades.)
    """
    order = order if order in ORDERS else DEFAULT_ORDER
    layout = gradebook_layout(course_run)
    queryset = _enrolments(
        course_run, municipality=municipality, search=search, include_withdrawn=include_withdrawn
    )
    paginator = Paginator(_ranked(queryset, layout, order), page_size)
    paginator.count = queryset.count()  # cheaper than counting the aggregated query
    page_obj = paginator.get_page(page)
    page_obj.object_list = _rows(list(page_obj.object_list), layout)
    return GradeTable(course_run=course_run, layout=layout, page=page_obj, order=order)


def grade_table_rows(
    course_run: CourseRun,
    layout: GradebookLayout,
    *,
    municipality: Municipality | int | None = None,
    search: str = "",
    order: str = DEFAULT_ORDER,
    include_withdrawn: bool = False,
    batch_size: int = EXPORT_BATCH_SIZE,
) -> Iterator[GradeRow]:
    """Every row of the filtered table, for exports: two queries per batch of people."""
    queryset = _enrolments(
        course_run, municipality=municipality, search=search, include_withdrawn=include_withdrawn
    )
    ranked = _ranked(queryset, layout, order if order in ORDERS else DEFAULT_ORDER)
    offset = 0
    while True:
        batch = list(ranked[offset : offset + batch_size])
        yield from _rows(batch, layout)
        if len(batch) < batch_size:
            return
        offset += batch_size


def municipalities_of_run(course_run: CourseRun) -> QuerySet[Municipality]:
    """The municipalities with people enrolled in the run, for the filter."""
    return (
        Municipality.objects.filter(enrolments__course_run=course_run)
        .distinct()
        .order_by("name", "pk")
    )


# --- A learner's own grades --------------------------------------------------------------


@dataclass(frozen=True)
class LearnerItem:
    item: GradeItem
    fraction: Decimal | None  # released grades only
    on_scale: Decimal | None
    feedback: str
    released_at: datetime.datetime | None = None


@dataclass(frozen=True)
class LearnerCategory:
    column: CategoryColumn
    grade: Decimal | None
    on_scale: Decimal | None
    items: list[LearnerItem]


@dataclass(frozen=True)
class LearnerGrades:
    enrolment: Enrolment
    layout: GradebookLayout
    categories: list[LearnerCategory]
    final: Decimal | None
    final_on_scale: Decimal | None
    passed: bool | None


def learner_grades(enrolment: Enrolment) -> LearnerGrades:
    """The person's released grades with feedback, category and final grades (3 queries).

    Drafts are left out entirely: a learner sees a grade once it is released.
    """
    layout = gradebook_layout(enrolment.course_run)
    totals = (
        with_course_grades(Enrolment.objects.filter(pk=enrolment.pk), layout)
        .values(*[category.key for category in layout.counted_categories], FINAL)
        .get()
    )
    released = {
        grade["item_id"]: grade
        for grade in Grade.objects.filter(enrolment=enrolment, released_at__isnull=False).values(
            "item_id", "final_fraction", "feedback", "released_at"
        )
    }
    categories = []
    for column in layout.categories:
        items = []
        for item in layout.items:
            if item.category_id != column.id:
                continue
            grade = released.get(item.pk, {})
            items.append(
                LearnerItem(
                    item=item,
                    fraction=grade.get("final_fraction"),
                    on_scale=rules.on_scale(grade.get("final_fraction"), layout.scale),
                    feedback=grade.get("feedback", ""),
                    released_at=grade.get("released_at"),
                )
            )
        grade = _fraction(totals.get(column.key))
        categories.append(
            LearnerCategory(
                column=column,
                grade=grade,
                on_scale=rules.on_scale(grade, layout.scale),
                items=items,
            )
        )
    final = _fraction(totals[FINAL])
    return LearnerGrades(
        enrolment=enrolment,
        layout=layout,
        categories=categories,
        final=final,
        final_on_scale=rules.on_scale(final, layout.scale),
        passed=rules.passed(final, layout.pass_grade),
    )


# --- One grade, for staff ----------------------------------------------------------------


def grade_get_for_staff(user: User, grade_id: int) -> Grade | None:
    """A grade in a run the person tutors or manages (or any, for administrators)."""
    runs = courses_selectors.course_runs_for_staff(user).values("pk")
    return (
        Grade.objects.select_related(
            "item__activity__module",
            "item__category",
            "enrolment__user",
            "enrolment__municipality",
            "enrolment__course_run__course",
            "enrolment__course_run__programme",
        )
        .filter(pk=grade_id, enrolment__course_run__in=runs)
        .first()
    )


def grade_history(grade: Grade) -> list[GradeChange]:
    """Every change of the grade, oldest first: who, when, from, to, what and why."""
    return list(
        GradeChange.objects.filter(grade=grade)
        .select_related("changed_by")
        .order_by("changed_at", "pk")
    )

"""The final-grade rule of docs/gradebook.md: by hand, through the pure rule and the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import rules
from assessments.rules import ItemResult
from assessments.selectors import gradebook as selectors
from assessments.services import gradebook as services
from assessments.services import gradebook_setup
from courses import services as courses_services
from programs.models import Programme
from tests.assessments.factories import GradeCategoryFactory, GradeItemFactory
from tests.factories import (
    CourseFactory,
    CourseRunFactory,
    ModuleFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

D = Decimal
TEN, PERCENT, TWENTY = Programme.GradeScale.TEN, Programme.GradeScale.PERCENT, "twenty"

# --- The worked example, through the pure rule -------------------------------------------

WEIGHTS = {"quizzes": D(40), "project": D(60), "participation": D(20)}
ANA = [
    ItemResult("quizzes", D(1), D("0.80"), released=True),  # Q1
    ItemResult("quizzes", D(1), D("0.70"), released=True),  # Q2, overridden from 0.50
    ItemResult("quizzes", D(2), D("0.90"), released=False),  # Q3, a draft: counts 0
    ItemResult("project", D(1), D("0.75"), released=True),  # A1
]


def test_the_worked_example_by_the_pure_rule():
    grade = rules.course_grade(category_weights=WEIGHTS, items=ANA, pass_grade=D("0.600"))
    assert grade.categories == {"quizzes": D("0.375"), "project": D("0.75"), "participation": None}
    assert grade.final == D("0.6")
    assert grade.passed is True  # 0.600 ≥ 0.600
    assert rules.on_scale(grade.categories["quizzes"], TEN) == D("3.8")
    assert rules.on_scale(grade.final, TEN) == D("6.0")
    assert rules.on_scale(grade.final, PERCENT) == D("60.0")
    assert rules.on_scale(grade.final, TWENTY) == D("12.0")


def test_releasing_the_draft_raises_the_grade():
    released = [*ANA[:2], ItemResult("quizzes", D(2), D("0.90"), released=True), ANA[3]]
    grade = rules.course_grade(category_weights=WEIGHTS, items=released, pass_grade=D("0.6"))
    assert grade.categories["quizzes"] == D("0.825")
    assert grade.final == D("0.78")


def test_missing_grades_count_zero():
    benito = [ItemResult("quizzes", D(1), D("0.40"), released=True)]
    grade = rules.course_grade(category_weights=WEIGHTS, items=benito, pass_grade=D("0.6"))
    # Q2, Q3 and A1 are not in the list: the categories' weights come from the items
    # given, so a caller passes every item of the course, graded or not.
    assert grade.categories["quizzes"] == D("0.4")
    full = [
        benito[0],
        ItemResult("quizzes", D(1)),
        ItemResult("quizzes", D(2)),
        ItemResult("project", D(1)),
    ]
    grade = rules.course_grade(category_weights=WEIGHTS, items=full, pass_grade=D("0.6"))
    assert grade.categories == {"quizzes": D("0.1"), "project": D("0"), "participation": None}
    assert grade.final == D("0.04")
    assert grade.passed is False


def test_weights_decide():
    assert rules.category_grade([(D(3), D(1)), (D(1), D(0))]) == D("0.75")
    assert rules.category_grade([(D(0), D(1))]) is None  # weightless items: no grade
    assert rules.final_grade([(D(1), D("0.5")), (D(3), D(1))]) == D("0.875")
    assert rules.final_grade([(D(0), D("0.5")), (D(2), D("0.9"))]) == D("0.9")
    assert rules.final_grade([(D(5), None)]) is None
    assert rules.final_grade([]) is None
    assert rules.passed(None, D("0.6")) is None


def test_below_the_pass_grade_fails_even_when_it_shows_as_the_pass_grade():
    assert rules.on_scale(D("0.595"), TEN) == D("6.0")
    assert rules.passed(D("0.595"), D("0.600")) is False


def test_drafts_and_empty_grades_count_zero():
    assert rules.counted_fraction(D("0.9"), released=False) == 0
    assert rules.counted_fraction(None, released=True) == 0
    assert rules.counted_fraction(D("0.9"), released=True) == D("0.9")


@pytest.mark.parametrize(
    ("fraction", "scale", "shown"),
    [
        (D("0.375"), "percent", D("37.5")),
        (D("0.375"), "ten", D("3.8")),  # half up
        (D("0.375"), "twenty", D("7.5")),
        (D("0.6666667"), "percent", D("66.7")),
        (D("0.6666667"), "ten", D("6.7")),
        (D("0.6666667"), "twenty", D("13.3")),
        (D("0.025"), "twenty", D("0.5")),
        (D("1"), "ten", D("10.0")),
        (D("0"), "percent", D("0.0")),
        (0.6000000000000001, "ten", D("6.0")),  # floating point from the database
        (None, "ten", None),
    ],
)
def test_scales(fraction, scale, shown):
    assert rules.on_scale(fraction, scale) == shown


def test_scale_maximum_and_typing_on_a_scale():
    assert [rules.scale_maximum(s) for s in ("percent", "ten", "twenty")] == [100, 10, 20]
    assert rules.from_scale(D("7.5"), "ten") == D("0.75")
    assert rules.from_scale(D("13"), "twenty") == D("0.65")
    assert rules.from_scale(D("66.5"), "percent") == D("0.665")
    with pytest.raises(ValueError, match="outside"):
        rules.from_scale(D("10.5"), "ten")
    with pytest.raises(ValueError, match="unknown"):
        rules.scale_maximum("hundred")


# --- The worked example, through the services and the database ---------------------------


@pytest.fixture
def example(db):
    """The example of docs/gradebook.md, recorded through the gradebook's services."""
    course = CourseFactory(pass_grade=D("0.600"))
    run = CourseRunFactory(course=course, programme=ProgrammeFactory(grade_scale="ten"))
    quizzes = GradeCategoryFactory(course=course, name="Cuestionarios", weight=40, position=1)
    project = GradeCategoryFactory(course=course, name="Proyecto final", weight=60, position=2)
    GradeCategoryFactory(course=course, name="Participación", weight=20, position=3)
    first, second = (
        ModuleFactory(course=course, position=1),
        ModuleFactory(course=course, position=2),
    )
    q1, q2, q3 = (
        GradeItemFactory(category=quizzes, activity__module=first, activity__position=p, weight=w)
        for p, w in ((1, 1), (2, 1), (3, 2))
    )
    a1 = GradeItemFactory(category=project, activity__module=second, activity__position=1)
    municipality = MunicipalityFactory(programme=run.programme)
    tutor = UserFactory(full_name="Tutora")
    run.tutors.add(tutor)
    ana, _ = courses_services.enrolment_create(
        user=UserFactory(full_name="Ana"), course_run=run, municipality=municipality
    )
    benito, _ = courses_services.enrolment_create(
        user=UserFactory(full_name="Benito"), course_run=run, municipality=municipality
    )
    for item, value, release in (
        (q1, "0.80", True),
        (q2, "0.50", True),
        (q3, "0.90", False),
        (a1, "0.75", True),
    ):
        services.grade_record(item=item, enrolment=ana, fraction=D(value), release=release)
    q2_grade = ana.grades.get(item=q2)
    services.grade_override(
        grade=q2_grade, fraction=D("0.70"), reason="pregunta 4 anulada", by=tutor
    )
    services.grade_record(item=q1, enrolment=benito, fraction=D("0.40"), release=True)
    return {"run": run, "ana": ana, "benito": benito, "q3": q3, "tutor": tutor}


def _rows_by_name(run):
    table = selectors.grade_table(run, order="name")
    return {row.name: row for row in table.page.object_list}, table.layout


def test_the_worked_example_in_the_database(example):
    rows, layout = _rows_by_name(example["run"])
    assert [c.name for c in layout.categories] == ["Cuestionarios", "Proyecto final"]
    ana, benito = rows["Ana"], rows["Benito"]
    assert ana.categories == [D("0.375"), D("0.75")]
    assert ana.final == D("0.6")
    assert ana.passed is True
    assert ana.categories_on_scale == [D("3.8"), D("7.5")]
    assert ana.final_on_scale == D("6.0")
    assert benito.categories == [D("0.1"), D("0")]
    assert benito.final == D("0.04")
    assert benito.final_on_scale == D("0.4")
    assert benito.passed is False
    # Staff see the draft in its cell, marked; it does not count.
    q3 = ana.cells[2]
    assert (q3.fraction, q3.released, q3.on_scale) == (D("0.9"), False, D("9.0"))
    assert ana.cells[1].overridden and ana.cells[1].on_scale == D("7.0")


def test_the_learner_sees_the_same_numbers(example):
    grades = selectors.learner_grades(example["ana"])
    assert [c.grade for c in grades.categories] == [D("0.375"), D("0.75")]
    assert (grades.final, grades.final_on_scale, grades.passed) == (D("0.6"), D("6.0"), True)
    quizzes = grades.categories[0]
    assert [i.on_scale for i in quizzes.items] == [D("8.0"), D("7.0"), None]  # Q3 is a draft


def test_releasing_the_draft_and_the_database_agree_with_the_rule(example):
    grade = example["ana"].grades.get(item=example["q3"])
    services.grades_release(grades=[grade], by=example["tutor"])
    rows, _layout = _rows_by_name(example["run"])
    assert rows["Ana"].categories[0] == D("0.825")
    assert rows["Ana"].final == D("0.78")
    assert rows["Ana"].final_on_scale == D("7.8")


def test_removing_an_override_counts_the_computed_grade_again(example):
    grade = example["ana"].grades.get(item__activity__position=2, item__category__position=1)
    services.grade_override(grade=grade, fraction=None, reason="se restituye", by=example["tutor"])
    rows, _layout = _rows_by_name(example["run"])
    assert rows["Ana"].categories[0] == D("0.325")  # (0.80 + 0.50) / 4


def test_weights_set_through_the_setup_services_change_the_result(example):
    run = example["run"]
    project = run.course.grade_categories.get(name="Proyecto final")
    gradebook_setup.grade_category_set_weight(category=project, weight=D("0"))
    rows, _layout = _rows_by_name(run)
    assert rows["Ana"].final == D("0.375")  # only the quizzes weigh now
    q3 = example["q3"]
    gradebook_setup.grade_item_set(item=q3, weight=D("0"))
    rows, _layout = _rows_by_name(run)
    assert rows["Ana"].final == D("0.75")  # (0.80 + 0.70) / 2


def test_a_course_without_graded_items_has_no_final_grade(db):
    run = CourseRunFactory()
    courses_services.enrolment_create(user=UserFactory(), course_run=run)
    (row,) = selectors.grade_table(run).page.object_list
    assert (row.final, row.passed, row.cells) == (None, None, [])


def test_setup_services_refuse_bad_input(example):
    course = example["run"].course
    with pytest.raises(ValidationError):
        gradebook_setup.grade_category_create(course=course, name="cuestionarios")
    with pytest.raises(ValidationError):
        gradebook_setup.grade_category_create(course=course, name="  ")
    for weight in ("-1", "abc", "0.001", "10000"):
        with pytest.raises(ValidationError):
            gradebook_setup.grade_category_create(course=course, name="Foro", weight=weight)
    other = GradeCategoryFactory()
    with pytest.raises(ValidationError):
        gradebook_setup.grade_item_set(item=example["q3"], category=other)
    forum = gradebook_setup.grade_category_create(course=course, name="Foro", weight="12.5")
    assert (forum.weight, forum.position) == (D("12.50"), 4)
    moved = gradebook_setup.grade_item_set(item=example["q3"], category=forum)
    assert moved.category == forum

"""`manage.py import_questions` and `manage.py export_questions`."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.models import Question, QuestionCategory
from assessments.services import questionbank as services
from tests.assessments.factories import QuestionCategoryFactory
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

GIFT = (
    "::Presupuesto:: ¿Quién aprueba el presupuesto? {=El concejo ~El alcalde}\n\n"
    "::Datos:: Publicar datos abiertos es obligatorio. {T}\n\n"
    "::Uno más:: ¿Es público el presupuesto? {T}\n\n"
    "::Hueco:: La capital es {1:SHORTANSWER:=Lima}.\n"
)


@pytest.fixture
def course():
    return CourseFactory(code="GEM-2026")


def write(tmp_path, text: str | bytes, name: str = "banco.gift"):
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def run_import(*args) -> str:
    out = io.StringIO()
    call_command("import_questions", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def test_import_prints_the_report(tmp_path, course):
    output = run_import(write(tmp_path, GIFT), "--course", course.code)
    assert "Format: GIFT (UTF-8)" in output
    assert "Questions imported: 3" in output
    assert "True/false: 2" in output and "Multiple choice: 1" in output
    assert "line 7: type “cloze” is not supported (Hueco)" in output
    assert "adds its questions again" in output
    assert Question.objects.filter(category__course=course).count() == 3


def test_windows_1252_files_are_recognised(tmp_path, course):
    path = write(tmp_path, "¿Año de fundación?{#1822}".encode("cp1252"), "banco.txt")
    output = run_import(path, "--course", course.code)
    assert "Format: GIFT (Windows-1252)" in output
    assert Question.objects.get().text == "¿Año de fundación?"


def test_into_a_category_created_on_first_use(tmp_path, course):
    path = write(tmp_path, GIFT)
    run_import(path, "--course", course.code, "--category", "Módulo 1")
    run_import(path, "--course", course.code, "--category", "Módulo 1")
    category = QuestionCategory.objects.get(course=course)
    assert category.name == "Módulo 1"
    assert category.questions.count() == 6  # a second import adds the questions again


def test_a_malformed_file_exits_with_status_1_and_imports_nothing(tmp_path, course):
    path = write(tmp_path, "Bien {T}\n\nMal {=a ~b\n")
    # call_command, not execute_from_command_line: the latter closes the
    # test's database connection when the command ends (PostgreSQL then fails).
    with pytest.raises(CommandError) as refused:
        call_command("import_questions", str(path), "--course", course.code, "--category", "X")
    assert refused.value.returncode == 1
    assert "Line 3:" in str(refused.value)
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_unknown_course_and_unreadable_file(tmp_path, course):
    with pytest.raises(CommandError, match="no course"):
        run_import(write(tmp_path, GIFT), "--course", "NADA")
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "no-existe.gift", "--course", course.code)


def test_export_to_stdout_and_to_a_file(tmp_path, course):
    run_import(write(tmp_path, GIFT), "--course", course.code, "--category", "Módulo 1")
    out = io.StringIO()
    call_command("export_questions", "--course", course.code, stdout=out)
    assert "$CATEGORY: $course$/top/Módulo 1" in out.getvalue()
    assert "::Presupuesto::" in out.getvalue()

    target = tmp_path / "copia.gift"
    call_command(
        "export_questions", "--course", course.code, "--category", "Módulo 1", "-o", str(target),
        stderr=io.StringIO(),
    )  # fmt: skip
    other = CourseFactory(code="GEM-COPIA")
    output = run_import(target, "--course", other.code)
    assert "Questions imported: 3" in output


def test_export_of_an_unknown_category(course):
    with pytest.raises(CommandError, match="no category"):
        call_command("export_questions", "--course", course.code, "--category", "Nada")


# --- The service the command and the page call ------------------------------------


def test_categories_are_checked_when_created(course):
    top = services.question_category_create(course=course, name="  Módulo   1 ")
    assert top.name == "Módulo 1"
    for name, parent in (("", None), ("Módulo 1", None), ("Otro", QuestionCategoryFactory())):
        with pytest.raises(ValidationError):
            services.question_category_create(course=course, name=name, parent=parent)
    child = services.question_category_create(course=course, name="Módulo 1", parent=top)
    assert child.parent == top


def test_the_default_category_is_reused_and_declared_categories_are_created(course):
    for _round in range(2):
        services.questions_import(course=course, data=b"Uno {T}")
    assert QuestionCategory.objects.get(course=course).name == "General"
    report = services.questions_import(course=course, data=b"$CATEGORY: $course$/top/A/B\n")
    assert report.categories_created == ["A", "A / B"]
    assert report.total == 0
    with pytest.raises(ValidationError, match="another course"):
        services.questions_import(
            course=course, data=b"Uno {T}", target_category=QuestionCategoryFactory()
        )


def test_answers_are_stored_in_order_with_their_grades(course):
    services.questions_import(course=course, data="Número {#\n=%50%1..5#Cerca\n~#No}".encode())
    question = Question.objects.get()
    rows = list(question.answers.values_list("position", "text", "fraction", "tolerance"))
    assert rows == [
        (1, "3", Decimal("0.5"), Decimal("2")),
        (2, "*", Decimal("0"), None),
    ]
    assert question.default_mark == 1

"""Every real question file in ../shared/fixtures/qbank, imported as MANIFEST.md says.

Counts are by kind, as the manifest gives them for the supported types; questions
of other types are reported by name and line, never dropped silently; the
negative file with grades Moodle does not allow is refused and stores nothing.
Then each bank goes out as GIFT and comes back in, unchanged.
"""

from collections import Counter
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from assessments.importers import export_gift
from assessments.models import Answer, Question, QuestionCategory
from assessments.services import questionbank as services
from tests.factories import CourseFactory

pytestmark = [pytest.mark.fixtures, pytest.mark.django_db]

REFUSED = "refused"
MC, TF, SA, NUM, MATCH, ESSAY, DESC = (
    "multichoice", "truefalse", "shortanswer", "numerical", "matching", "essay", "description",
)  # fmt: skip

# file → (questions by kind, unsupported types in order, categories created)
EXPECTED = {
    "aiken-moodle-questions.txt": ({MC: 2}, [], ["General"]),
    "cloze-moodle-broken-1.multianswer.txt": ({}, ["cloze"], []),
    "cloze-moodle-questions.multianswer.txt": ({}, ["cloze"], []),
    "gift-moodle-all-types.gift.txt": (
        {ESSAY: 1, MATCH: 1, MC: 2, NUM: 1, SA: 1, TF: 3},
        [],
        ["General"],
    ),
    "gift-moodle-with-category.gift.txt": ({MATCH: 1, MC: 1, SA: 1, TF: 1}, [], ["General"]),
    "gift-peg-category1.gift": ({}, [], []),
    "gift-peg-description1.gift": ({TF: 1, DESC: 1}, [], ["General"]),
    "gift-peg-escape-all.gift": ({MC: 1}, [], ["General"]),
    "gift-peg-escape-colon.gift": ({MC: 1}, [], ["General"]),
    "gift-peg-essay1.gift": ({ESSAY: 1}, [], ["General"]),
    "gift-peg-format-examples.gift": ({MC: 1}, [], ["General"]),
    "gift-peg-gift-format-php-examples.gift": (
        {MATCH: 1, MC: 4, NUM: 2, SA: 2, TF: 1},
        [],
        ["General"],
    ),
    "gift-peg-matching1.gift": ({MATCH: 2}, [], ["General"]),
    "gift-peg-mc5.gift": ({MC: 4}, [], ["General"]),
    "gift-peg-multi-line-feedback1.gift": ({MC: 2}, [], ["General"]),
    "gift-peg-newline-and-latex.gift": ({ESSAY: 1}, [], ["General"]),
    "gift-peg-numerical1.gift": ({NUM: 10}, [], ["General"]),
    "gift-peg-options1.gift": ({MC: 8, NUM: 1, SA: 4, TF: 1}, [], ["General"]),
    "gift-peg-short-first-embedded.gift": ({SA: 2}, [], ["General"]),
    "gift-peg-symbols-all.gift": ({TF: 1}, [], ["General"]),
    "gift-peg-tag-id-and-two-tags.gift": ({ESSAY: 1}, [], ["General"]),
    "gift-peg-tf-two-feedback.gift": ({TF: 3}, [], ["General"]),
    "gift-peg-tf2.gift": ({TF: 2}, [], ["General"]),
    "gift-peg-totara-moodle-backslash.gift": ({ESSAY: 1}, [], ["General"]),
    "gift-peg-totara-moodle-essay.gift": ({ESSAY: 1}, [], ["General"]),
    "gift-peg-totara-moodle-match.gift": ({MATCH: 1}, [], ["General"]),
    "gift-peg-totara-moodle-multichoice-multi.gift": ({MC: 1}, [], ["General"]),
    "gift-peg-totara-moodle-multichoice.gift": ({MC: 1}, [], ["General"]),
    "gift-peg-totara-moodle-numerical.gift": ({NUM: 1}, [], ["General"]),
    "missingword-moodle-1.txt": ({MC: 1}, [], ["General"]),
    "moodlexml-broken-cloze.xml": ({}, ["cloze"] * 5, []),
    "moodlexml-categories-reverse-order.xml": ({ESSAY: 1, SA: 1}, [], ["Sigma", "Sigma / Tau"]),
    "moodlexml-cloze-multianswer.xml": ({}, ["cloze"], []),
    "moodlexml-export-category.xml": ({TF: 1}, [], ["Alpha"]),
    "moodlexml-invalid-grades.xml": REFUSED,
    "moodlexml-multichoice-embedded-images.xml": ({MC: 1}, [], ["Multichoice"]),
    "moodlexml-nested-categories-with-questions.xml": (
        {TF: 4, ESSAY: 1},
        [],
        ["Iota", "Iota / Kappa", "Iota / Kappa / Lambda", "Iota / Mu"],
    ),
    "moodlexml-qtype-ddwtos-fixture.xml": ({}, ["gapselect"], []),
    "moodlexml-qtype-description.xml": ({DESC: 1}, [], ["General"]),
    "moodlexml-qtype-essay.xml": ({ESSAY: 1}, [], ["General"]),
    "moodlexml-qtype-match.xml": ({MATCH: 1}, [], ["Test questions"]),
    "moodlexml-qtype-multichoice.xml": ({MC: 1}, [], ["General"]),
    "moodlexml-qtype-numerical.xml": ({NUM: 1}, [], ["General"]),
    "moodlexml-qtype-ordering.xml": ({}, ["ordering"], ["Test questions"]),
    "moodlexml-qtype-shortanswer.xml": ({SA: 1}, [], ["Test questions"]),
    "moodlexml-qtype-truefalse.xml": ({TF: 1}, [], ["Test questions"]),
    "moodlexml-truefalse-embedded-images.xml": ({TF: 2}, [], ["TrueFalse"]),
}
IMPORTABLE = [name for name, expected in EXPECTED.items() if expected != REFUSED]


@pytest.fixture
def qbank(fixtures_dir) -> Path:
    return fixtures_dir / "qbank"


def import_file(course, path: Path):
    return services.questions_import(course=course, data=path.read_bytes(), filename=path.name)


def test_every_question_file_has_an_expectation(qbank):
    assert sorted(path.name for path in qbank.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", IMPORTABLE)
def test_each_file_imports_every_supported_question_and_reports_the_rest(qbank, name):
    kinds, unsupported, categories = EXPECTED[name]
    course = CourseFactory()
    report = import_file(course, qbank / name)
    stored = Counter(
        Question.objects.filter(category__course=course).values_list("kind", flat=True)
    )
    assert dict(stored) == kinds
    assert report.created == kinds
    assert [question.type_name for question in report.unsupported] == unsupported
    assert all(question.line > 0 and question.name for question in report.unsupported)
    assert report.categories_created == categories


def test_moodle_refuses_the_file_with_invalid_grades_and_so_do_we(qbank):
    course = CourseFactory()
    with pytest.raises(ValidationError) as caught:
        import_file(course, qbank / "moodlexml-invalid-grades.xml")
    assert "Line 38" in caught.value.messages[0]
    assert "33%" in caught.value.messages[0]
    assert not QuestionCategory.objects.filter(course=course).exists()
    assert not Question.objects.exists()


def test_embedded_images_are_kept_and_the_audio_is_reported(qbank):
    course = CourseFactory()
    report = import_file(course, qbank / "moodlexml-multichoice-embedded-images.xml")
    question = Question.objects.get(category__course=course)
    assert question.category.name == "Multichoice"
    images = [a.text for a in question.answers.order_by("position")]
    assert all('<img src="data:image/jpeg;base64,' in text for text in images)
    assert [(d.filename, d.line) for d in report.dropped_files] == [("bonjour.mp3", 12)]
    assert "@@PLUGINFILE@@" not in question.text


def test_nested_categories_are_built_from_their_paths(qbank):
    course = CourseFactory()
    import_file(course, qbank / "moodlexml-nested-categories-with-questions.xml")
    lambda_ = QuestionCategory.objects.get(course=course, name="Lambda")
    assert (lambda_.parent.name, lambda_.parent.parent.name) == ("Kappa", "Iota")
    assert lambda_.parent.parent.parent is None
    assert lambda_.info == "This is Lambda category for test"
    assert lambda_.questions.get().name == "Lambda Question"


def test_cloze_questions_are_named_with_their_line(qbank):
    report = import_file(CourseFactory(), qbank / "moodlexml-broken-cloze.xml")
    assert [(u.line, u.name) for u in report.unsupported][:2] == [
        (4, "Multianswer question without subquestions"),
        (20, "Multichoice subquestion without choices"),
    ]


def snapshot(course) -> list[tuple]:
    paths = services.category_paths(course)
    rows = []
    for question in Question.objects.filter(category__course=course).order_by("pk"):
        answers = [
            (a.text, a.fraction, a.feedback, a.tolerance, a.match_text)
            for a in Answer.objects.filter(question=question).order_by("position")
        ]
        rows.append(
            (
                paths[question.category_id],
                question.kind,
                question.name,
                question.text,
                # GIFT has no place for a description's general feedback.
                "" if question.kind == "description" else question.general_feedback,
                question.default_mark,
                question.idnumber,
                question.settings.get("single"),
                answers,
            )
        )
    return sorted(rows, key=lambda row: (row[0], row[2], row[3]))


@pytest.mark.parametrize("name", IMPORTABLE)
def test_gift_export_reads_back_as_the_same_questions(qbank, name):
    source, copy = CourseFactory(), CourseFactory()
    import_file(source, qbank / name)
    gift = export_gift(services.questions_for_export(source))
    if not gift:
        return  # nothing to export (only unsupported questions or categories)
    report = services.questions_import(course=copy, data=gift.encode(), filename="copia.gift")
    assert report.unsupported == []
    assert snapshot(copy) == snapshot(source)

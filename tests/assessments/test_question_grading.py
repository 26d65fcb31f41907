"""Grading of every question kind, without a database (assessments.questions)."""

import random
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from assessments import questions
from assessments.questions.normalise import fold, parse_number, wildcard_matches

D = Decimal


def question(kind, settings=None, text="<p>¿?</p>"):
    return SimpleNamespace(kind=kind, settings=settings or {}, text=text)


def answers(*rows):
    """Answer-like rows with ids 1, 2, …: (text, fraction) or dicts."""
    made = []
    for pk, row in enumerate(rows, start=1):
        if isinstance(row, tuple):
            row = {"text": row[0], "fraction": row[1]}
        made.append(
            SimpleNamespace(
                pk=pk,
                text=row.get("text", ""),
                fraction=D(str(row.get("fraction", "0"))),
                tolerance=None if row.get("tolerance") is None else D(str(row["tolerance"])),
                match_text=row.get("match_text", ""),
                feedback=row.get("feedback", ""),
            )
        )
    return made


def grade(q, rows, response):
    return questions.grade_response(q, rows, questions.response_clean(q, rows, response))


# --- Multiple choice and true/false ------------------------------------------------


def test_single_choice_earns_the_fraction_of_the_chosen_answer_negative_too():
    q = question("multichoice", {"single": True})
    rows = answers(("Publicar el presupuesto", "1"), ("Nada", "-0.5"), ("A medias", "0.5"))
    assert grade(q, rows, {"answer": 1}) == D("1")
    assert grade(q, rows, {"answer": "3"}) == D("0.5")
    assert grade(q, rows, {"answer": 2}) == D("-0.5")
    assert grade(q, rows, None) == D("0")


def test_multiple_choice_adds_fractions_and_clamps_to_zero_and_one():
    q = question("multichoice", {"single": False})
    rows = answers(("a", "0.5"), ("b", "0.5"), ("c", "-1"), ("d", "0.6"))
    assert grade(q, rows, {"answers": [1, 2]}) == D("1")
    assert grade(q, rows, {"answers": [1, 2, 4]}) == D("1")  # 1.6 clamped
    assert grade(q, rows, {"answers": [1, 3]}) == D("0")  # -0.5 clamped
    assert grade(q, rows, {"answers": [1]}) == D("0.5")
    assert questions.response_clean(q, rows, {"answers": ["2", 1, 1]}) == {"answers": [1, 2]}


def test_choice_responses_must_name_answers_of_the_question():
    single = question("multichoice", {"single": True})
    several = question("multichoice", {"single": False})
    rows = answers(("a", "1"), ("b", "0"))
    for q, bad in (
        (single, {"answer": 99}),
        (single, {"answer": "x"}),
        (several, {"answers": 2}),
        (several, {"answers": [1, 99]}),
        (single, ["not", "a", "dict"]),
    ):
        with pytest.raises(ValidationError):
            questions.response_clean(q, rows, bad)
    assert questions.response_clean(single, rows, {"answer": ""}) is None


def test_true_false_and_its_right_answer():
    q = question("truefalse")
    rows = answers(("true", "0"), ("false", "1"))
    assert grade(q, rows, {"answer": 2}) == D("1")
    assert grade(q, rows, {"answer": 1}) == D("0")
    assert questions.right_answers(q, rows) == ["false"]


def test_feedback_of_the_chosen_answers():
    q = question("multichoice", {"single": False})
    rows = answers({"text": "a", "fraction": "1", "feedback": "Bien"}, {"text": "b"})
    assert questions.response_feedback(q, rows, {"answers": [1, 2]}) == ["Bien"]


# --- Short answer --------------------------------------------------------------------


def test_short_answer_ignores_accents_case_and_spaces_by_default():
    q = question("shortanswer")
    rows = answers(("Política", "1"))
    assert grade(q, rows, {"text": "politica"}) == D("1")
    assert grade(q, rows, {"text": "  POLÍTICA  "}) == D("1")
    assert grade(q, rows, {"text": "polit"}) == D("0")


def test_short_answer_can_be_accent_or_case_sensitive():
    rows = answers(("Política", "1"))
    accents = question("shortanswer", {"accent_sensitive": True})
    assert grade(accents, rows, {"text": "politica"}) == D("0")
    assert grade(accents, rows, {"text": "POLÍTICA"}) == D("1")
    case = question("shortanswer", {"case_sensitive": True})
    assert grade(case, rows, {"text": "politica"}) == D("0")
    assert grade(case, rows, {"text": "Politica"}) == D("1")


def test_short_answer_takes_the_first_matching_answer_with_wildcards():
    q = question("shortanswer")
    rows = answers(("gobierno abierto", "1"), ("gobierno*", "0.5"), ("*", "0"))
    assert grade(q, rows, {"text": "Gobierno   Abierto"}) == D("1")
    assert grade(q, rows, {"text": "gobierno electrónico"}) == D("0.5")
    assert grade(q, rows, {"text": "otra cosa"}) == D("0")
    assert questions.right_answers(q, rows) == ["gobierno abierto"]


def test_wildcard_escape_and_regex_characters_are_literal():
    assert wildcard_matches("a\\*b", "a*b")
    assert not wildcard_matches("a\\*b", "axb")
    assert wildcard_matches("1+1 (dos)", "1+1 (dos)")
    assert not wildcard_matches("a.c", "abc")
    assert fold("  Ñandú   ÁGIL ") == "nandu agil"


def test_short_answer_shape_and_length():
    q = question("shortanswer")
    assert questions.response_clean(q, [], {"text": "   "}) is None
    with pytest.raises(ValidationError):
        questions.response_clean(q, [], {"text": 5})
    with pytest.raises(ValidationError):
        questions.response_clean(q, [], {"text": "x" * 1001})


# --- Numerical -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        ("3,5", "3.5", ""),
        ("3.5", "3.5", ""),
        ("1.234,5", "1234.5", ""),
        ("1,234.5", "1234.5", ""),
        ("1.234.567", "1234567", ""),
        ("1 234,5", "1234.5", ""),
        ("−2,5", "-2.5", ""),
        (",5", "0.5", ""),
        ("1,5e3", "1500", ""),
        ("350 cm", "350", "cm"),
        ("3,5m", "3.5", "m"),
    ],
)
def test_numbers_as_people_type_them(typed, value, unit):
    assert parse_number(typed) == (D(value), unit)


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3,4.5.6", "1.23,4.5", "12 34"])
def test_unreadable_numbers(typed):
    assert parse_number(typed) is None


def test_numerical_within_tolerance_with_comma_or_point():
    q = question("numerical")
    rows = answers(
        {"text": "3.14", "fraction": "1", "tolerance": "0.01"}, {"text": "3", "fraction": "0.5"}
    )
    assert grade(q, rows, {"text": "3,141"}) == D("1")
    assert grade(q, rows, {"text": "3.15"}) == D("1")
    assert grade(q, rows, {"text": "3.16"}) == D("0")
    assert grade(q, rows, {"text": "3"}) == D("0.5")
    assert grade(q, rows, {"text": "tres"}) == D("0")
    assert grade(q, rows, {"text": "3.14 m"}) == D("0")  # no units in this question


def test_numerical_any_number_answer():
    q = question("numerical")
    rows = answers({"text": "42", "fraction": "1"}, {"text": "*", "fraction": "0.1"})
    assert grade(q, rows, {"text": "41"}) == D("0.1")


def test_numerical_units_convert_and_a_missing_unit_costs_the_penalty():
    units = [{"unit": "m", "multiplier": 1}, {"unit": "cm", "multiplier": 100}]
    optional = question("numerical", {"units": units})
    required = question("numerical", {"units": units, "unit_required": True, "unit_penalty": "0.2"})
    rows = answers({"text": "3.5", "fraction": "1", "tolerance": "0"})
    assert grade(optional, rows, {"text": "350 cm"}) == D("1")
    assert grade(optional, rows, {"text": "3,5 m"}) == D("1")
    assert grade(optional, rows, {"text": "3,5"}) == D("1")
    assert grade(required, rows, {"text": "350 cm"}) == D("1")
    assert grade(required, rows, {"text": "3,5"}) == D("0.8")
    assert grade(required, rows, {"text": "3,5 km"}) == D("0.8")  # unknown unit
    assert grade(required, rows, {"text": "4 m"}) == D("0")  # wrong number: no penalty below 0
    assert questions.right_answers(required, rows) == ["3.5 m"]


def test_numerical_keeps_what_was_typed():
    q = question("numerical")
    assert questions.response_clean(q, [], {"text": "  3,5   m "}) == {"text": "3,5 m"}


# --- Matching ------------------------------------------------------------------------


def _matching_rows():
    return answers(
        {"text": "Ley de transparencia", "match_text": "Acceso a la información"},
        {"text": "Catastro", "match_text": "Registro de predios"},
        {"text": "Interoperabilidad", "match_text": "Intercambio de datos"},
        {"text": "", "match_text": "Pago de nómina"},  # a distractor
    )


def test_matching_is_the_share_of_items_matched_right_with_distractors_offered():
    q = question("matching")
    rows = _matching_rows()
    assert questions.matching.choices(rows) == {
        1: "Acceso a la información",
        2: "Registro de predios",
        3: "Intercambio de datos",
        4: "Pago de nómina",
    }
    assert grade(q, rows, {"matches": {"1": 1, "2": 2, "3": 3}}) == D("1")
    assert grade(q, rows, {"matches": {"1": 1, "2": 4, "3": 2}}) == D("0.3333333")
    assert grade(q, rows, {"matches": {"1": "1", "2": ""}}) == D("0.3333333")
    assert grade(q, rows, None) == D("0")


def test_matching_refuses_unknown_items_and_choices():
    q = question("matching")
    rows = _matching_rows()
    with pytest.raises(ValidationError):
        questions.response_clean(q, rows, {"matches": {"4": 1}})  # a distractor is no item
    with pytest.raises(ValidationError):
        questions.response_clean(q, rows, {"matches": {"1": 99}})


def test_matching_duplicate_partners_are_one_choice_and_both_items_can_use_it():
    q = question("matching")
    rows = answers(
        {"text": "Alcaldía", "match_text": "Ejecutivo"},
        {"text": "Gobernación", "match_text": "Ejecutivo"},
        {"text": "Concejo", "match_text": "Legislativo"},
    )
    assert questions.matching.choices(rows) == {1: "Ejecutivo", 3: "Legislativo"}
    assert grade(q, rows, {"matches": {"1": 1, "2": 1, "3": 3}}) == D("1")


# --- Essay, description and the attempt's fraction -----------------------------------


def test_essay_waits_for_a_tutor_and_description_is_not_graded():
    essay = question("essay")
    assert questions.grade_response(essay, [], {"text": "Mi respuesta"}) is None
    assert questions.response_clean(essay, [], {"text": "Línea 1\r\nLínea 2 "}) == {
        "text": "Línea 1\nLínea 2"
    }
    description = question("description")
    assert questions.grade_response(description, [], None) is None
    with pytest.raises(ValidationError):
        questions.response_clean(description, [], {"text": "x"})


def test_attempt_fraction_is_never_negative_and_waits_for_pending_grades():
    assert questions.attempt_fraction([(D("1"), D("1")), (D("3"), D("0.5"))]) == D("0.625")
    assert questions.attempt_fraction([(D("1"), D("-1")), (D("1"), D("0.5"))]) == D("0")
    assert questions.attempt_fraction([(D("1"), D("1")), (D("1"), None)]) is None
    assert questions.attempt_fraction([]) == D("0")


def test_answer_order_shuffles_choices_but_never_true_false():
    rng = random.Random(4)
    multichoice = question("multichoice", {"shuffle": True})
    rows = answers(*[(f"op {n}", "0") for n in range(8)])
    orders = {
        tuple(questions.answer_order(multichoice, rows, shuffle=True, rng=rng)) for _ in range(5)
    }
    assert len(orders) > 1 and all(sorted(order) == list(range(1, 9)) for order in orders)
    assert questions.answer_order(multichoice, rows, shuffle=False, rng=rng) == list(range(1, 9))
    no_shuffle = question("multichoice", {"shuffle": False})
    assert questions.answer_order(no_shuffle, rows, shuffle=True, rng=rng) == list(range(1, 9))
    truefalse = question("truefalse")
    assert questions.answer_order(
        truefalse, answers(("true", 1), ("false", 0)), shuffle=True, rng=rng
    ) == [1, 2]


def test_matching_layout_lists_items_then_every_choice():
    rows = _matching_rows()
    order = questions.answer_order(question("matching"), rows, shuffle=False, rng=random.Random(1))
    assert order[:3] == [1, 2, 3]
    assert sorted(order[3:]) == [1, 2, 3, 4]

"""Reading GIFT, Moodle XML and Aiken into plain data, and writing GIFT: no database."""

import base64
from decimal import Decimal
from types import SimpleNamespace

import pytest

from assessments.importers import QuestionFileError, export_gift, parse_question_file
from assessments.importers.common import split_category_path

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def parse(text: str | bytes, filename: str = ""):
    data = text.encode() if isinstance(text, str) else text
    return parse_question_file(data, filename)


def only(text: str | bytes, filename: str = ""):
    bank = parse(text, filename)
    assert len(bank.questions) == 1, bank.questions
    return bank.questions[0]


def refused(text: str | bytes, filename: str = "") -> QuestionFileError:
    with pytest.raises(QuestionFileError) as caught:
        parse(text, filename)
    return caught.value


def answers(question):
    return [(a.text, a.fraction, a.feedback) for a in question.answers]


# --- GIFT: the question types -------------------------------------------------


def test_gift_multiple_choice_with_feedback():
    question = only("::Q2:: ¿Qué color? {=amarillo # ¡bien! ~rojo # no ~azul}")
    assert question.kind == "multichoice"
    assert question.name == "Q2"
    assert question.text == "¿Qué color?"
    assert question.settings == {"single": True, "shuffle": True}
    assert answers(question) == [
        ("amarillo", 1, "¡bien!"),
        ("rojo", 0, "no"),
        ("azul", 0, ""),
    ]


def test_gift_multiple_answers_with_partial_and_negative_weights():
    question = only("Colores {~%50%amarillo ~%-100%rojo ~%50%verde ~%-33.33333%azul}")
    assert question.settings["single"] is False
    assert [a.fraction for a in question.answers] == [
        Decimal("0.5"),
        Decimal("-1"),
        Decimal("0.5"),
        Decimal("-0.3333333"),
    ]


def test_gift_true_false_in_every_spelling_with_feedback_for_the_wrong_and_right_answer():
    bank = parse("A{T}\n\nB{TRUE}\n\nC{F}\n\nD{FALSE#mal#bien####general}")
    assert [q.kind for q in bank.questions] == ["truefalse"] * 4
    assert [[(a.text, a.fraction) for a in q.answers] for q in bank.questions[:3]] == [
        [("true", 1), ("false", 0)],
        [("true", 1), ("false", 0)],
        [("true", 0), ("false", 1)],
    ]
    last = bank.questions[3]
    assert [(a.text, a.feedback) for a in last.answers] == [("true", "mal"), ("false", "bien")]
    assert last.general_feedback == "general"


def test_gift_short_answer_is_case_and_accent_insensitive_by_default():
    question = only("¿Capital de Perú? {=Lima#¡Sí! =%50%lima ciudad =%0%*#No}")
    assert question.kind == "shortanswer"
    assert question.settings == {"case_sensitive": False, "accent_sensitive": False}
    assert answers(question) == [
        ("Lima", 1, "¡Sí!"),
        ("lima ciudad", Decimal("0.5"), ""),
        ("*", 0, "No"),
    ]


def test_gift_numerical_exact_tolerance_range_and_several_answers():
    bank = parse(
        "A {#1822}\n\nB {#3.1415:0.0005}\n\nC {#1..5}\n\nD {#-5..5}\n\n"
        "E {#\n=1822:0#Exacto\n=%50%1822:2#Cerca\n~#Lejos}\n\nF {#3,5}"
    )
    assert all(q.kind == "numerical" for q in bank.questions)
    table = [[(a.text, a.tolerance, a.fraction) for a in q.answers] for q in bank.questions]
    assert table[0] == [("1822", 0, 1)]
    assert table[1] == [("3.1415", Decimal("0.0005"), 1)]
    assert table[2] == [("3", 2, 1)]
    assert table[3] == [("0", 5, 1)]
    assert table[4] == [("1822", 0, 1), ("1822", 2, Decimal("0.5")), ("*", None, 0)]
    assert bank.questions[4].answers[2].feedback == "Lejos"
    assert table[5] == [("3.5", 0, 1)]
    assert bank.questions[0].settings == {
        "units": [],
        "unit_required": False,
        "unit_penalty": "0.1",
    }


def test_gift_matching_keeps_a_distractor_without_item():
    question = only("Empareje.{\n=Canadá -> Ottawa\n=Italia->Roma\n= -> Lima\n}")
    assert question.kind == "matching"
    assert [(a.text, a.match_text) for a in question.answers] == [
        ("Canadá", "Ottawa"),
        ("Italia", "Roma"),
        ("", "Lima"),
    ]
    assert question.settings == {"shuffle": True}


def test_gift_essay_and_description():
    bank = parse("::E:: Escriba sobre su municipio. {####Gracias}\n\nSolo un texto de ayuda.")
    essay, description = bank.questions
    assert (essay.kind, essay.general_feedback, essay.answers) == ("essay", "Gracias", [])
    assert description.kind == "description"
    assert description.default_mark == 0
    assert description.text == "Solo un texto de ayuda."


def test_gift_missing_word_gets_a_blank_where_the_answer_block_was():
    question = only("El municipio {~compra =publica ~oculta} su presupuesto.")
    assert question.text == "El municipio _____ su presupuesto."
    first = only("{=Asia} es el continente más grande.")
    assert first.text == "_____ es el continente más grande."


def test_gift_question_over_several_lines_with_comments_between():
    question = only(
        "// un comentario\n::Nombre::Primera línea\n// otro\nsegunda línea {\n~a\n"
        "// entre respuestas\n=b\n}"
    )
    assert question.text == "Primera línea<br>\n<br>\nsegunda línea"
    assert [a.text for a in question.answers] == ["a", "b"]
    assert question.line == 2


def test_gift_questions_without_a_blank_line_between_them_are_still_separate():
    bank = parse(
        "::A:: Uno {T}\n::B:: Dos\n{\n=x\n~y\n}\n¿Tres?\n{=z}\n// [id:C]\n::C:: Cuatro {F}\n"
        "$CATEGORY: Otra\nGrant is {~a =b}\nin Grant's tomb."
    )
    assert [(q.name, q.line, q.kind) for q in bank.questions] == [
        ("A", 1, "truefalse"),
        ("B", 2, "multichoice"),
        ("¿Tres?", 7, "shortanswer"),
        ("C", 10, "truefalse"),
        ("Grant is _____ in Grant's tomb.", 12, "multichoice"),
    ]
    assert bank.questions[3].idnumber == "C"
    assert bank.questions[4].category_path == ("Otra",)
    assert bank.questions[4].text == "Grant is _____<br>\nin Grant's tomb."


def test_gift_without_name_takes_the_start_of_the_text():
    question = only("¿" + "Qué " * 40 + "? {T}")
    assert question.name.startswith("¿Qué Qué")
    assert len(question.name) <= 80


# --- GIFT: escapes, text formats, categories, IDs ------------------------------


def test_gift_escaped_control_characters_are_text():
    question = only(r"Caracteres \~ \= \# \{ \} \: y \\ barra{=\= 2 + 3 # ok \# ~ \~ 1 \{x\}}")
    assert question.text == r"Caracteres ~ = # { } : y \ barra"
    assert answers(question) == [("= 2 + 3", 1, "ok #"), ("~ 1 {x}", 0, "")]


def test_gift_backslash_n_is_a_line_break():
    question = only(r"[html]Uno\ndos {}")
    assert question.text == "Uno\ndos"


def test_gift_text_formats():
    bank = parse(
        "[html]<p>El <b>sol</b></p><script>x()</script>{T}\n\n"
        "[plain]1 < 2 & <b>{T}\n\n"
        "[markdown]¿Quién es **el alcalde**?{=Ana}\n\n"
        "[moodle]Uno\nDos{T}"
    )
    html, plain, markdown, moodle = (q.text for q in bank.questions)
    assert html == "<p>El <b>sol</b></p>"
    assert plain == "1 &lt; 2 &amp; &lt;b&gt;"
    assert markdown == "<p>¿Quién es <strong>el alcalde</strong>?</p>"
    assert moodle == "Uno<br>\nDos"
    assert [q.text_format for q in bank.questions] == ["html", "plain", "markdown", "moodle"]


def test_gift_answers_take_the_question_format_unless_they_say_otherwise():
    question = only("[markdown]Elija{=**sí** ~[plain]<no>#[html]<i>mal</i>}")
    assert answers(question) == [
        ("<p><strong>sí</strong></p>", 1, ""),
        ("&lt;no&gt;", 0, "<i>mal</i>"),
    ]


def test_gift_categories_and_id_numbers():
    bank = parse(
        "$CATEGORY: $course$/top/Default for GEM/Transparencia//datos/Módulo 1\n\n"
        "// [id:T-1] [tag:uno]\nPregunta {T}\n\n"
        "$CATEGORY: $course$/Default for GEM\n\nOtra {F}"
    )
    first, second = bank.questions
    assert first.category_path == ("Transparencia/datos", "Módulo 1")
    assert first.idnumber == "T-1"
    assert second.category_path == ()
    assert [c.path for c in bank.categories] == [("Transparencia/datos", "Módulo 1"), ()]


def test_category_paths_like_moodle():
    assert split_category_path("$course$/top/A/B") == ("A", "B")
    assert split_category_path("$system$/top") == ()
    assert split_category_path("$course$/Default for C1/X") == ("X",)
    assert split_category_path("Sin/prefijo") == ("Sin", "prefijo")


def test_gift_cloze_text_is_reported_as_unsupported_with_its_line():
    bank = parse("Pregunta normal {T}\n\n\n::Hueco:: La capital es {1:SHORTANSWER:=Lima}.")
    assert len(bank.questions) == 1
    assert [(u.type_name, u.line, u.name) for u in bank.unsupported] == [("cloze", 4, "Hueco")]


def test_gift_image_references_without_the_file_are_dropped_and_reported():
    question_bank = parse('[html]Mire <img src\\="@@PLUGINFILE@@/mapa.png" alt\\="Mapa">{T}')
    assert question_bank.questions[0].text == "Mire Mapa"
    assert [(d.filename, d.line) for d in question_bank.dropped_files] == [("mapa.png", 1)]


# --- GIFT: malformed files are refused with the line ----------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Bien {T}\n\nSin cerrar {=a ~b\n", 3),
        ("Bien {T}\n\nSin abrir =a ~b}\n", 3),
        ("Uno\n\n\nUna sola opción {~a}", 4),
        ("Empareje {\n=a -> b\n=c d\n}", 3),
        ("Número {#\n=1\n=dos\n}", 3),
        ("Peso {~%33%a =b}", 1),
        ("Nadie acierta {~a ~b}", 1),
    ],
)
def test_gift_malformed_files_are_refused_at_the_right_line(text, line):
    assert refused(text).line == line


def test_a_grade_close_to_an_allowed_one_is_snapped_to_it():
    question = only("Casi {~%33.3%a ~%66.67%b ~%-14.3%c ~d}")
    assert [a.fraction for a in question.answers] == [
        Decimal("0.3333333"),
        Decimal("0.6666667"),
        Decimal("-0.1428571"),
        0,
    ]


# --- Encodings and format detection ------------------------------------------------


def test_windows_1252_bytes_are_read_as_such():
    bank = parse("¿Cuál es la capital del Perú?{=Lima ~Cusco}".encode("cp1252"))
    assert bank.encoding == "Windows-1252"
    assert bank.questions[0].text == "¿Cuál es la capital del Perú?"


def test_utf8_with_bom_and_utf16_are_read():
    assert parse("\ufeff¿Sí? {T}".encode()).questions[0].text == "¿Sí?"
    utf16 = parse("¿Ñandú? {T}".encode("utf-16"))
    assert (utf16.encoding, utf16.questions[0].text) == ("UTF-16", "¿Ñandú?")


def test_crlf_line_ends():
    bank = parse(b"Uno {T}\r\n\r\nDos {F}\r\n")
    assert [q.line for q in bank.questions] == [1, 3]


@pytest.mark.parametrize(
    ("text", "filename", "expected"),
    [
        ('\ufeff  <?xml version="1.0"?><quiz></quiz>', "", "moodlexml"),
        ("<quiz>\n</quiz>", "x.txt", "moodlexml"),
        ("Pregunta\nA) uno\nB) dos\nANSWER: A\n", "", "aiken"),
        ("Pregunta\nA) uno\nB) dos\nANSWER: A\n", "banco.gift", "gift"),
        ("Pregunta {T}", "", "gift"),
    ],
)
def test_the_format_is_detected(text, filename, expected):
    if expected == "moodlexml":
        with pytest.raises(QuestionFileError, match="no questions"):
            parse(text, filename)
        return
    assert parse(text, filename).format == expected


def test_empty_and_binary_files_are_refused():
    assert refused(b"  \n\n").line == 1
    assert refused(b"PK\x03\x04\x00\x00binary").line == 1


# --- Aiken ---------------------------------------------------------------------


def test_aiken_questions():
    bank = parse(
        "¿Quién aprueba el presupuesto municipal?\nA) El concejo\nB. El alcalde <solo>\n"
        "ANSWER: A\n\nPregunta en\ndos líneas\na) Sí\nb) No\nc) Tal vez\nANSWER: c\n"
    )
    assert bank.format == "aiken"
    first, second = bank.questions
    assert answers(first) == [("El concejo", 1, ""), ("El alcalde &lt;solo&gt;", 0, "")]
    assert first.settings == {"single": True, "shuffle": True}
    assert second.text == "Pregunta en<br>\ndos líneas"
    assert second.line == 6
    assert [a.fraction for a in second.answers] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Pregunta\nA) uno\nB) dos\nANSWER: E\n", 4),
        ("Bien\nA) uno\nB) dos\nANSWER: A\n\nSin respuesta\nA) uno\nB) dos\n", 6),
        ("Pregunta\nA) uno\nANSWER: A\n", 1),
        ("Pregunta\nA) uno\nB) dos\ntexto suelto\nANSWER: A\n", 4),
        ("Pregunta\nA) uno\nB) dos\nANSWER:\n", 4),
        ("Pregunta\n1) uno\n2) dos\nANSWER: 1\n", 4),
    ],
)
def test_aiken_malformed_files_are_refused_at_the_right_line(text, line):
    assert refused(text).line == line


# --- Moodle XML ------------------------------------------------------------------

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'


def xml(body: str) -> str:
    return XML_HEAD + body + "\n</quiz>\n"


def test_xml_categories_child_before_parent_with_info():
    bank = parse(
        xml(
            '<question type="category"><category><text>$course$/top/A/B</text></category>'
            '<info format="plain_text"><text>Hijo &amp; más</text></info></question>\n'
            '<question type="truefalse"><name><text>V</text></name>'
            '<questiontext format="html"><text>Sí</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer>'
            '<answer fraction="0"><text>false</text></answer></question>\n'
            '<question type="category"><category><text>$course$/top/A</text></category></question>'
        )
    )
    assert [(c.path, c.info) for c in bank.categories] == [
        (("A", "B"), "Hijo &amp; más"),
        (("A",), ""),
    ]
    assert bank.questions[0].category_path == ("A", "B")


def test_xml_multichoice():
    question = only(
        xml(
            """<question type="multichoice">
    <name><text>Capitales</text></name>
    <questiontext format="html"><text><![CDATA[<p>Elija <b>dos</b></p>]]></text></questiontext>
    <generalfeedback format="html"><text>Lima y Quito</text></generalfeedback>
    <defaultgrade>2.5000000</defaultgrade>
    <idnumber>CAP-1</idnumber>
    <single>false</single><shuffleanswers>0</shuffleanswers><answernumbering>ABCD</answernumbering>
    <answer fraction="50" format="html"><text>Lima</text>
      <feedback><text>Bien</text></feedback></answer>
    <answer fraction="50"><text>Quito</text></answer>
    <answer fraction="-100"><text>Madrid</text></answer>
  </question>"""
        )
    )
    assert question.kind == "multichoice"
    assert (question.name, question.text) == ("Capitales", "<p>Elija <b>dos</b></p>")
    assert question.general_feedback == "Lima y Quito"
    assert question.default_mark == Decimal("2.5")
    assert question.idnumber == "CAP-1"
    assert question.settings == {"single": False, "shuffle": False, "numbering": "ABCD"}
    assert answers(question) == [
        ("Lima", Decimal("0.5"), "Bien"),
        ("Quito", Decimal("0.5"), ""),
        ("Madrid", -1, ""),
    ]
    assert question.line == 3


def test_xml_shortanswer_use_case_numerical_units_matching_essay_description():
    bank = parse(
        xml(
            """<question type="shortanswer"><name><text>SA</text></name>
  <questiontext><text>Ciudad</text></questiontext><usecase>1</usecase>
  <answer fraction="100"><text>Lima</text></answer></question>
<question type="numerical"><name><text>N</text></name>
  <questiontext><text>Distancia</text></questiontext>
  <answer fraction="100"><text>1.5</text><tolerance>0.1</tolerance></answer>
  <answer fraction="0"><text>*</text><feedback><text>No</text></feedback></answer>
  <units><unit><multiplier>1</multiplier><unit_name>km</unit_name></unit>
  <unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit></units>
  <unitgradingtype>1</unitgradingtype><unitpenalty>0.2500000</unitpenalty></question>
<question type="matching"><name><text>M</text></name>
  <questiontext><text>Una</text></questiontext>
  <subquestion format="html"><text>rana</text><answer><text>anfibio</text></answer></subquestion>
  <subquestion format="html"><text>gato</text><answer><text>mamífero</text></answer></subquestion>
  <subquestion format="html"><text></text><answer><text>insecto</text></answer></subquestion>
</question>
<question type="essay"><name><text>E</text></name><questiontext><text>Escriba</text></questiontext>
  <responseformat>plain</responseformat><minwordlimit>50</minwordlimit><maxwordlimit></maxwordlimit>
</question>
<question type="description"><name><text>D</text></name>
  <questiontext><text>Lea</text></questiontext><defaultgrade>1</defaultgrade></question>"""
        )
    )
    short, number, match, essay, description = bank.questions
    assert short.settings == {"case_sensitive": True, "accent_sensitive": False}
    assert [(a.text, a.tolerance, a.fraction) for a in number.answers] == [
        ("1.5", Decimal("0.1"), 1),
        ("*", None, 0),
    ]
    assert number.settings == {
        "units": [{"unit": "km", "multiplier": "1"}, {"unit": "m", "multiplier": "1000"}],
        "unit_required": True,
        "unit_penalty": "0.25",
    }
    assert [(a.text, a.match_text) for a in match.answers] == [
        ("rana", "anfibio"),
        ("gato", "mamífero"),
        ("", "insecto"),
    ]
    assert essay.settings == {"response_format": "plain", "min_words": 50}
    assert (description.kind, description.default_mark) == ("description", 0)


def test_xml_unsupported_types_are_reported_by_name_and_line():
    bank = parse(
        xml(
            '<question type="cloze"><name><text>Hueco</text></name>'
            "<questiontext><text>{1:SA:=x}</text></questiontext></question>\n"
            '<question type="ordering"><name><text>Orden</text></name></question>\n'
            '<question type="truefalse"><questiontext><text>V</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer></question>'
        )
    )
    assert [(u.type_name, u.line, u.name) for u in bank.unsupported] == [
        ("cloze", 3, "Hueco"),
        ("ordering", 4, "Orden"),
    ]
    assert bank.questions[0].name == "V"


def test_xml_images_become_data_uris_and_other_files_are_dropped():
    png = base64.b64encode(PNG).decode()
    question = parse(
        xml(
            f"""<question type="description"><name><text>Img</text></name>
  <questiontext format="html"><text><![CDATA[<p>
  <img src="@@PLUGINFILE@@/mapa%20ciudad.png" alt="Mapa">
  <a href="@@PLUGINFILE@@/audio.mp3">Oír</a>
  <img src="@@PLUGINFILE@@/falta.png" alt="Falta"></p>]]></text>
  <file name="mapa ciudad.png" encoding="base64">{png}</file>
  <file name="audio.mp3" encoding="base64">SUQzAwAAAAAAEFRDT04=</file></questiontext></question>"""
        )
    )
    text = question.questions[0].text
    assert f'<img src="data:image/png;base64,{png}" alt="Mapa">' in text
    assert "Oír" in text and "audio.mp3" not in text and "@@PLUGINFILE@@" not in text
    assert "Falta" in text
    assert sorted(d.filename for d in question.dropped_files) == ["audio.mp3", "falta.png"]


def test_xml_old_style_image_is_added_to_the_question_text():
    png = base64.b64encode(PNG).decode()
    question = only(
        xml(
            '<question type="truefalse"><name><text>Vieja</text></name>'
            '<questiontext format="html"><text>¿Es un punto?</text></questiontext>'
            f"<image>imgs/punto.png</image><image_base64>{png}</image_base64>"
            '<answer fraction="100"><text>true</text></answer></question>'
        )
    )
    assert question.text == f'¿Es un punto? <img src="data:image/png;base64,{png}" alt="">'


def test_xml_data_uris_are_only_kept_for_real_images_in_img():
    svg = base64.b64encode(b"<svg onload='x()'/>").decode()
    png = base64.b64encode(PNG).decode()
    question = only(
        xml(
            f"""<question type="description"><questiontext format="html"><text><![CDATA[
<img src="data:image/svg+xml;base64,{svg}"><img src="data:image/png;base64,{png}">
<a href="data:text/html;base64,{svg}">x</a>]]></text></questiontext></question>"""
        )
    )
    assert "svg" not in question.text
    assert f'src="data:image/png;base64,{png}"' in question.text
    assert "data:text" not in question.text


def test_xml_invalid_grades_are_refused_at_the_answer():
    error = refused(
        xml(
            '<question type="multichoice"><name><text>Primos</text></name>\n'
            "<questiontext><text>Elija</text></questiontext>\n"
            '<answer fraction="50"><text>2</text></answer>\n'
            '<answer fraction="33"><text>3</text></answer>\n'
            "</question>"
        )
    )
    assert error.line == 6
    assert "33%" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (xml("<question type='truefalse'>\n<name><text>x</name>\n</question>"), 4),
        ('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz></quiz>', 2),
        ('<?xml version="1.0"?>\n<banco>\n</banco>', 2),
        (
            xml(
                '<question type="multichoice">'
                '<answer fraction="100"><text>a</text></answer></question>'
            ),
            3,
        ),
    ],
)
def test_xml_malformed_files_are_refused_at_the_right_line(text, line):
    assert refused(text).line == line


def test_xml_entity_expansion_is_refused():
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        "<quiz><question type='description'><questiontext><text>&lol2;</text>"
        "</questiontext></question></quiz>"
    )
    assert "document type" in refused(bomb).message


def test_xml_in_windows_1252():
    data = xml(
        '<question type="truefalse"><questiontext><text>¿Año?</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer></question>'
    ).replace("UTF-8", "windows-1252")
    bank = parse(data.encode("cp1252"))
    assert (bank.encoding, bank.questions[0].text) == ("Windows-1252", "¿Año?")


# --- GIFT export ---------------------------------------------------------------------


def stub(kind, name, text, answers_=(), **extra):
    rows = [
        SimpleNamespace(
            position=i,
            text=a[0],
            fraction=Decimal(a[1]),
            feedback=a[2] if len(a) > 2 else "",
            tolerance=Decimal(a[3]) if len(a) > 3 and a[3] is not None else None,
            match_text=a[4] if len(a) > 4 else "",
        )
        for i, a in enumerate(answers_, start=1)
    ]
    return SimpleNamespace(
        pk=1,
        kind=kind,
        name=name,
        text=text,
        general_feedback=extra.get("general_feedback", ""),
        settings=extra.get("settings", {}),
        idnumber=extra.get("idnumber", ""),
        category_path=extra.get("path", ("Módulo 1",)),
        answers=SimpleNamespace(all=lambda: rows),
    )


def test_gift_export_reads_back_the_same():
    questions = [
        stub(
            "multichoice",
            "Elija: {uno}",
            "<p>¿Cuál = 2 + 2? #4 ~ no</p>\n<p>Otra línea</p>",
            [("<b>4</b>", "1", "¡Sí! #bien"), ("%50% de 8", "0"), ("-", "-0.5", "mal")],
            settings={"single": True},
            general_feedback="Sumar\\restar",
            idnumber="MC-1",
        ),
        stub("truefalse", "V", "Verdad", [("true", "0", "no es"), ("false", "1", "correcto")]),
        stub(
            "shortanswer", "S", "Capital", [("Lima", "1", "sí"), ("Cusco", "0.5")], path=("A", "B")
        ),
        stub(
            "numerical",
            "N",
            "Número",
            [("3.1415", "1", "", "0.0005"), ("3", "0.5", "", "0"), ("*", "0", "lejos", None)],
            path=("A", "B"),
        ),
        stub(
            "matching",
            "M",
            "Una",
            [("rana", "0", "", None, "anfibio -> sí"), ("", "0", "", None, "x")],
        ),
        stub("essay", "E", "Escriba", general_feedback="gracias"),
        stub("description", "D", "Lea {esto}"),
    ]
    text = export_gift(questions)
    bank = parse(text)
    assert bank.unsupported == []
    assert [q.kind for q in bank.questions] == [q.kind for q in questions]
    for original, read in zip(questions, bank.questions, strict=True):
        assert read.name == original.name
        assert read.text == original.text
        assert read.general_feedback == original.general_feedback
        assert read.category_path == original.category_path
        expected = [
            (a.text, a.fraction, a.feedback, a.tolerance, a.match_text)
            for a in original.answers.all()
        ]
        got = [(a.text, a.fraction, a.feedback, a.tolerance, a.match_text) for a in read.answers]
        assert got == expected, original.kind
    assert bank.questions[0].idnumber == "MC-1"
    assert bank.questions[0].settings["single"] is True

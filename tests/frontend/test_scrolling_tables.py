"""Authors' tables scroll inside a named region that takes the keyboard focus."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from frontend.templatetags.aula import scrolling_tables


def test_each_table_of_course_html_is_wrapped_in_a_focusable_named_region():
    html = mark_safe(
        "<p>Antes</p><table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>"
    )
    with translation.override("es"):
        wrapped = scrolling_tables(html)
    region = '<div class="table-scroll" role="region" aria-label="Tabla" tabindex="0">'
    assert wrapped == (
        f"<p>Antes</p>{region}<table><tr><td>1</td></tr></table></div>"
        f"{region}<table><tr><td>2</td></tr></table></div>"
    )


def test_html_without_tables_or_with_nested_ones_is_left_as_it_is():
    plain = mark_safe("<p>Sin tablas</p>")
    nested = mark_safe("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>")
    assert scrolling_tables(plain) == plain
    assert scrolling_tables(nested) == nested


def test_text_that_is_not_marked_safe_is_escaped():
    template = Template("{% load aula %}{{ text|scrolling_tables }}")
    rendered = template.render(Context({"text": "<table><tr><td>x</td></tr></table>"}))
    assert "<table>" not in rendered
    assert "&lt;table&gt;" in rendered

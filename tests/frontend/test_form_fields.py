"""The form field include: a label for every field, a named group for radio buttons and
checkboxes, and help and errors tied to what they describe."""

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Nombre", help_text="Dónde se usa.")
    scope = forms.ChoiceField(
        label="Qué puede hacer", choices=[("read", "Leer"), ("write", "Escribir")],
        widget=forms.RadioSelect, help_text="Elija uno.",
    )  # fmt: skip


def _render(form, name):
    return render_to_string("frontend/includes/field.html", {"field": form[name]})


def test_a_text_field_has_its_label_and_its_help():
    html = _render(_Form(), "name")
    assert '<label for="id_name">Nombre</label>' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert 'id="id_name_helptext"' in html


def test_radio_buttons_are_a_group_named_by_a_legend_with_help_and_errors_tied_to_it():
    form = _Form(data={"name": "x", "scope": "nothing"})
    assert not form.is_valid()
    html = _render(form, "scope")
    assert html.startswith('<fieldset class="field field-group" ')
    assert 'aria-describedby="id_scope_helptext id_scope_error"' in html
    assert "<legend>Qué puede hacer</legend>" in html
    assert 'id="id_scope_error"' in html  # the error list the group points at
    assert '<label for="id_scope_0"><input' in html  # each option keeps its own label
    assert '<label for="id_scope_0">Qué' not in html  # no second label on the first option

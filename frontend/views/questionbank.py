"""A course's question bank: browse it, import a question file, export it as GIFT.

Administrators and the managers of a programme with a run of the course may use
these pages (`assessments.selectors.questionbank.courses_editable_by`); anyone
else gets a 404, as for the other management pages. Reading and storing the file
is `assessments.services.questionbank.questions_import`.
"""

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from assessments.importers import MAX_BYTES, export_gift
from assessments.models import QuestionKind
from assessments.selectors import questionbank as selectors
from assessments.services import questionbank as services
from frontend.views import query_without_page

PAGE_SIZE = 25


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Question file (GIFT, Moodle XML or Aiken)"),
        help_text=gettext_lazy(
            "The format and the text encoding (UTF-8 or Windows-1252) are recognised by themselves."
        ),
        widget=forms.FileInput(attrs={"accept": ".txt,.gift,.xml"}),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Import into"),
        help_text=gettext_lazy(
            "The categories named in the file are created inside this one. "
            "Without one, they go at the top of the bank."
        ),
        required=False,
    )

    def __init__(self, *args, categories: list[selectors.CategoryRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {str(row.category.pk): row for row in categories}
        self.fields["category"].choices = [("", _("The top of the bank"))] + [
            (key, row.label) for key, row in self.rows.items()
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is too large (at most %(megabytes)d MB).")
                % {"megabytes": MAX_BYTES // (1024 * 1024)}
            )
        return upload

    def clean_category(self):
        value = self.cleaned_data["category"]
        return self.rows[value].category if value else None


def _course(request, course_id: int):
    course = selectors.course_get_for_bank_editor(request.user, course_id)
    if course is None:
        raise Http404
    return course


def _chosen_category(rows, value):
    return next((row.category for row in rows if str(row.category.pk) == value), None)


@login_required
@require_safe
def bank(request, course_id: int):
    course = _course(request, course_id)
    rows = selectors.categories_of(course)
    category = _chosen_category(rows, request.GET.get("category", ""))
    kind = request.GET.get("kind", "")
    if kind not in QuestionKind.values:
        kind = ""
    questions = selectors.questions_in_bank(
        course,
        category_ids=selectors.subtree_ids(rows, category) if category else None,
        kind=kind,
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {row.category.pk: row.label for row in rows}
    for question in page:
        question.category_label = labels.get(question.category_id, question.category.name)
    context = {
        "nav": "manage",
        "course": course,
        "categories": rows,
        "category": category,
        "kind": kind,
        "kinds": QuestionKind.choices,
        "page": page,
        "query": query_without_page(request),
        "total": sum(row.questions for row in rows),
    }
    return render(request, "frontend/questionbank/bank.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_import(request, course_id: int):
    course = _course(request, course_id)
    rows = selectors.categories_of(course)
    report, status = None, 200
    if request.method == "POST":
        form = QuestionImportForm(request.POST, request.FILES, categories=rows)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.questions_import(
                    course=course,
                    data=upload.read(),
                    filename=upload.name,
                    target_category=form.cleaned_data["category"],
                )
            except ValidationError as error:
                form.add_error("file", error)
                status = 400
            else:
                form = QuestionImportForm(categories=selectors.categories_of(course))
        else:
            status = 400
    else:
        form = QuestionImportForm(categories=rows)
    context = {"nav": "manage", "course": course, "form": form, "report": report}
    return render(request, "frontend/questionbank/import.html", context, status=status)


@login_required
@require_safe
def question_export(request, course_id: int):
    course = _course(request, course_id)
    category = None
    if request.GET.get("category"):
        category = _chosen_category(selectors.categories_of(course), request.GET["category"])
        if category is None:
            raise Http404
    text = export_gift(services.questions_for_export(course, category))
    response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", course.code).strip("-") or "curso"
    response["Content-Disposition"] = f'attachment; filename="{slug}-preguntas.gift.txt"'
    return response

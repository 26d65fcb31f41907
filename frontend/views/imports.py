"""Importing municipalities and their teams from a spreadsheet (CSV or XLSX).

The page and the template downloads only: reading and checking the file is
`programs.importing`, the import itself `programs.services.municipalities_import`.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from programs import importing, selectors, services

TEMPLATE_FILENAME = "plantilla-municipios"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MunicipalityImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy("One row per person, at most 10 MB and 20.000 rows."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check without importing"),
        help_text=gettext_lazy("Checks every line and shows what would change, without saving."),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            raise ValidationError(
                _("The file is too large (at most %(megabytes)d MB).")
                % {"megabytes": importing.MAX_BYTES // (1024 * 1024)}
            )
        return upload


def _managed_programme(request, programme_id: int):
    programme = selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    return programme


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_import(request, programme_id: int):
    programme = _managed_programme(request, programme_id)
    report = None
    status = 200
    if request.method == "POST":
        form = MunicipalityImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.municipalities_import(
                    programme=programme,
                    upload_name=upload.name,
                    data=upload.read(),
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ValidationError as error:
                form.add_error("file", error)
                status = 400
            else:
                if report.ok:
                    form = MunicipalityImportForm()
                else:
                    status = 400
        else:
            status = 400
    else:
        form = MunicipalityImportForm()
    context = {
        "nav": "manage",
        "programme": programme,
        "form": form,
        "report": report,
        "columns": importing.template.column_help(),
    }
    return render(request, "frontend/manage/import.html", context, status=status)


@login_required
@require_safe
def import_template(request, programme_id: int, file_format: str):
    _managed_programme(request, programme_id)
    if file_format == "csv":
        content, content_type = importing.template.template_csv(), "text/csv; charset=utf-8"
    elif file_format == "xlsx":
        content, content_type = importing.template.template_xlsx(), XLSX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}.{file_format}"'
    return response

"""Importing municipalities and their teams from a spreadsheet (CSV or XLSX).

The upload page (with the programme's recent imports), each import's page
(progress while it runs, then its report), the progress as JSON for
progress.js, and the template downloads. Checking and importing the file run
in the background (`programs.import_jobs`); with Celery running tasks eagerly
(the embedded default) they run inside the upload's request, whose redirect
then shows the finished report. Managers of the programme only: anyone else
gets 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from frontend.views.jobs import job_progress_response
from programs import import_jobs, importing, selectors
from programs.jobs import JobProgress, job_progress
from programs.models import MunicipalityImport

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
        # What the first bytes tell (a PDF, an old .xls, nothing at all) is said at once.
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        importing.refuse_unreadable(head, upload.name or "")
        return upload


def _managed_programme(request, programme_id: int):
    programme = selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    return programme


def _job(request, import_id: int) -> MunicipalityImport:
    job = import_jobs.import_get_for_manager(request.user, import_id)
    if job is None:
        raise Http404
    return job


def progress_text(job: MunicipalityImport, progress: JobProgress) -> str:
    """ "Checking the lines: 5.000 of 20.000", or the phase alone before there are counts."""
    phase = job.get_phase_display()
    if not progress.total or job.phase in (
        MunicipalityImport.Phase.WAITING,
        MunicipalityImport.Phase.READING,
    ):
        return phase
    counts = _("%(done)s of %(total)s") % {
        "done": number_format(progress.done, force_grouping=True),
        "total": number_format(progress.total, force_grouping=True),
    }
    return f"{phase}: {counts}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_import(request, programme_id: int):
    programme = _managed_programme(request, programme_id)
    status = 200
    if request.method == "POST":
        form = MunicipalityImportForm(request.POST, request.FILES)
        if form.is_valid():
            job = import_jobs.municipality_import_request(
                programme=programme,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
                by=request.user,
                language=translation.get_language(),
            )
            return redirect("manage_import_job", import_id=job.pk)
        status = 400
    else:
        form = MunicipalityImportForm()
    context = {
        "nav": "manage",
        "programme": programme,
        "form": form,
        "recent": import_jobs.imports_recent(programme),
        "columns": importing.template.column_help(),
    }
    return render(request, "frontend/manage/import.html", context, status=status)


@login_required
@require_safe
def import_job(request, import_id: int):
    """One import or check: its progress while it runs, then its report."""
    job = _job(request, import_id)
    progress = job_progress(job)
    context = {
        "nav": "manage",
        "programme": job.programme,
        "job": job,
        "progress": progress,
        "progress_text": progress_text(job, progress),
        "report": import_jobs.report_of(job),
        "can_import": import_jobs.can_be_imported(job),
    }
    return render(request, "frontend/manage/import_job.html", context)


@login_required
@require_safe
def import_job_progress(request, import_id: int):
    """The job's progress as JSON, polled by progress.js."""
    job = _job(request, import_id)
    return job_progress_response(job, text=progress_text(job, job_progress(job)), phase=job.phase)


@login_required
@require_POST
def import_job_apply(request, import_id: int):
    """Import the file of a successful check, without uploading it again."""
    checked = _job(request, import_id)
    try:
        job = import_jobs.municipality_import_from_check(
            checked=checked, by=request.user, language=translation.get_language()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("manage_import", programme_id=checked.programme_id)
    return redirect("manage_import_job", import_id=job.pk)


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

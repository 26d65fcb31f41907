"""Programme managers' certificate pages for a course run.

The run's certificates (search, filter, PDF, revoke, re-issue with a corrected
name), bulk issuance and the run's ZIP as background batches, and a progress
page that can be left and found again. Managers of the run's programme only:
anyone else gets 404.
"""

import unicodedata

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from certification import batches, codes, pdf, services
from certification.models import Certificate, CertificateBatch, RevocationReason
from frontend.views import query_without_page
from frontend.views.jobs import job_progress_response
from programs.jobs import job_progress

PAGE_SIZE = 50


class RevocationForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (shown publicly)"),
        choices=[("", "—"), *RevocationReason.choices],
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        help_text=gettext_lazy("Only managers see it; never shown on the public page."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReissueForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name exactly as it must be printed"), max_length=200)

    def __init__(self, *args, printed: str, **kwargs):
        super().__init__(*args, initial={"name": printed}, **kwargs)
        self.printed = printed

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if unicodedata.normalize("NFC", name) == self.printed:
            raise ValidationError(_("This is the name already printed: correct it first."))
        return name


def _run(request, run_id: int):
    run = batches.course_run_get_for_manager(request.user, run_id)
    if run is None:
        raise Http404
    return run


def _certificate(request, certificate_id: int) -> Certificate:
    certificate = batches.certificate_get_for_manager(request.user, certificate_id)
    if certificate is None:
        raise Http404
    return certificate


def _batch(request, batch_id: int) -> CertificateBatch:
    batch = batches.batch_get_for_manager(request.user, batch_id)
    if batch is None:
        raise Http404
    return batch


@login_required
def run_certificates(request, run_id: int):
    run = _run(request, run_id)
    status = request.GET.get("status", "")
    if status not in Certificate.Status.values:
        status = ""
    search = request.GET.get("q", "").strip()
    certificates = batches.certificates_of_run(run, search=search, status=status)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "manage",
        "run": run,
        "page": page,
        "search": search,
        "status": status,
        "statuses": Certificate.Status.choices,
        "query": query_without_page(request),
        "counts": batches.certificate_counts(run),
        "with_hours": batches.uncertified_with_hours(run),
        "recent": batches.batches_recent(run),
        "archive": batches.archive_latest(run),
        "kinds": CertificateBatch.Kind,
    }
    return render(request, "frontend/certificates/run.html", context)


@login_required
@require_POST
def batch_request(request, run_id: int):
    run = _run(request, run_id)
    kind = request.POST.get("kind", "")
    if kind not in CertificateBatch.Kind.values:
        messages.error(request, _("Choose what the batch must do."))
        return redirect("manage_run_certificates", run_id=run.pk)
    batch, created = batches.certificate_batch_request(course_run=run, kind=kind, by=request.user)
    if not created:
        messages.warning(
            request, _("A batch of this kind is already under way for this run: here it is.")
        )
    return redirect("manage_certificate_batch", batch_id=batch.pk)


@login_required
def batch_detail(request, batch_id: int):
    batch = _batch(request, batch_id)
    context = {
        "nav": "manage",
        "batch": batch,
        "run": batch.course_run,
        "progress": job_progress(batch),
    }
    return render(request, "frontend/certificates/batch.html", context)


@login_required
def batch_progress(request, batch_id: int):
    """The batch's progress as JSON, polled by progress.js."""
    batch = _batch(request, batch_id)
    text = _("%(done)s of %(total)s") % {"done": batch.done, "total": batch.total}
    return job_progress_response(batch, text=text, issued=batch.issued)


@login_required
def batch_archive(request, batch_id: int):
    """The run's ZIP, for the run's managers only (never served from a public URL)."""
    batch = _batch(request, batch_id)
    if batch.kind != CertificateBatch.Kind.ZIP or not batch.archive:
        raise Http404
    run = batch.course_run
    return FileResponse(
        batch.archive.open("rb"),
        as_attachment=True,
        filename=f"{run.course.code} {run.title}.zip".replace("/", " "),
        content_type="application/zip",
    )


@login_required
def certificate_pdf(request, certificate_id: int):
    certificate = _certificate(request, certificate_id)
    response = HttpResponse(pdf.certificate_pdf_as_issued(certificate), "application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, batches.pdf_file_name(certificate)
    )
    return response


def _back_to_run(certificate: Certificate):
    return redirect("manage_run_certificates", run_id=certificate.enrolment.course_run_id)


@login_required
def certificate_revoke(request, certificate_id: int):
    """Two steps: the reason and note, then a confirmation showing what the public will see."""
    certificate = _certificate(request, certificate_id)
    if certificate.status != Certificate.Status.VALID:
        messages.error(request, _("Only a valid certificate can be revoked."))
        return _back_to_run(certificate)
    form = RevocationForm(request.POST or None)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") == "yes":
            try:
                services.certificate_revoke(
                    certificate=certificate,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Certificate %(code)s is revoked.")
                    % {"code": codes.short_code_display(certificate.short_code)},
                )
                return _back_to_run(certificate)
        else:
            confirming = True
    context = {
        "nav": "manage",
        "certificate": certificate,
        "run": certificate.enrolment.course_run,
        "form": form,
        "confirming": confirming,
        "reason_label": dict(RevocationReason.choices).get(form.cleaned_data.get("reason"), "")
        if confirming
        else "",
    }
    return render(request, "frontend/certificates/revoke.html", context)


@login_required
def certificate_reissue(request, certificate_id: int):
    """Correct the printed name: a new certificate; the old one is marked superseded."""
    certificate = _certificate(request, certificate_id)
    if certificate.status != Certificate.Status.VALID:
        messages.error(request, _("Only a valid certificate can be re-issued."))
        return _back_to_run(certificate)
    form = ReissueForm(request.POST or None, printed=certificate.name_printed)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.certificate_reissue_with_name(
                certificate=certificate, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Certificate %(new)s is issued to %(name)s; %(old)s is now superseded.")
                % {
                    "new": codes.short_code_display(new.short_code),
                    "name": new.name_printed,
                    "old": codes.short_code_display(certificate.short_code),
                },
            )
            return _back_to_run(certificate)
    context = {
        "nav": "manage",
        "certificate": certificate,
        "run": certificate.enrolment.course_run,
        "form": form,
    }
    return render(request, "frontend/certificates/reissue.html", context)

"""Programme managers' pages for milestones H1–H7 and the programme fee.

Thin: access-checked getters from `programs.selectors`, the verbs of
`programs.milestones`, the fee's due dates from `reporting.fees`, and H3's
one-click evidence from `reporting.milestone_evidence`. Every page is for the
programme's managers (and administrators) only; anyone else gets a 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontend.views import query_without_page
from programs import milestones, selectors
from programs.models import (
    RECORDED_MILESTONES,
    Diagnostic,
    FeeInstalment,
    Milestone,
    MilestoneRecord,
    Municipality,
)
from reporting import fees as reporting_fees
from reporting import milestone_evidence

PAGE_SIZE = 25
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- Forms -------------------------------------------------------------------------


class MilestoneRecordForm(forms.Form):
    achieved_on = forms.DateField(label=gettext_lazy("Date reached"), widget=_DATE)
    evidence_file = forms.FileField(
        label=gettext_lazy("Evidence file"),
        required=False,
        help_text=gettext_lazy("PDF, image or office document, at most 20 MB."),
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence link"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Or a web address where the evidence is published."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        accept = ",".join(f".{extension}" for extension in milestones.EVIDENCE_EXTENSIONS)
        self.fields["evidence_file"].widget.attrs["accept"] = accept
        if editing:
            self.fields["evidence_file"].help_text = gettext_lazy(
                "Leave empty to keep the current file."
            )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class FeeForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FeeInstalment.Status.choices)
    invoiced_on = forms.DateField(label=gettext_lazy("Invoiced on"), required=False, widget=_DATE)
    paid_on = forms.DateField(label=gettext_lazy("Paid on"), required=False, widget=_DATE)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"), required=False, max_digits=12, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=gettext_lazy("Currency"), required=False, max_length=3)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Access ------------------------------------------------------------------------


def _municipality(request, municipality_id: int) -> Municipality:
    municipality = selectors.municipality_get_for_manager(request.user, municipality_id)
    if municipality is None:
        raise Http404
    return municipality


def _record(request, municipality_id: int, record_id: int) -> tuple[Municipality, MilestoneRecord]:
    municipality = _municipality(request, municipality_id)
    record = milestones.milestone_record_get_for_municipality(municipality, record_id)
    if record is None:
        raise Http404
    return municipality, record


def _target(milestone: str, part: str) -> tuple[str, str]:
    if milestone not in RECORDED_MILESTONES:
        raise Http404
    if milestone == Milestone.H1 and part not in Diagnostic.values:
        raise Http404
    return milestone, part if milestone == Milestone.H1 else ""


def _target_label(milestone: str, part: str) -> str:
    label = Milestone(milestone).label
    return f"{label} · {Diagnostic(part).label}" if part else str(label)


# --- Milestones of one municipality ------------------------------------------------


@login_required
def municipality_milestones(request, municipality_id: int):
    """The municipality's milestones, each with its record, and the timeline."""
    municipality = _municipality(request, municipality_id)
    context = {
        "nav": "manage",
        "municipality": municipality,
        "programme": municipality.programme,
        "states": milestones.milestone_states(municipality),
        "timeline": milestones.milestone_timeline(municipality),
        "final_project": milestone_evidence.final_project_of(municipality),
        "can_record": municipality.status == Municipality.Status.SELECTED,
    }
    return render(request, "frontend/milestones/municipality.html", context)


def _form_page(request, municipality, *, form, title, record=None, status=200):
    context = {
        "nav": "manage",
        "municipality": municipality,
        "programme": municipality.programme,
        "form": form,
        "title": title,
        "record": record,
        "withdraw_form": WithdrawForm() if record is not None else None,
    }
    return render(request, "frontend/milestones/record_form.html", context, status=status)


@login_required
def milestone_record(request, municipality_id: int, milestone: str, part: str = ""):
    """Record a milestone (H1: one diagnostic) with its evidence."""
    municipality = _municipality(request, municipality_id)
    milestone, part = _target(milestone, part)
    title = _target_label(milestone, part)
    if request.method != "POST":
        form = MilestoneRecordForm(initial={"achieved_on": timezone.localdate()})
        return _form_page(request, municipality, form=form, title=title)
    form = MilestoneRecordForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            milestones.milestone_record(
                municipality=municipality,
                milestone=milestone,
                part=part,
                achieved_on=data["achieved_on"],
                by=request.user,
                evidence_file=data["evidence_file"],
                evidence_url=data["evidence_url"] or "",
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(milestone)s recorded.") % {"milestone": title})
            return redirect("manage_milestones", municipality_id=municipality.pk)
    return _form_page(request, municipality, form=form, title=title, status=400)


@login_required
def milestone_record_edit(request, municipality_id: int, record_id: int):
    municipality, record = _record(request, municipality_id, record_id)
    if not record.is_current:
        raise Http404
    title = str(record)
    if request.method != "POST":
        form = MilestoneRecordForm(
            editing=True,
            initial={
                "achieved_on": record.achieved_on,
                "evidence_url": record.evidence_url,
                "note": record.note,
            },
        )
        return _form_page(request, municipality, form=form, title=title, record=record)
    form = MilestoneRecordForm(request.POST, request.FILES, editing=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            milestones.milestone_record_edit(
                record=record,
                by=request.user,
                achieved_on=data["achieved_on"],
                note=data["note"],
                evidence_file=data["evidence_file"],
                evidence_url=data["evidence_url"] or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(milestone)s updated.") % {"milestone": title})
            return redirect("manage_milestones", municipality_id=municipality.pk)
    return _form_page(request, municipality, form=form, title=title, record=record, status=400)


@login_required
@require_POST
def milestone_record_withdraw(request, municipality_id: int, record_id: int):
    municipality, record = _record(request, municipality_id, record_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            milestones.milestone_record_withdraw(
                record=record, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(milestone)s withdrawn.") % {"milestone": record})
    else:
        messages.error(request, _("Say why the record is withdrawn."))
    return redirect("manage_milestones", municipality_id=municipality.pk)


@login_required
@require_POST
def milestone_h3_from_project(request, municipality_id: int):
    """H3 in one click, with the team's graded final project as evidence."""
    municipality = _municipality(request, municipality_id)
    try:
        milestone_evidence.h3_record_from_final_project(municipality=municipality, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("H3 recorded with the team's graded final project as evidence.")
        )
    return redirect("manage_milestones", municipality_id=municipality.pk)


@login_required
def milestone_evidence_file(request, municipality_id: int, record_id: int):
    _municipality_found, record = _record(request, municipality_id, record_id)
    if not record.evidence_file:
        raise Http404
    try:
        handle = record.evidence_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=record.evidence_name)


# --- The programme's matrix ----------------------------------------------------------


@login_required
def programme_matrix(request, programme_id: int):
    """Municipalities × H1–H7, paginated, filterable by status and by a milestone."""
    programme = selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    status = request.GET.get("status", "")
    if status not in Municipality.Status.values:
        status = ""
    milestone = request.GET.get("milestone", "")
    reached = request.GET.get("reached", "")
    if milestone not in Milestone.values or reached not in ("yes", "no"):
        milestone = reached = ""
    rows = milestones.milestone_matrix(
        programme, status=status, milestone=milestone, reached=reached
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for municipality in page:
        municipality.cells = _cells(municipality)
    context = {
        "nav": "manage",
        "programme": programme,
        "page": page,
        "status": status,
        "milestone": milestone,
        "reached": reached,
        "query": query_without_page(request),
        "statuses": Municipality.Status.choices,
        "milestones": Milestone.choices,
        "diagnostics_total": len(Diagnostic.values),
    }
    return render(request, "frontend/milestones/matrix.html", context)


def _cells(municipality) -> list[dict]:
    total = len(Diagnostic.values)
    cells = [
        {
            "code": "H1",
            "on": municipality.h1_last if municipality.h1_parts >= total else None,
            "partial": municipality.h1_parts if 0 < municipality.h1_parts < total else None,
        },
        {"code": "H2", "on": municipality.h2_reached_on, "partial": None},
    ]
    for code in RECORDED_MILESTONES[1:]:
        cells.append(
            {"code": code, "on": getattr(municipality, f"{code.lower()}_on"), "partial": None}
        )
    return cells


# --- The programme fee ---------------------------------------------------------------


@login_required
def municipality_fees(request, municipality_id: int):
    municipality = _municipality(request, municipality_id)
    return _fees_page(request, municipality)


def _fees_page(request, municipality, *, forms_by_half=None, status=200):
    forms_by_half = forms_by_half or {}
    instalments = milestones.fee_instalments_of(municipality)
    for instalment in instalments:
        instalment.form = forms_by_half.get(instalment.half) or FeeForm(
            prefix=f"half{instalment.half}",
            initial={
                "status": instalment.status,
                "invoiced_on": instalment.invoiced_on,
                "paid_on": instalment.paid_on,
                "amount": instalment.amount,
                "currency": instalment.currency,
                "note": instalment.note,
            },
        )
    context = {
        "nav": "manage",
        "municipality": municipality,
        "programme": municipality.programme,
        "instalments": instalments,
        "state": reporting_fees.fee_state_of(municipality, today=timezone.localdate()),
    }
    return render(request, "frontend/milestones/fees.html", context, status=status)


@login_required
@require_POST
def municipality_fee_set(request, municipality_id: int, half: int):
    municipality = _municipality(request, municipality_id)
    if half not in FeeInstalment.Half.values:
        raise Http404
    form = FeeForm(request.POST, prefix=f"half{half}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            instalment = milestones.fee_instalment_set(
                municipality=municipality,
                half=half,
                status=data["status"],
                by=request.user,
                invoiced_on=data["invoiced_on"],
                paid_on=data["paid_on"],
                amount=data["amount"],
                currency=data["currency"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(half)s: %(status)s.")
                % {
                    "half": instalment.get_half_display(),
                    "status": instalment.get_status_display(),
                },
            )
            return redirect("manage_fees", municipality_id=municipality.pk)
    return _fees_page(request, municipality, forms_by_half={half: form}, status=400)


@login_required
def programme_fees(request, programme_id: int):
    """The programme's fees due (`?show=all`: every municipality's fee)."""
    programme = selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    only_due = request.GET.get("show", "") != "all"
    status = request.GET.get("status", "")
    if status not in Municipality.Status.values:
        status = ""
    rows = reporting_fees.fee_rows(
        programme, today=timezone.localdate(), status=status, only_due=only_due
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.halves = [
            (FeeInstalment.Status(row.first_status).label, row.first_due),
            (FeeInstalment.Status(row.second_status).label, row.second_due),
        ]
    context = {
        "nav": "manage",
        "programme": programme,
        "page": page,
        "only_due": only_due,
        "status": status,
        "statuses": Municipality.Status.choices,
        "query": query_without_page(request),
    }
    return render(request, "frontend/milestones/programme_fees.html", context)

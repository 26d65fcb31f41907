"""Tutors' pages: their course runs, the learners in a run, one learner's hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.selectors import questionbank as bank_selectors
from certification import selectors as certification_selectors
from certification import services as certification_services
from courses import selectors, services
from frontend.forms import HoursAdjustmentForm
from frontend.views import query_without_page

PAGE_SIZE = 50


@login_required
def run_list(request):
    runs = selectors.course_runs_for_staff(request.user).order_by("-starts_on", "pk")
    return render(request, "frontend/tutor/runs.html", {"runs": runs, "nav": "tutor"})


@login_required
def run_detail(request, run_id: int):
    run = selectors.course_run_get_for_staff(request.user, run_id)
    if run is None:
        raise Http404
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.enrolments_in_run(run, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "frontend/tutor/run.html",
        {
            "run": run,
            "may_grade": selectors.grades_in_run(request.user, run.pk),
            "may_edit_bank": bank_selectors.courses_editable_by(request.user)
            .filter(pk=run.course_id)
            .exists(),
            "page": page,
            "search": search,
            "query": query_without_page(request),
            "nav": "tutor",
        },
    )


@login_required
def enrolment_detail(request, enrolment_id: int):
    enrolment = selectors.enrolment_get_for_staff(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    activities = selectors.activities_of_course(enrolment.course_run.course_id)
    form = HoursAdjustmentForm(request.POST or None, activities=activities)
    if request.method == "POST" and form.is_valid():
        try:
            services.credited_time_adjust(
                enrolment=enrolment,
                seconds=form.seconds,
                reason=form.cleaned_data["reason"],
                activity=form.cleaned_data["activity"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The adjustment is recorded in the hours ledger."))
            return redirect("tutor_enrolment", enrolment_id=enrolment.pk)
    context = {
        "nav": "tutor",
        "enrolment": enrolment,
        "outline": selectors.course_outline(enrolment),
        "statement": selectors.hours_statement(enrolment),
        "eligibility": certification_selectors.eligibility_of(enrolment),
        "certificate": certification_selectors.certificate_of(enrolment),
        "signoff_form": enrolment.course_run.course.requires_tutor_signoff
        and selectors.grades_in_run(request.user, enrolment.course_run_id),
        "signoff": certification_selectors.signoff_of(enrolment),
        "form": form,
    }
    return render(request, "frontend/tutor/enrolment.html", context)


@login_required
@require_POST
def signoff(request, enrolment_id: int):
    """Sign off (or withdraw it) for an official of a course that asks for it."""
    enrolment = selectors.enrolment_get_for_staff(request.user, enrolment_id)
    if (
        enrolment is None
        or not enrolment.course_run.course.requires_tutor_signoff
        or not selectors.grades_in_run(request.user, enrolment.course_run_id)
    ):
        raise Http404  # a tutor of the run signs off; managers follow, they do not grade
    try:
        if request.POST.get("action") == "withdraw":
            certification_services.tutor_signoff_withdraw(enrolment=enrolment)
            messages.success(request, _("The sign-off is withdrawn."))
        else:
            certification_services.tutor_signoff_record(
                enrolment=enrolment, by=request.user, note=request.POST.get("note", "")[:500]
            )
            messages.success(
                request,
                _("Signed off. The certificate is issued as soon as every requirement is met."),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('tutor_enrolment', args=[enrolment.pk])}#certificate-rule")

"""Programme managers' pages: programmes, municipalities, teams and enrolment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import selectors as courses_selectors
from courses import services as courses_services
from frontend.forms import OfficialReplacementForm, ReserveReplacementForm, TeamEnrolmentForm
from frontend.views import query_without_page
from programs import selectors, services
from programs.models import Municipality, Role

PAGE_SIZE = 25


def _managed_programme(request, programme_id: int):
    programme = selectors.programme_get_for_manager(request.user, programme_id)
    if programme is None:
        raise Http404
    return programme


def _managed_municipality(request, municipality_id: int) -> Municipality:
    municipality = selectors.municipality_get_for_manager(request.user, municipality_id)
    if municipality is None:
        raise Http404
    return municipality


@login_required
def programme_list(request):
    programmes = selectors.programmes_managed_by(request.user).order_by("name")
    return render(
        request, "frontend/manage/programmes.html", {"programmes": programmes, "nav": "manage"}
    )


@login_required
def programme_detail(request, programme_id: int):
    programme = _managed_programme(request, programme_id)
    status = request.GET.get("status", "")
    if status not in Municipality.Status.values:
        status = ""
    search = request.GET.get("q", "").strip()
    municipalities = selectors.municipalities_for_programme(programme, status=status, search=search)
    page = Paginator(municipalities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "manage",
        "programme": programme,
        "page": page,
        "status": status,
        "search": search,
        "query": query_without_page(request),
        "statuses": Municipality.Status.choices,
        "counts": selectors.municipality_counts(programme),
    }
    return render(request, "frontend/manage/programme.html", context)


def _municipality_context(request, municipality, **forms):
    programme = municipality.programme
    members = list(selectors.team_memberships(municipality, current_only=False))
    for membership in members:
        if membership.is_current and not membership.user.is_activated:
            membership.activation_link = services.activation_link(membership.user)
    officials = selectors.team_memberships(municipality).filter(role=Role.OFFICIAL)
    context = {
        "nav": "manage",
        "municipality": municipality,
        "programme": programme,
        "current": [m for m in members if m.is_current],
        "history": [m for m in members if not m.is_current],
        "enrolments": courses_selectors.team_enrolment_counts(municipality),
        "enrol_form": forms.get("enrol_form")
        or TeamEnrolmentForm(course_runs=courses_selectors.course_runs_of_programme(programme)),
        "reserve_form": forms.get("reserve_form")
        or ReserveReplacementForm(reserves=selectors.reserves_available(programme)),
        "turnover_form": forms.get("turnover_form") or OfficialReplacementForm(officials=officials),
    }
    return context


@login_required
def municipality_detail(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    return render(
        request, "frontend/manage/municipality.html", _municipality_context(request, municipality)
    )


def _form_failed(request, municipality, **forms):
    return render(
        request,
        "frontend/manage/municipality.html",
        _municipality_context(request, municipality, **forms),
        status=400,
    )


@login_required
@require_POST
def municipality_enrol(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    form = TeamEnrolmentForm(
        request.POST, course_runs=courses_selectors.course_runs_of_programme(municipality.programme)
    )
    if form.is_valid():
        try:
            result = courses_services.enrolment_create_for_team(
                course_run=form.cleaned_data["course_run"], municipality=municipality
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Newly enrolled: %(created)d. Already enrolled: %(kept)d.")
                % {"created": result.created + result.reactivated, "kept": result.already_enrolled},
            )
            return redirect("manage_municipality", municipality_id=municipality.pk)
    return _form_failed(request, municipality, enrol_form=form)


@login_required
@require_POST
def municipality_replace(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    form = ReserveReplacementForm(
        request.POST, reserves=selectors.reserves_available(municipality.programme)
    )
    if form.is_valid():
        try:
            reserve = services.municipality_replace_with_reserve(
                selected=municipality,
                reserve=form.cleaned_data["reserve"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(reserve)s now takes the place of %(selected)s.")
                % {"reserve": reserve.name, "selected": municipality.name},
            )
            return redirect("manage_municipality", municipality_id=reserve.pk)
    return _form_failed(request, municipality, reserve_form=form)


@login_required
@require_POST
def official_replace(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    officials = selectors.team_memberships(municipality).filter(role=Role.OFFICIAL)
    form = OfficialReplacementForm(request.POST, officials=officials)
    if form.is_valid():
        try:
            replacement = courses_services.team_official_replace(
                leaving=form.cleaned_data["leaving"],
                newcomer_email=form.cleaned_data["email"],
                newcomer_name=form.cleaned_data["full_name"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(newcomer)s has joined the team in place of %(leaving)s.")
                % {
                    "newcomer": replacement.user.full_name,
                    "leaving": form.cleaned_data["leaving"].user.full_name,
                },
            )
            return redirect("manage_municipality", municipality_id=municipality.pk)
    return _form_failed(request, municipality, turnover_form=form)

"""Programme managers' pages: programmes, municipalities, teams and enrolment."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses import selectors as courses_selectors
from courses import services as courses_services
from frontend.forms import OfficialReplacementForm, ReserveReplacementForm, TeamEnrolmentForm
from frontend.views import query_without_page
from programs import selectors, services
from programs.models import Language, Municipality, Programme, Role

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


def can_create_programmes(user) -> bool:
    """Administrators and holders of the `programs.add_programme` permission."""
    return user.is_staff or user.has_perm("programs.add_programme")


@login_required
def programme_list(request):
    programmes = selectors.programmes_managed_by(request.user).order_by("name")
    context = {
        "programmes": programmes,
        "nav": "manage",
        "can_create": can_create_programmes(request.user),
    }
    return render(request, "frontend/manage/programmes.html", context)


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the programme"), max_length=200)
    country = forms.CharField(
        label=gettext_lazy("Country (ISO 3166 code)"),
        help_text=gettext_lazy("Two letters, for example CO for Colombia or PE for Peru."),
        max_length=2,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 3}),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages of the programme"),
        choices=Language.choices,
        initial=[Language.SPANISH],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose one or more languages.")},
    )
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        help_text=gettext_lazy(
            "As in the tz database, for example America/Bogota: "
            "the days of study are counted in it."
        ),
        initial="America/Bogota",
        max_length=64,
    )
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=_DATE)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=_DATE)
    grade_scale = forms.ChoiceField(
        label=gettext_lazy("Grade scale shown"),
        choices=Programme.GradeScale.choices,
        initial=Programme.GradeScale.TEN,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_create(request):
    """A new programme; whoever creates it becomes its first manager."""
    if not can_create_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                programme = services.programme_create(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The programme %(name)s is created, and you are its manager.")
                    % {"name": programme.name},
                )
                return redirect("manage_programme", programme_id=programme.pk)
        status = 400
    return render(
        request,
        "frontend/manage/programme_form.html",
        {"nav": "manage", "form": form},
        status=status,
    )


class CourseRunForm(forms.Form):
    course = forms.ModelChoiceField(label=gettext_lazy("Course"), queryset=None, empty_label=None)
    title = forms.CharField(
        label=gettext_lazy("Title of the course run"),
        help_text=gettext_lazy("As the officials will see it, for example: Cohort 2027."),
        max_length=200,
    )
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=_DATE)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=_DATE)
    tutors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Tutors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The programme's tutors; an administrator gives people the tutor role."
        ),
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_selectors.courses_to_run()
        self.fields["tutors"].queryset = selectors.programme_tutors(programme)
        self.fields["tutors"].label_from_instance = lambda user: f"{user.full_name} · {user.email}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def course_run_create(request, programme_id: int):
    """A new run of a course for the programme, with its tutors and module target dates."""
    programme = _managed_programme(request, programme_id)
    form = CourseRunForm(request.POST or None, programme=programme)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = courses_services.course_run_create(
                    programme=programme,
                    course=data["course"],
                    title=data["title"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    tutors=list(data["tutors"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "The course run %(title)s is created: enrol the teams of the "
                        "municipalities when they are ready."
                    )
                    % {"title": run.title},
                )
                return redirect("manage_programme", programme_id=programme.pk)
        status = 400
    context = {"nav": "manage", "programme": programme, "form": form}
    return render(request, "frontend/manage/course_run_form.html", context, status=status)


@login_required
def programme_detail(request, programme_id: int, *, enrol_form=None):
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
        "course_runs": courses_selectors.course_runs_of_programme(programme),
    }
    context["enrol_form"] = enrol_form or TeamEnrolmentForm(course_runs=context["course_runs"])
    http_status = 400 if enrol_form is not None else 200
    return render(request, "frontend/manage/programme.html", context, status=http_status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_enrol(request, programme_id: int):
    """Enrol the teams of every selected municipality in a course run, in one action."""
    programme = _managed_programme(request, programme_id)
    if request.method != "POST":
        return redirect("manage_programme", programme_id=programme.pk)
    form = TeamEnrolmentForm(
        request.POST, course_runs=courses_selectors.course_runs_of_programme(programme)
    )
    if form.is_valid():
        try:
            result = courses_services.enrolment_create_for_programme(
                course_run=form.cleaned_data["course_run"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Teams enrolled in %(run)s: %(teams)d. Officials newly enrolled: "
                    "%(created)d; already enrolled: %(kept)d."
                )
                % {
                    "run": form.cleaned_data["course_run"].title,
                    "teams": result.teams,
                    "created": result.created + result.reactivated,
                    "kept": result.already_enrolled,
                },
            )
            if result.without_officials:
                messages.warning(
                    request,
                    _("Not enrolled, because their teams have no officials yet: %(names)s.")
                    % {"names": ", ".join(result.without_officials)},
                )
            return redirect("manage_programme", programme_id=programme.pk)
    return programme_detail(request, programme.pk, enrol_form=form)


def _municipality_context(request, municipality, **forms):
    programme = municipality.programme
    team = selectors.current_team(municipality)
    for member in team:
        if not member.user.is_activated:
            # Built from this request, so the link copied points to this server.
            member.activation_link = request.build_absolute_uri(
                services.activation_path(member.user)
            )
    officials = selectors.team_memberships(municipality).filter(role=Role.OFFICIAL)
    history = selectors.team_memberships(municipality, current_only=False).filter(
        ended_on__isnull=False
    )
    context = {
        "nav": "manage",
        "municipality": municipality,
        "programme": programme,
        "team": team,
        "history": history,
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


def _post_only(view):
    """A form's endpoint: a GET (a reload, a bookmarked address) goes back to the page."""

    @wraps(view)
    def wrapper(request, municipality_id: int):
        if request.method != "POST":
            return redirect("manage_municipality", municipality_id=municipality_id)
        return view(request, municipality_id)

    return wrapper


def _submit(request, municipality, *, form, form_name: str, action):
    """Run `action(cleaned_data)` → (message, municipality to show) for a valid form.

    A refused action (ValidationError from the service) or an invalid form
    shows the municipality page again with the errors, and changes nothing.
    """
    if form.is_valid():
        try:
            message, shown = action(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, message)
            return redirect("manage_municipality", municipality_id=shown.pk)
    return _form_failed(request, municipality, **{form_name: form})


@login_required
@_post_only
def municipality_enrol(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    runs = courses_selectors.course_runs_of_programme(municipality.programme)

    def enrol(data):
        result = courses_services.enrolment_create_for_team(
            course_run=data["course_run"], municipality=municipality
        )
        message = _("Newly enrolled: %(created)d. Already enrolled: %(kept)d.") % {
            "created": result.created + result.reactivated,
            "kept": result.already_enrolled,
        }
        return message, municipality

    form = TeamEnrolmentForm(request.POST, course_runs=runs)
    return _submit(request, municipality, form=form, form_name="enrol_form", action=enrol)


@login_required
@_post_only
def municipality_replace(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    reserves = selectors.reserves_available(municipality.programme)

    def replace(data):
        reserve = services.municipality_replace_with_reserve(
            selected=municipality, reserve=data["reserve"], reason=data["reason"]
        )
        message = _("%(reserve)s now takes the place of %(selected)s.") % {
            "reserve": reserve.name,
            "selected": municipality.name,
        }
        return message, reserve

    form = ReserveReplacementForm(request.POST, reserves=reserves)
    return _submit(request, municipality, form=form, form_name="reserve_form", action=replace)


@login_required
@_post_only
def official_replace(request, municipality_id: int):
    municipality = _managed_municipality(request, municipality_id)
    officials = selectors.team_memberships(municipality).filter(role=Role.OFFICIAL)

    def replace(data):
        replacement = courses_services.team_official_replace(
            leaving=data["leaving"],
            newcomer_email=data["email"],
            newcomer_name=data["full_name"],
            reason=data["reason"],
        )
        message = _("%(newcomer)s has joined the team in place of %(leaving)s.") % {
            "newcomer": replacement.user.full_name,
            "leaving": data["leaving"].user.full_name,
        }
        return message, municipality

    form = OfficialReplacementForm(request.POST, officials=officials)
    return _submit(request, municipality, form=form, form_name="turnover_form", action=replace)

"""Assignment pages for officials: the panel of the activity page, submitting, files.

The tutor's side (the grading queue and the SpeedGrader) is in `grading.py`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.selectors import assignments as selectors
from assessments.services import assignments as services
from content.sanitize import sanitize_html
from courses import selectors as courses_selectors
from courses.models import ActivityKind

FILES_FIELD = "files"


class SubmissionForm(forms.Form):
    """The written answer; files come as `files` (one input, several files)."""

    text = forms.CharField(
        label=gettext_lazy("Your answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


def _accept_attribute(assignment) -> str:
    extensions = assignment.allowed_extensions or services.DEFAULT_EXTENSIONS
    return ",".join(f".{extension}" for extension in extensions)


def activity_panel(request, enrolment, activity) -> dict:
    """Context for frontend/assignment/panel.html inside the activity page."""
    assignment = selectors.assignment_for_activity(activity)
    if assignment is None:
        return {"missing": True}
    view = selectors.learner_assignment(enrolment, assignment)
    form = getattr(request, "assignment_form", None) or SubmissionForm()
    return {
        "view": view,
        "assignment": assignment,
        "instructions": mark_safe(sanitize_html(assignment.instructions)),  # noqa: S308
        "form": form,
        "files_field": FILES_FIELD,
        "accept": _accept_attribute(assignment),
        "types": ", ".join(assignment.allowed_extensions or services.DEFAULT_EXTENSIONS),
        "time_zone": enrolment.course_run.programme.time_zone,
    }


def _assignment_of(request, run_id: int, activity_id: int):
    enrolment = courses_selectors.enrolment_for_learner(request.user, run_id)
    if enrolment is None:
        raise Http404
    activity = courses_selectors.activity_for_enrolment(enrolment, activity_id)
    if activity is None or activity.kind != ActivityKind.ASSIGNMENT:
        raise Http404
    assignment = selectors.assignment_for_activity(activity)
    if assignment is None:
        raise Http404
    return assignment


@login_required
def submit(request, run_id: int, activity_id: int):
    """Submit a version; on a refusal, the activity page again with the message and
    the text as typed (files must be chosen again: browsers do not keep them).

    A GET (a reload, the language switch on a refused page) shows the activity."""
    if request.method != "POST":
        return redirect("activity", run_id, activity_id)
    assignment = _assignment_of(request, run_id, activity_id)
    form = SubmissionForm(request.POST)
    if form.is_valid():
        try:
            submission = services.submission_create(
                user=request.user,
                assignment=assignment,
                text=form.cleaned_data["text"],
                files=request.FILES.getlist(FILES_FIELD),
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your work is submitted (version %(version)d).")
                % {"version": submission.version},
            )
            return redirect(reverse("activity", args=[run_id, activity_id]) + "#activity-messages")
    from frontend.views import learner  # the activity page imports this module

    request.assignment_form = form
    response = learner.activity_detail(request, run_id, activity_id)
    response.status_code = 400
    return response


def _download(field, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def submission_file(request, file_id: int):
    """A submitted file, for its owner's people and the tutors who grade it."""
    found = selectors.submission_file_get_for_user(request.user, file_id)
    if found is None:
        raise Http404
    return _download(found.file, found.original_name)


@login_required
def feedback_file(request, grade_id: int):
    """A tutor's feedback file: for the owner's people once released, and for tutors."""
    grade = selectors.feedback_grade_get_for_user(request.user, grade_id)
    if grade is None:
        raise Http404
    return _download(grade.feedback_file, grade.feedback_file.name.rsplit("/", 1)[-1])


# --- Tutors: one learner's assignments and extensions -----------------------------------


class ExtensionForm(forms.Form):
    assignment = forms.TypedChoiceField(label=gettext_lazy("Assignment"), coerce=int)
    due_at = forms.DateTimeField(
        label=gettext_lazy("New due date"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("In the programme's time zone."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].choices = [
            (row.assignment.pk, row.assignment.activity.title) for row in rows
        ]


@login_required
def tutor_enrolment_assignments(request, enrolment_id: int):
    """A learner's (or their team's) assignment dates, and extensions granted by a tutor."""
    enrolment = courses_selectors.enrolment_get_for_staff(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    may_grant = courses_selectors.grades_in_run(request.user, enrolment.course_run_id)
    rows = selectors.deadlines_of_enrolment(enrolment)
    form = ExtensionForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if not may_grant:
            raise PermissionDenied
        if form.is_valid():
            row = next(r for r in rows if r.assignment.pk == form.cleaned_data["assignment"])
            team = row.assignment.team_submission
            try:
                services.extension_grant(
                    tutor=request.user,
                    assignment=row.assignment,
                    enrolment=None if team else enrolment,
                    municipality=row.owner if team else None,
                    due_at=form.cleaned_data["due_at"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The extension is granted."))
                return redirect("tutor_enrolment_assignments", enrolment_id=enrolment.pk)
    context = {
        "nav": "tutor",
        "enrolment": enrolment,
        "rows": rows,
        "form": form,
        "may_grant": may_grant,
    }
    return render(
        request,
        "frontend/assignment/tutor_enrolment.html",
        context,
        status=400 if form.errors else 200,
    )

"""The course editor: build a course's modules and activities, and preview it as a learner.

Who may edit a course is `courses.selectors.courses_editable_by` (superusers,
course editors with `courses.change_course`, and managers of a programme with
a run of the course); anyone else gets a 404. The verbs are in
`courses.editing`; every change is a POST that redirects back to the editor
with a message. The preview shows what a learner sees without an enrolment:
it records nothing and sends no heartbeats.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.selectors import questionbank as questionbank_selectors
from assessments.services import assignments as assignment_services
from assessments.services import quizzes as quiz_services
from courses import editing, rules
from courses import selectors as courses_selectors
from courses.models import Activity, ActivityKind, Course, Module
from frontend.forms_editor import (
    ACTIVITY_FORMS,
    ActivityMoveToModuleForm,
    ModuleForm,
    activity_kind_choices,
)
from frontend.views import h5p as h5p_views
from frontend.views import packages as packages_views

PAGE_SIZE = 25

# Graded kinds: the quiz or assignment (in `assessments`) made for a new activity.
GRADED_CREATORS = {
    ActivityKind.QUIZ: quiz_services.quiz_create,
    ActivityKind.ASSIGNMENT: assignment_services.assignment_create,
}


def _course(request, course_id: int) -> Course:
    course = courses_selectors.course_get_for_editor(request.user, course_id)
    if course is None:
        raise Http404
    return course


def _module(course: Course, module_id: int) -> Module:
    module = courses_selectors.module_get_for_editor(course, module_id)
    if module is None:
        raise Http404
    return module


def _activity(course: Course, activity_id: int) -> Activity:
    activity = courses_selectors.activity_get_for_editor(course, activity_id)
    if activity is None:
        raise Http404
    return activity


def _to_editor(course: Course, anchor: str = ""):
    url = reverse("editor_course", args=[course.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- The list and the editor ------------------------------------------------------------


@login_required
@require_safe
def course_list(request):
    courses = courses_selectors.courses_editable_by(request.user).order_by("code")
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "editor", "page": page, "can_import": packages_views.can_import(request.user)}
    return render(request, "frontend/editor/courses.html", context)


@login_required
@require_safe
def course_editor(request, course_id: int):
    course = _course(request, course_id)
    return render(request, "frontend/editor/course.html", _editor_context(request, course))


def _editor_context(request, course: Course, **forms) -> dict:
    modules = courses_selectors.course_editor_outline(course)
    summary = courses_selectors.course_hours_summary(course)
    return {
        "nav": "editor",
        "course": course,
        "modules": modules,
        "summary": summary,
        "module_form": forms.get("module_form") or ModuleForm(),
        "kinds": activity_kind_choices(),
        "question_bank": questionbank_selectors.course_get_for_bank_editor(request.user, course.pk),
    }


# --- Modules ----------------------------------------------------------------------------


@login_required
@require_POST
def module_add(request, course_id: int):
    course = _course(request, course_id)
    form = ModuleForm(request.POST)
    if form.is_valid():
        try:
            module = editing.module_create(course=course, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Module “%(title)s” added.") % {"title": module.title})
            return _to_editor(course, f"module-{module.pk}")
    context = _editor_context(request, course, module_form=form)
    return render(request, "frontend/editor/course.html", context, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def module_edit(request, course_id: int, module_id: int):
    course = _course(request, course_id)
    module = _module(course, module_id)
    if request.method == "POST":
        form = ModuleForm(request.POST)
        if form.is_valid():
            try:
                editing.module_update(module=module, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Module “%(title)s” saved.") % {"title": module.title})
                return _to_editor(course, f"module-{module.pk}")
    else:
        form = ModuleForm(
            initial={
                "title": module.title,
                "summary": module.summary,
                "objectives": module.objectives,
            }
        )
    context = {"nav": "editor", "course": course, "module": module, "form": form}
    return render(
        request,
        "frontend/editor/module_form.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def module_move(request, course_id: int, module_id: int):
    course = _course(request, course_id)
    module = _module(course, module_id)
    try:
        editing.module_move(module=module, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Module “%(title)s” is now number %(position)d.")
            % {"title": module.title, "position": module.position},
        )
    return _to_editor(course, f"module-{module.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def module_remove(request, course_id: int, module_id: int):
    course = _course(request, course_id)
    module = _module(course, module_id)
    if request.method == "POST":
        removal = editing.module_remove(module=module)
        if removal.archived:
            message = _(
                "Module “%(title)s” removed from the course; the learners' results are kept."
            )
        else:
            message = _("Module “%(title)s” deleted.")
        messages.success(request, message % {"title": module.title})
        return _to_editor(course)
    learners = courses_selectors.learners_with_results(
        courses_selectors.module_activity_ids(module)
    )
    context = {
        "nav": "editor",
        "course": course,
        "item": module,
        "is_module": True,
        "learners": learners,
        "activity_count": module.activities.filter(archived_at__isnull=True).count(),
        "action": reverse("editor_module_remove", args=[course.pk, module.pk]),
    }
    return render(request, "frontend/editor/remove.html", context)


# --- Activities ---------------------------------------------------------------------------


def _activity_form_class(kind: str):
    form_class = ACTIVITY_FORMS.get(kind)
    if form_class is None:
        raise Http404
    return form_class


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_add(request, course_id: int, module_id: int):
    course = _course(request, course_id)
    module = _module(course, module_id)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    form_class = _activity_form_class(kind)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                activity = _activity_create(module, kind, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _added_message(activity))
                return _to_editor(course, f"activity-{activity.pk}")
    else:
        form = form_class()
    context = {
        "nav": "editor",
        "course": course,
        "module": module,
        "kind": kind,
        "kind_label": ActivityKind(kind).label,
        "form": form,
        "action": reverse("editor_activity_add", args=[course.pk, module.pk]),
    }
    status = 400 if form.is_bound else 200
    return render(request, "frontend/editor/activity_form.html", context, status=status)


def _activity_create(module: Module, kind: str, form) -> Activity:
    data = form.cleaned_data
    with transaction.atomic():
        activity = editing.activity_create(
            module=module,
            kind=kind,
            title=data["title"],
            hours=data["hours"],
            required=data["required"],
            completion_rule=data["completion_rule"],
            **form.content(),
        )
        creator = GRADED_CREATORS.get(kind)
        if creator is not None:
            creator(activity=activity)
    return activity


def _added_message(activity: Activity) -> str:
    if activity.kind == ActivityKind.QUIZ:
        return _("Quiz “%(title)s” added. Add its questions from the question bank.") % {
            "title": activity.title
        }
    if activity.kind == ActivityKind.ASSIGNMENT:
        return _("Assignment “%(title)s” added, graded out of 100 points.") % {
            "title": activity.title
        }
    return _("Activity “%(title)s” added.") % {"title": activity.title}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request, course_id: int, activity_id: int):
    course = _course(request, course_id)
    activity = _activity(course, activity_id)
    form_class = _activity_form_class(activity.kind)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, creating=False)
        if form.is_valid():
            data = form.cleaned_data
            try:
                editing.activity_update(
                    activity=activity,
                    title=data["title"],
                    hours=data["hours"],
                    required=data["required"],
                    completion_rule=data["completion_rule"],
                    **form.content(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Activity “%(title)s” saved.") % {"title": activity.title}
                )
                return _to_editor(course, f"activity-{activity.pk}")
    else:
        form = form_class(initial=_activity_initial(activity), creating=False)
    modules = Module.objects.filter(course=course, archived_at__isnull=True).exclude(
        pk=activity.module_id
    )
    context = {
        "nav": "editor",
        "course": course,
        "module": activity.module,
        "activity": activity,
        "kind": activity.kind,
        "kind_label": activity.get_kind_display(),
        "form": form,
        "move_form": ActivityMoveToModuleForm(modules=modules) if modules else None,
        "action": reverse("editor_activity_edit", args=[course.pk, activity.pk]),
    }
    status = 400 if form.is_bound else 200
    return render(request, "frontend/editor/activity_form.html", context, status=status)


def _hours(seconds: int) -> Decimal:
    """Hours with only the decimals they need (2, 1.5, 0.25) for the form."""
    value = (Decimal(seconds) / 3600).quantize(Decimal("0.01"))
    for places in (Decimal("1"), Decimal("0.1")):
        if value == value.quantize(places):
            return value.quantize(places)
    return value


def _activity_initial(activity: Activity) -> dict:
    initial = {
        "title": activity.title,
        "hours": _hours(activity.nominal_seconds),
        "required": activity.required,
        "completion_rule": activity.completion_rule,
    }
    if activity.kind == ActivityKind.PAGE:
        initial["page_source"] = activity.page.source
    if activity.kind == ActivityKind.VIDEO:
        initial["video_url"] = activity.video.url
    if activity.kind == ActivityKind.H5P and activity.pass_fraction is not None:
        initial["pass_mark"] = activity.pass_fraction * 100
    return initial


@login_required
@require_POST
def activity_move(request, course_id: int, activity_id: int):
    course = _course(request, course_id)
    activity = _activity(course, activity_id)
    try:
        if "module" in request.POST:
            modules = Module.objects.filter(course=course, archived_at__isnull=True)
            form = ActivityMoveToModuleForm(request.POST, modules=modules)
            if not form.is_valid():
                raise ValidationError(_("Choose a module of the same course."))
            editing.activity_move_to_module(activity=activity, module=form.cleaned_data["module"])
            message = _("“%(title)s” moved to module %(module)s.") % {
                "title": activity.title,
                "module": activity.module.title,
            }
        else:
            editing.activity_move(activity=activity, direction=request.POST.get("direction", ""))
            message = _("“%(title)s” is now number %(position)d in its module.") % {
                "title": activity.title,
                "position": activity.position,
            }
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, message)
    return _to_editor(course, f"activity-{activity.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_remove(request, course_id: int, activity_id: int):
    course = _course(request, course_id)
    activity = _activity(course, activity_id)
    if request.method == "POST":
        removal = editing.activity_remove(activity=activity)
        if removal.archived:
            message = _(
                "Activity “%(title)s” removed from the course; the learners' results are kept."
            )
        else:
            message = _("Activity “%(title)s” deleted.")
        messages.success(request, message % {"title": activity.title})
        return _to_editor(course, f"module-{activity.module_id}")
    context = {
        "nav": "editor",
        "course": course,
        "item": activity,
        "is_module": False,
        "learners": courses_selectors.learners_with_results([activity.pk]),
        "action": reverse("editor_activity_remove", args=[course.pk, activity.pk]),
    }
    return render(request, "frontend/editor/remove.html", context)


# --- Preview as a learner ---------------------------------------------------------------


@login_required
@require_safe
def preview_outline(request, course_id: int):
    course = _course(request, course_id)
    context = {
        "nav": "editor",
        "course": course,
        "modules": courses_selectors.course_editor_outline(course),
    }
    return render(request, "frontend/editor/preview_outline.html", context)


def _preview_activity(request, course_id: int, activity_id: int) -> tuple[Course, Activity]:
    course = _course(request, course_id)
    activity = courses_selectors.activity_get_for_preview(course, activity_id)
    if activity is None:
        raise Http404
    return course, activity


@login_required
@require_safe
def preview_activity(request, course_id: int, activity_id: int):
    course, activity = _preview_activity(request, course_id, activity_id)
    ordered = [
        item.pk
        for row in courses_selectors.course_editor_outline(course)
        for item in row.activities
    ]
    index = ordered.index(activity.pk)
    context = {
        "nav": "editor",
        "course": course,
        "activity": activity,
        "min_active_seconds": rules.min_active_seconds(activity, course),
        "previous_id": ordered[index - 1] if index > 0 else None,
        "next_id": ordered[index + 1] if index + 1 < len(ordered) else None,
        # The player without the results relay: nothing is recorded.
        "h5p_player_url": h5p_views.player_url(activity.h5p) if activity.h5p_id else "",
    }
    return render(request, "frontend/editor/preview_activity.html", context)


@login_required
@require_safe
def preview_file(request, course_id: int, activity_id: int):
    _, activity = _preview_activity(request, course_id, activity_id)
    if activity.kind != ActivityKind.FILE:
        raise Http404
    resource = activity.file
    return FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.original_name,
        content_type=resource.content_type,
    )


@login_required
@require_safe
def preview_video(request, course_id: int, activity_id: int):
    _, activity = _preview_activity(request, course_id, activity_id)
    if activity.kind != ActivityKind.VIDEO or not activity.video.file:
        raise Http404
    return FileResponse(activity.video.file.open("rb"), content_type=activity.video.content_type)


@login_required
@require_safe
def preview_captions(request, course_id: int, activity_id: int):
    _, activity = _preview_activity(request, course_id, activity_id)
    if activity.kind != ActivityKind.VIDEO or not activity.video.captions:
        raise Http404
    return FileResponse(activity.video.captions.open("rb"), content_type="text/vtt")

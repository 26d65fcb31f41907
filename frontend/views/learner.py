"""The official's pages: my courses, the course outline, an activity, my hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from certification import pdf as certification_pdf
from certification import selectors as certification_selectors
from courses import rules, selectors, services
from courses.models import ActivityKind, CompletionRule, Enrolment
from frontend.views import assignments as assignment_views
from frontend.views import h5p as h5p_views
from frontend.views import manage as manage_views
from frontend.views import quizzes as quiz_views
from programs import selectors as programs_selectors
from programs.models import Role

# What a graded activity shows inside the activity page: (request, enrolment,
# activity) -> context for its panel template.
ACTIVITY_PANELS = {
    ActivityKind.QUIZ: quiz_views.activity_panel,
    ActivityKind.ASSIGNMENT: assignment_views.activity_panel,
    ActivityKind.H5P: h5p_views.activity_panel,
}


def home(request):
    """Each person's start page: officials their courses, tutors and managers their work
    (someone allowed to create programmes, before managing one, the programme list)."""
    user = request.user
    if not user.is_authenticated:
        return redirect("login")
    if selectors.enrolments_for_learner(user).exists():
        return redirect("dashboard")
    roles = programs_selectors.roles_of(user)
    if Role.TUTOR in roles:
        return redirect("tutor_runs")
    if Role.MANAGER in roles or manage_views.can_create_programmes(user):
        return redirect("manage_programmes")
    return redirect("dashboard")


def _own_enrolment(request, run_id: int) -> Enrolment:
    enrolment = selectors.enrolment_for_learner(request.user, run_id)
    if enrolment is None:
        raise Http404
    return enrolment


@login_required
def dashboard(request):
    enrolments = list(selectors.enrolments_for_learner(request.user))
    for enrolment in enrolments:
        enrolment.percent = selectors.progress_percent(
            enrolment.credited_seconds, enrolment.course_run.course.required_seconds
        )
    return render(
        request, "frontend/learner/dashboard.html", {"enrolments": enrolments, "nav": "learn"}
    )


@login_required
def course_outline(request, run_id: int):
    enrolment = _own_enrolment(request, run_id)
    outline = selectors.course_outline(enrolment)
    return render(
        request,
        "frontend/learner/outline.html",
        {"outline": outline, "enrolment": enrolment, "nav": "learn"},
    )


@login_required
def activity_detail(request, run_id: int, activity_id: int):
    enrolment = _own_enrolment(request, run_id)
    activity = selectors.activity_for_enrolment(enrolment, activity_id)
    if activity is None:
        raise Http404
    if enrolment.status == Enrolment.Status.ACTIVE:
        progress = services.activity_view_record(
            user=request.user, course_run_id=run_id, activity_id=activity_id
        )
    else:
        progress = selectors.progress_for(enrolment, activity)
    previous_id, next_id = selectors.activity_neighbours(activity)
    panel = ACTIVITY_PANELS.get(activity.kind)
    context = {
        "nav": "learn",
        "enrolment": enrolment,
        "activity": activity,
        "progress": progress,
        "active_seconds": progress.active_seconds if progress else 0,
        "is_complete": bool(progress and progress.completed_at),
        "min_active_seconds": rules.min_active_seconds(activity, enrolment.course_run.course),
        "can_mark_done": activity.completion_rule == CompletionRule.MARKED_DONE,
        "previous_id": previous_id,
        "next_id": next_id,
        "heartbeat": {
            "interval": rules.heartbeat_interval_seconds(),
            "idle": rules.IDLE_AFTER_SECONDS,
            "max": rules.HEARTBEAT_MAX_SECONDS,
        },
        "studying": enrolment.status == Enrolment.Status.ACTIVE,
        "panel": panel(request, enrolment, activity) if panel else None,
    }
    return render(request, "frontend/learner/activity.html", context)


@login_required
@require_POST
def activity_done(request, run_id: int, activity_id: int):
    try:
        services.activity_mark_done(
            user=request.user, course_run_id=run_id, activity_id=activity_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect(reverse("activity", args=[run_id, activity_id]) + "#completion")


def _activity_media(request, run_id: int, activity_id: int, kind: str):
    enrolment = _own_enrolment(request, run_id)
    activity = selectors.activity_for_enrolment(enrolment, activity_id)
    if activity is None or activity.kind != kind:
        raise Http404
    return activity


@login_required
def activity_file(request, run_id: int, activity_id: int):
    resource = _activity_media(request, run_id, activity_id, ActivityKind.FILE).file
    return FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.original_name,
        content_type=resource.content_type,
    )


@login_required
def activity_video(request, run_id: int, activity_id: int):
    video = _activity_media(request, run_id, activity_id, ActivityKind.VIDEO).video
    if not video.file:
        raise Http404
    return FileResponse(video.file.open("rb"), content_type=video.content_type)


@login_required
def activity_captions(request, run_id: int, activity_id: int):
    video = _activity_media(request, run_id, activity_id, ActivityKind.VIDEO).video
    if not video.captions:
        raise Http404
    return FileResponse(video.captions.open("rb"), content_type="text/vtt")


@login_required
def my_hours(request, run_id: int):
    enrolment = _own_enrolment(request, run_id)
    outline = selectors.course_outline(enrolment)
    statement = selectors.hours_statement(enrolment)
    return render(
        request,
        "frontend/learner/hours.html",
        {
            "nav": "learn",
            "enrolment": enrolment,
            "outline": outline,
            "statement": statement,
            "eligibility": certification_selectors.eligibility_of(enrolment),
            "certificate": certification_selectors.certificate_of(enrolment),
            "certificate_download": True,
        },
    )


@login_required
@require_safe
def my_certificate_pdf(request, run_id: int):
    """The official's own certificate, as issued."""
    enrolment = _own_enrolment(request, run_id)
    certificate = certification_selectors.certificate_of(enrolment)
    if certificate is None or certificate.status != certificate.Status.VALID:
        raise Http404
    filename = f"certificado-{certificate.short_code}.pdf"
    return HttpResponse(
        certification_pdf.certificate_pdf_as_issued(certificate),
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

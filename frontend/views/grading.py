"""Tutors' grading: a course run's queue and the SpeedGrader, one piece of work at a time.

The SpeedGrader moves to the previous or next item of the queue (same filters)
without going back to the list; `grading.js` adds the rubric total and the
keyboard shortcuts, and every form works without it.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from assessments import rules
from assessments.selectors import assignments as assignment_selectors
from assessments.selectors import grading_queue as queue_selectors
from assessments.selectors import quizzes as quiz_selectors
from assessments.selectors.grading_queue import KIND_ESSAY, QueueFilters, QueueKey
from assessments.services import assignments as services
from assessments.services import quizzes as quiz_services
from content.sanitize import sanitize_html

PAGE_SIZE = 25
CHANGE_LABELS = {
    "assignment": gettext_lazy("Graded"),
    "graded": gettext_lazy("Graded"),
    "released": gettext_lazy("Released"),
    "overridden": gettext_lazy("Changed by hand"),
}


def _run(request, run_id: int):
    run = queue_selectors.course_run_get_for_grader(request.user, run_id)
    if run is None:
        raise Http404
    return run


def _item_url(run, row: dict | None, query: str) -> str | None:
    if row is None:
        return None
    name = "grading_essay" if row["q_kind"] == KIND_ESSAY else "grading_submission"
    url = reverse(name, args=[run.pk, row["q_id"]])
    return f"{url}?{query}" if query else url


def _queue_url(run, query: str) -> str:
    url = reverse("grading_queue", args=[run.pk])
    return f"{url}?{query}" if query else url


# --- The queue ---------------------------------------------------------------------------


@login_required
def queue(request, run_id: int):
    run = _run(request, run_id)
    filters = QueueFilters.from_query(request.GET)
    query = urlencode(filters.as_query())
    counts = queue_selectors.queue_counts(run, filters)
    paginator = Paginator(queue_selectors.grading_queue(run, filters), PAGE_SIZE)
    paginator.count = queue_selectors.queue_length(counts, filters)  # no COUNT(*) of the union
    page = paginator.get_page(request.GET.get("page"))
    for row in page:
        row["url"] = _item_url(run, row, query)
    municipalities, activities = queue_selectors.filter_choices(run)
    context = {
        "nav": "tutor",
        "run": run,
        "page": page,
        "filters": filters,
        "query": query,
        "counts": counts,
        "municipalities": municipalities,
        "activities": activities,
        "statuses": [
            (queue_selectors.TO_GRADE, _("To grade")),
            (queue_selectors.DRAFT, _("Drafts (not released)")),
            (queue_selectors.RELEASED, _("Released")),
            (queue_selectors.ALL, _("All")),
        ],
    }
    return render(request, "frontend/grading/queue.html", context)


@login_required
@require_POST
def release(request, run_id: int):
    """Release the chosen draft grades at once."""
    run = _run(request, run_id)
    ids = [int(value) for value in request.POST.getlist("grade") if value.isdigit()]
    grades = queue_selectors.assignment_grades_in_run(run, ids)
    query = urlencode(QueueFilters.from_query(request.POST).as_query())
    if not grades:
        messages.warning(request, _("Choose the grades to release."))
        return redirect(_queue_url(run, query))
    try:
        released = services.assignment_grades_release(tutor=request.user, grades=grades)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(
        request,
        ngettext(
            "%(count)d grade released: the learners see it now.",
            "%(count)d grades released: the learners see them now.",
            released,
        )
        % {"count": released},
    )
    return redirect(_queue_url(run, query))


# --- The SpeedGrader: one submission ---------------------------------------------------


class GradeForm(forms.Form):
    points = forms.DecimalField(
        label=gettext_lazy("Points"), required=False, min_value=0, decimal_places=2, localize=True
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    feedback_file = forms.FileField(label=gettext_lazy("Feedback file (optional)"), required=False)


class OverrideForm(forms.Form):
    grade = forms.TypedChoiceField(label=gettext_lazy("Whose grade"), coerce=int)
    points = forms.DecimalField(
        label=gettext_lazy("New points (empty: remove the change by hand)"),
        required=False,
        min_value=0,
        decimal_places=2,
        localize=True,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, prefix="override", **kwargs)
        self.fields["grade"].choices = [
            (member.grade.pk, member.enrolment.user.full_name)
            for member in members
            if member.grade is not None
        ]


def _status(work) -> str:
    grade, latest = work.grade, work.latest
    if grade is None or grade.submission_id != latest.pk:
        return queue_selectors.TO_GRADE
    return queue_selectors.RELEASED if grade.is_released else queue_selectors.DRAFT


def _member_rows(work, scale: str) -> list[dict]:
    maximum = work.max_points

    def shown(fraction):
        return {
            "points": assignment_selectors.points_of(fraction, maximum),
            "scale": rules.on_scale(fraction, scale),
        }

    return [
        {
            "member": member,
            "final": shown(member.grade.final_fraction) if member.grade else None,
            "changes": [
                {
                    "change": change,
                    "what": CHANGE_LABELS.get(change.what, change.what),
                    "old": shown(change.old_fraction),
                    "new": shown(change.new_fraction),
                }
                for change in member.changes
            ],
        }
        for member in work.members
    ]


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _save_grade(request, work, form) -> bool:
    """Save the grade (and release it, for "Release"); False with the form's errors."""
    if not form.is_valid():
        return False
    try:
        grade = services.assignment_grade_save(
            tutor=request.user,
            assignment=work.assignment,
            owner=work.owner,
            points=form.cleaned_data["points"],
            rubric_levels={str(row.criterion.pk): row.chosen_level_id for row in work.rubric},
            feedback=form.cleaned_data["feedback"],
            feedback_file=form.cleaned_data["feedback_file"],
        )
        if request.POST.get("action") == "release":
            services.assignment_grades_release(tutor=request.user, grades=[grade])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(
        request,
        _("Grade saved and released: the learners see it now.")
        if grade.is_released or request.POST.get("action") == "release"
        else _("Draft saved: the learners will see it once you release it."),
    )
    return True


def _override(request, work, form) -> bool:
    """Change one member's gradebook grade by hand; False with the form's errors."""
    if not form.is_valid():
        return False
    chosen = form.cleaned_data["grade"]
    member = next(m for m in work.members if m.grade is not None and m.grade.pk == chosen)
    try:
        services.assignment_grade_override(
            tutor=request.user,
            assignment=work.assignment,
            grade=member.grade,
            points=form.cleaned_data["points"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("The grade is changed and the change is recorded."))
    return True


@login_required
def submission(request, run_id: int, submission_id: int):
    run = _run(request, run_id)
    found = queue_selectors.submission_get_for_run(run, submission_id)
    if found is None:
        raise Http404
    work = assignment_selectors.owner_work(found.assignment, found.enrolment or found.municipality)
    filters = QueueFilters.from_query(request.GET)
    query = urlencode(filters.as_query())
    previous, following = queue_selectors.neighbours(
        run, filters, queue_selectors.queue_key_for_submission(work.latest)
    )
    here = _item_url(run, {"q_kind": "submission", "q_id": work.latest.pk}, query)
    grade = work.grade
    form = GradeForm(
        initial={"points": grade and grade.points, "feedback": grade and grade.feedback}
    )
    override_form = OverrideForm(members=work.members)
    if request.method == "POST" and request.POST.get("form") == "override":
        override_form = OverrideForm(request.POST, members=work.members)
        if _override(request, work, override_form):
            return redirect(here + "#gradebook")
    elif request.method == "POST":
        form = GradeForm(request.POST, request.FILES)
        for row in work.rubric:  # what was clicked, kept if the form comes back
            row.chosen_level_id = _int(request.POST.get(f"criterion-{row.criterion.pk}"))
        if _save_grade(request, work, form):
            if request.POST.get("action") != "next":
                return redirect(here)
            if following is None:
                messages.info(request, _("That was the last one in the queue."))
                return redirect(_queue_url(run, query))
            return redirect(_item_url(run, following, query))
    context = {
        "nav": "tutor",
        "run": run,
        "work": work,
        "status": _status(work),
        "form": form,
        "override_form": override_form,
        "members": _member_rows(work, run.programme.grade_scale),
        "scale_maximum": rules.scale_maximum(run.programme.grade_scale),
        "previous_url": _item_url(run, previous, query),
        "next_url": _item_url(run, following, query),
        "queue_url": _queue_url(run, query),
        "here": here,
    }
    return render(request, "frontend/grading/submission.html", context)


# --- The SpeedGrader: one quiz essay ---------------------------------------------------------


class EssayForm(forms.Form):
    points = forms.DecimalField(
        label=gettext_lazy("Points"), min_value=0, decimal_places=2, localize=True
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
def essay(request, run_id: int, answer_id: int):
    """A quiz essay in the SpeedGrader (graded through the quiz services)."""
    run = _run(request, run_id)
    answer = quiz_selectors.attempt_answer_get_for_tutor(request.user, answer_id)
    if answer is None or answer.attempt.enrolment.course_run_id != run.pk:
        raise Http404
    filters = QueueFilters.from_query(request.GET)
    query = urlencode(filters.as_query())
    key = QueueKey(ts=answer.attempt.submitted_at, kind=KIND_ESSAY, id=answer.pk)
    previous, following = queue_selectors.neighbours(run, filters, key)
    here = _item_url(run, {"q_kind": KIND_ESSAY, "q_id": answer.pk}, query)
    initial = {"comment": answer.comment}
    if answer.fraction is not None:
        initial["points"] = (answer.fraction * answer.mark).quantize(Decimal("0.01"))
    form = EssayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        points = form.cleaned_data["points"]
        if points > answer.mark:
            form.add_error("points", _("At most %(mark)s points.") % {"mark": answer.mark})
        else:
            try:
                quiz_services.attempt_answer_grade(
                    tutor=request.user,
                    attempt_answer_id=answer.pk,
                    fraction=points / answer.mark if answer.mark else Decimal("0"),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The essay is graded."))
                if request.POST.get("action") == "next" and following is not None:
                    return redirect(_item_url(run, following, query))
                return redirect(here)
    context = {
        "nav": "tutor",
        "run": run,
        "answer": answer,
        "question_html": mark_safe(sanitize_html(answer.question.text)),  # noqa: S308
        "response": (answer.response or {}).get("text", ""),
        "form": form,
        "previous_url": _item_url(run, previous, query),
        "next_url": _item_url(run, following, query),
        "queue_url": _queue_url(run, query),
        "here": here,
    }
    return render(request, "frontend/grading/essay.html", context)

"""Quiz pages for officials (attempts, review) and tutors (overrides, essay grading).

The attempt page works without JavaScript: one form with every question,
"Save" and "Finish" buttons (the latter leads to a confirmation page).
`quiz.js` adds autosave through the API and the countdown.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessments.models import Attempt, QuestionKind
from assessments.selectors import quizzes as quiz_selectors
from assessments.services import quizzes as quiz_services
from courses import selectors as course_selectors

IN_PROGRESS = Attempt.State.IN_PROGRESS


def activity_panel(request, enrolment, activity) -> dict:
    """Context for frontend/quiz/panel.html inside the activity page."""
    quiz = quiz_selectors.quiz_for_activity(activity)
    if quiz is None:
        return {"summary": None}
    return {
        "summary": quiz_selectors.quiz_summary(enrolment=enrolment, quiz=quiz),
        "start_url": reverse("quiz_start", args=[enrolment.course_run_id, activity.pk]),
    }


@login_required
@require_POST
def quiz_start(request, run_id: int, activity_id: int):
    enrolment = course_selectors.enrolment_for_learner(request.user, run_id)
    activity = enrolment and course_selectors.activity_for_enrolment(enrolment, activity_id)
    quiz = activity and quiz_selectors.quiz_for_activity(activity)
    if not quiz:
        raise Http404
    try:
        attempt = quiz_services.attempt_start(user=request.user, quiz=quiz, course_run_id=run_id)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("activity", run_id=run_id, activity_id=activity_id)
    return redirect("quiz_attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id: int) -> Attempt:
    attempt = quiz_selectors.attempt_get_for_owner(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _activity_url(attempt: Attempt) -> str:
    return reverse("activity", args=[attempt.enrolment.course_run_id, attempt.quiz.activity_id])


def _responses(post, views) -> dict[int, object]:
    """The form's answers as the API's responses, for the questions the form showed."""
    shown = set(post.getlist("shown"))
    responses = {}
    for view in views:
        name = f"q{view.row.position}"
        if view.number is None or str(view.row.position) not in shown:
            continue
        if view.kind == QuestionKind.MATCHING:
            responses[view.row.position] = {
                "matches": {
                    str(item.pk): post.get(f"{name}-{item.pk}", "") for item in view.options
                }
            }
        elif view.multiple:
            responses[view.row.position] = {"answers": post.getlist(name)}
        elif view.kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
            responses[view.row.position] = {"answer": post.get(name, "")}
        else:
            responses[view.row.position] = {"text": post.get(name, "")}
    return responses


@login_required
def attempt_detail(request, attempt_id: int):
    """All the questions on one page; POST saves them (and leads on to finishing)."""
    attempt = _own_attempt(request, attempt_id)
    if attempt.state != IN_PROGRESS:
        return redirect("quiz_review", attempt_id=attempt.pk)
    page = quiz_selectors.attempt_page(attempt)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            quiz_services.attempt_answers_save(
                user=request.user,
                attempt_id=attempt.pk,
                responses=_responses(request.POST, page.questions),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("quiz_attempt", attempt_id=attempt.pk)
        if request.POST.get("timeup"):
            quiz_services.attempt_submit(user=request.user, attempt_id=attempt.pk)
            return redirect("quiz_review", attempt_id=attempt.pk)
        if action == "finish":
            return redirect("quiz_attempt_finish", attempt_id=attempt.pk)
        messages.success(request, _("Your answers are saved."))
        return redirect("quiz_attempt", attempt_id=attempt.pk)
    context = {
        "nav": "learn",
        "attempt": attempt,
        "page": page,
        "autosave_url": reverse("assessments_api:attempt_answer_save", args=[attempt.pk, 0]),
        "activity_url": _activity_url(attempt),
    }
    return render(request, "frontend/quiz/attempt.html", context)


@login_required
def attempt_finish(request, attempt_id: int):
    """The confirmation step: how many questions are answered; POST submits."""
    attempt = _own_attempt(request, attempt_id)
    if attempt.state != IN_PROGRESS:
        return redirect("quiz_review", attempt_id=attempt.pk)
    if request.method == "POST":
        quiz_services.attempt_submit(user=request.user, attempt_id=attempt.pk)
        return redirect("quiz_review", attempt_id=attempt.pk)
    context = {
        "nav": "learn",
        "attempt": attempt,
        "page": quiz_selectors.attempt_page(attempt),
        "activity_url": _activity_url(attempt),
    }
    return render(request, "frontend/quiz/finish.html", context)


@login_required
def attempt_review(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.state == IN_PROGRESS:
        return redirect("quiz_attempt", attempt_id=attempt.pk)
    context = {
        "nav": "learn",
        "review": quiz_selectors.attempt_review(attempt),
        "attempt": attempt,
        "activity_url": _activity_url(attempt),
    }
    return render(request, "frontend/quiz/review.html", context)


# --- Tutors -------------------------------------------------------------------------


class OverrideForm(forms.Form):
    quiz = forms.IntegerField(widget=forms.HiddenInput)
    attempts_allowed = forms.IntegerField(
        label=gettext_lazy("Attempts allowed for this person"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy("Empty: the quiz's own setting. 0: unlimited."),
    )
    extra_minutes = forms.IntegerField(
        label=gettext_lazy("Extra time (minutes)"),
        min_value=0,
        max_value=24 * 60,
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes for this person on"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("In the programme's time zone. Empty: the quiz's closing date."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, quiz_id: int, **kwargs):
        kwargs.setdefault("prefix", f"quiz{quiz_id}")
        super().__init__(*args, **kwargs)
        self.fields["quiz"].initial = quiz_id


def _override_form(row, data=None) -> OverrideForm:
    override = row.override
    initial = {}
    if override is not None:
        extra = (override.time_limit_seconds or 0) - (row.quiz.time_limit_seconds or 0)
        initial = {
            "attempts_allowed": override.attempts_allowed,
            "extra_minutes": extra // 60 if override.time_limit_seconds and extra > 0 else None,
            "closes_at": override.closes_at,
            "reason": override.reason,
        }
    return OverrideForm(data, quiz_id=row.quiz.pk, initial=initial)


@login_required
def tutor_enrolment_quizzes(request, enrolment_id: int):
    """One person's quizzes for their tutor: attempts, essays to grade, exceptions."""
    enrolment = course_selectors.enrolment_get_for_staff(request.user, enrolment_id)
    if enrolment is None:
        raise Http404
    may_override = quiz_selectors.is_tutor_of(request.user, enrolment)
    data = request.POST if request.method == "POST" and may_override else None
    with timezone.override(enrolment.course_run.programme.time_zone):
        rows = quiz_selectors.quizzes_of_enrolment(enrolment)
        for row in rows:
            bound = data is not None and f"quiz{row.quiz.pk}-quiz" in data
            row.form = _override_form(row, data if bound else None)
            if not (bound and row.form.is_valid()):
                continue
            cleaned = row.form.cleaned_data
            try:
                quiz_services.quiz_override_set(
                    tutor=request.user,
                    quiz=row.quiz,
                    enrolment=enrolment,
                    attempts_allowed=cleaned["attempts_allowed"],
                    extra_time_seconds=(cleaned["extra_minutes"] or 0) * 60 or None,
                    closes_at=cleaned["closes_at"],
                    reason=cleaned["reason"],
                )
            except ValidationError as error:
                row.form.add_error(None, error)
            else:
                messages.success(request, _("The exception for this quiz is saved."))
                return redirect("tutor_enrolment_quizzes", enrolment_id=enrolment.pk)
        context = {
            "nav": "tutor",
            "enrolment": enrolment,
            "rows": rows,
            "may_override": may_override,
        }
        return render(request, "frontend/quiz/tutor_enrolment.html", context)


class EssayGradeForm(forms.Form):
    points = forms.DecimalField(
        label=gettext_lazy("Points"), min_value=Decimal("0"), decimal_places=2, localize=True
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the person"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
    )

    def __init__(self, *args, mark: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        points = self.fields["points"]
        points.validators.append(MaxValueValidator(mark))
        points.widget.attrs["max"] = str(mark)
        points.help_text = _("Out of %(mark)s.") % {"mark": floatformat(mark, "-2")}


@login_required
def tutor_attempt_answer_grade(request, attempt_answer_id: int):
    """Grade one essay answer (linked from the grading queue and the person's quiz page)."""
    row = quiz_selectors.attempt_answer_get_for_tutor(request.user, attempt_answer_id)
    if row is None:
        raise Http404
    initial = {}
    if row.fraction is not None:
        initial = {"points": (row.mark * row.fraction).quantize(Decimal("0.01"))}
        initial["comment"] = row.comment
    form = EssayGradeForm(request.POST or None, mark=row.mark, initial=initial)
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    back = back or reverse("tutor_enrolment_quizzes", args=[row.attempt.enrolment_id])
    if request.method == "POST" and form.is_valid():
        fraction = form.cleaned_data["points"] / row.mark if row.mark else Decimal("0")
        try:
            quiz_services.attempt_answer_grade(
                tutor=request.user,
                attempt_answer_id=row.pk,
                fraction=fraction,
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The essay is graded."))
            return redirect(back)
    context = {"nav": "tutor", "row": row, "form": form, "back": back}
    return render(request, "frontend/quiz/grade.html", context)

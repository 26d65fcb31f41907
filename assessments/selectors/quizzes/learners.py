"""The learner's quiz reads: the summary on the activity page, an attempt, its review."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext as _

from assessments import questions
from assessments.models import (
    Answer,
    Attempt,
    AttemptAnswer,
    Grade,
    QuestionKind,
    Quiz,
    QuizOverride,
)
from assessments.selectors.quizzes.common import (
    ReviewOptions,
    attempt_review_options,
    review_options,
    shown_grade,
)
from assessments.services import quizzes as quiz_services
from content.sanitize import sanitize_html
from courses.models import Enrolment
from programs.models import User

IN_PROGRESS = Attempt.State.IN_PROGRESS


# --- The learner's summary (the panel of the activity page) ------------------------


@dataclass
class QuizSummary:
    quiz: Quiz
    enrolment: Enrolment
    rules: quiz_services.QuizRules
    override: QuizOverride | None
    attempts: list[Attempt]
    in_progress: Attempt | None
    grade: Grade | None
    question_count: int
    refusal: str | None
    review: ReviewOptions

    @property
    def can_start(self) -> bool:
        return self.in_progress is not None or self.refusal is None

    @property
    def attempts_left(self) -> int | None:
        if not self.rules.attempts_allowed:
            return None
        return max(self.rules.attempts_allowed - len(self.attempts), 0)

    @property
    def intro_html(self) -> str:
        return sanitize_html(self.quiz.intro) if self.quiz.intro else ""

    @property
    def pass_shown(self) -> str | None:
        return shown_grade(self.quiz.pass_fraction, self.enrolment)

    @property
    def passed(self) -> bool:
        return bool(
            self.grade
            and self.grade.final_fraction is not None
            and self.grade.final_fraction >= self.quiz.pass_fraction
        )


def quiz_summary(*, enrolment: Enrolment, quiz: Quiz, now=None) -> QuizSummary:
    """The quiz's rules for the person, their attempts, grade and whether they may start."""
    now = now or timezone.now()
    quiz_services.attempts_close_overdue(now, enrolment=enrolment)
    override = QuizOverride.objects.filter(quiz=quiz, enrolment=enrolment).first()
    quiz_rules = quiz_services.quiz_rules(quiz, override)
    attempts = list(Attempt.objects.filter(quiz=quiz, enrolment=enrolment).order_by("number"))
    in_progress = next((a for a in attempts if a.state == IN_PROGRESS), None)
    question_count = quiz.slots.count()
    refusal = None
    if enrolment.status != Enrolment.Status.ACTIVE:
        refusal = _("Your enrolment in this course is not active.")
    elif not question_count:
        refusal = _("This quiz has no questions yet.")
    else:
        refusal = quiz_services.start_refusal(
            quiz_rules,
            attempts_used=len(attempts),
            now=now,
            time_zone=enrolment.course_run.programme.time_zone,
        )
    review = review_options(quiz, quiz_rules, now)
    for attempt in attempts:
        attempt.shown_grade = shown_grade(attempt.fraction, enrolment) if review.marks else None
    grade = Grade.objects.filter(
        item__activity_id=quiz.activity_id, enrolment=enrolment, released_at__isnull=False
    ).first()
    if grade is not None:
        grade.shown = shown_grade(grade.final_fraction, enrolment)
    return QuizSummary(
        quiz=quiz,
        enrolment=enrolment,
        rules=quiz_rules,
        override=override,
        attempts=attempts,
        in_progress=in_progress,
        grade=grade,
        question_count=question_count,
        refusal=refusal,
        review=review,
    )


# --- One attempt --------------------------------------------------------------------


def _attempts() -> QuerySet[Attempt]:
    return Attempt.objects.select_related(
        "quiz__activity__module", "enrolment__course_run__programme", "enrolment__user"
    )


def attempt_get_for_owner(user: User, attempt_id: int, *, now=None) -> Attempt | None:
    """The person's own attempt (submitted first if its time is over), else None."""
    if not user.is_authenticated:
        return None
    attempt = _attempts().filter(pk=attempt_id, enrolment__user=user).first()
    if attempt is not None and quiz_services.attempt_is_overdue(attempt, now or timezone.now()):
        quiz_services.attempts_close_overdue(now, enrolment=attempt.enrolment)
        attempt = _attempts().get(pk=attempt_id)
    return attempt


@dataclass
class Option:
    pk: int
    html: str
    checked: bool = False


@dataclass
class QuestionView:
    """One question of an attempt as the page shows it."""

    row: AttemptAnswer
    number: int | None  # descriptions are not numbered
    options: list[Option] = field(default_factory=list)  # choices; matching: its items
    choices: list[Option] = field(default_factory=list)  # matching: the partners offered
    text: str = ""
    answers: list[Answer] = field(default_factory=list)  # the author's order, for the review

    @property
    def question(self):
        return self.row.question

    @property
    def kind(self) -> str:
        return self.row.question.kind

    @property
    def multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE_CHOICE and not self.question.settings.get(
            "single", True
        )

    @property
    def answered(self) -> bool:
        return self.row.response is not None


def _inline_html(text: str) -> str:
    """Sanitised HTML for a label: a lone paragraph is unwrapped (labels hold no <p>)."""
    html = sanitize_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def _answer_html(question, answer: Answer) -> str:
    """Answers are shown as sanitised HTML; true/false in the person's language."""
    if question.kind == QuestionKind.TRUE_FALSE:
        word = strip_tags(answer.text).strip().casefold()
        if word in ("true", "verdadero"):
            return _("True")
        if word in ("false", "falso"):
            return _("False")
    return _inline_html(answer.text)


def _view(row: AttemptAnswer, answers: list[Answer], number: int | None) -> QuestionView:
    question, response = row.question, row.response or {}
    by_id = {answer.pk: answer for answer in answers}
    order = [pk for pk in row.answer_order if pk in by_id] or list(by_id)
    view = QuestionView(row=row, number=number, text=response.get("text", ""), answers=answers)
    if question.kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        chosen = set(questions.choice.chosen_ids(question, row.response))
        view.options = [Option(pk, _answer_html(question, by_id[pk]), pk in chosen) for pk in order]
    elif question.kind == QuestionKind.MATCHING:
        item_ids, choice_ids = questions.matching.layout(answers, row.answer_order)
        offered = questions.matching.choices(answers)
        matches = response.get("matches", {})
        view.options = [
            Option(pk, _inline_html(by_id[pk].text), matches.get(str(pk))) for pk in item_ids
        ]
        view.choices = [Option(pk, strip_tags(offered[pk])) for pk in choice_ids]
    return view


def _views(attempt: Attempt) -> list[QuestionView]:
    """The attempt's questions in order: two queries, whatever their number."""
    rows = list(
        AttemptAnswer.objects.filter(attempt=attempt)
        .select_related("question")
        .order_by("position")
    )
    answers = defaultdict(list)
    for answer in Answer.objects.filter(question_id__in={row.question_id for row in rows}).order_by(
        "position"
    ):
        answers[answer.question_id].append(answer)
    views, number = [], 0
    for row in rows:
        graded = questions.is_graded(row.question)
        number += 1 if graded else 0
        views.append(_view(row, answers[row.question_id], number if graded else None))
    return views


@dataclass
class AttemptPage:
    attempt: Attempt
    questions: list[QuestionView]
    seconds_left: int | None

    @property
    def counts_down(self) -> bool:
        """A countdown helps only when the deadline is near (a time limit, a close today)."""
        return self.seconds_left is not None and self.seconds_left <= COUNTDOWN_FROM_SECONDS

    @property
    def answered(self) -> int:
        return sum(1 for view in self.questions if view.number and view.answered)

    @property
    def total(self) -> int:
        return sum(1 for view in self.questions if view.number)


COUNTDOWN_FROM_SECONDS = 24 * 3600


def attempt_page(attempt: Attempt, *, now=None) -> AttemptPage:
    """What the attempt page shows: every question with its saved response, in order."""
    now = now or timezone.now()
    seconds_left = None
    if attempt.deadline_at is not None:
        seconds_left = max(int((attempt.deadline_at - now).total_seconds()), 0)
    return AttemptPage(attempt=attempt, questions=_views(attempt), seconds_left=seconds_left)


# --- Review ---------------------------------------------------------------------------


@dataclass
class ReviewItem:
    view: QuestionView
    points: Decimal | None  # None: hidden or not graded yet
    state: str  # right, partial, wrong, pending, none
    feedback: list[str]
    right_answers: list[str]


def _state(row: AttemptAnswer) -> str:
    if row.fraction is None:
        return "pending" if questions.is_graded(row.question) else "none"
    if row.fraction >= 1:
        return "right"
    return "partial" if row.fraction > 0 else "wrong"


@dataclass
class AttemptReview:
    attempt: Attempt
    options: ReviewOptions
    items: list[ReviewItem]
    shown_grade: str | None
    passed: bool | None


def attempt_review(attempt: Attempt, *, now=None) -> AttemptReview:
    """A submitted attempt, filtered by the quiz's review settings."""
    now = now or timezone.now()
    quiz = attempt.quiz
    options = attempt_review_options(attempt, now=now)
    items = []
    for view in _views(attempt):
        row, answers = view.row, view.answers
        feedback = []
        if options.feedback:
            feedback = [
                sanitize_html(text)
                for text in questions.response_feedback(row.question, answers, row.response)
            ]
            if row.question.general_feedback:
                feedback.append(sanitize_html(row.question.general_feedback))
            if row.comment:
                feedback.append(linebreaks(row.comment, autoescape=True))
        marked = options.marks and row.fraction is not None and view.number
        items.append(
            ReviewItem(
                view=view,
                points=(row.mark * row.fraction).quantize(Decimal("0.01")) if marked else None,
                state=_state(row) if options.marks else "none",
                feedback=feedback,
                right_answers=(
                    [strip_tags(text) for text in questions.right_answers(row.question, answers)]
                    if options.correct
                    else []
                ),
            )
        )
    finished = attempt.state == Attempt.State.FINISHED
    return AttemptReview(
        attempt=attempt,
        options=options,
        items=items,
        shown_grade=shown_grade(attempt.fraction, attempt.enrolment) if options.marks else None,
        passed=attempt.fraction >= quiz.pass_fraction if finished and options.marks else None,
    )

"""Quiz services: attempts, autosave, the server's time limit, grading, overrides."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from assessments import tasks
from assessments.models import Attempt, AttemptAnswer, Grade, GradeChange, QuestionKind
from assessments.selectors import quizzes as selectors
from assessments.services import quizzes as services
from courses import services as courses_services
from courses.models import ActivityProgress, Enrolment, LedgerEntry
from tests.assessments.factories import (
    QuestionCategoryFactory,
    QuestionFactory,
    question_make,
    quiz_course,
)
from tests.factories import CourseRunFactory, UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 5, 4, 14, 0, tzinfo=datetime.UTC)


def at(seconds: float) -> datetime.datetime:
    return T0 + datetime.timedelta(seconds=seconds)


def add_choice_questions(setup, count: int, **slot):
    for _ in range(count):
        question = QuestionFactory(category=setup.category)
        services.quiz_slot_add(quiz=setup.quiz, question=question, **slot)


def right_answer(row: AttemptAnswer) -> dict:
    first = row.question.answers.order_by("position").first()
    return {"answer": first.pk}


def wrong_answer(row: AttemptAnswer) -> dict:
    last = row.question.answers.order_by("position").last()
    return {"answer": last.pk}


def answer_all(setup, attempt, *, right: int, now=None):
    """Answer every multiple-choice question; the first `right` ones correctly."""
    rows = attempt.answers.select_related("question").filter(question__kind="multichoice")
    for index, row in enumerate(rows.order_by("position")):
        response = right_answer(row) if index < right else wrong_answer(row)
        services.attempt_answer_save(
            user=setup.official,
            attempt_id=attempt.pk,
            position=row.position,
            response=response,
            now=now,
        )


@pytest.fixture
def setup():
    setup = quiz_course()
    add_choice_questions(setup, 4)
    return setup


# --- Starting and resuming -------------------------------------------------------------


def test_start_lays_out_the_attempt_and_a_second_start_resumes_it(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz, now=T0)
    assert attempt.number == 1 and attempt.state == Attempt.State.IN_PROGRESS
    assert attempt.deadline_at is None
    assert list(attempt.answers.values_list("position", flat=True)) == [1, 2, 3, 4]
    again = services.attempt_start(user=setup.official, quiz=setup.quiz, now=at(60))
    assert again.pk == attempt.pk
    assert Attempt.objects.count() == 1


def test_only_an_active_enrolment_in_the_course_may_start(setup):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.attempt_start(user=stranger, quiz=setup.quiz)
    other_run_learner = UserFactory()
    courses_services.enrolment_create(user=other_run_learner, course_run=CourseRunFactory())
    with pytest.raises(PermissionDenied):
        services.attempt_start(user=other_run_learner, quiz=setup.quiz)
    courses_services.enrolment_withdraw(enrolment=setup.enrolment)
    with pytest.raises(PermissionDenied):
        services.attempt_start(user=setup.official, quiz=setup.quiz)


def test_attempts_allowed_and_a_tutors_extra_attempt(setup):
    setup.quiz.attempts_allowed = 1
    setup.quiz.save()
    first = services.attempt_start(user=setup.official, quiz=setup.quiz, now=T0)
    services.attempt_submit(user=setup.official, attempt_id=first.pk, now=at(60))
    with pytest.raises(ValidationError, match="used all the attempts allowed"):
        services.attempt_start(user=setup.official, quiz=setup.quiz, now=at(120))
    summary = selectors.quiz_summary(enrolment=setup.enrolment, quiz=setup.quiz, now=at(120))
    assert not summary.can_start and "attempts allowed" in summary.refusal

    services.quiz_override_set(
        tutor=setup.tutor,
        quiz=setup.quiz,
        enrolment=setup.enrolment,
        attempts_allowed=2,
        reason="Se cortó la luz en la alcaldía",
    )
    second = services.attempt_start(user=setup.official, quiz=setup.quiz, now=at(180))
    assert second.number == 2


def test_a_quiz_not_open_yet_or_closed_refuses_new_attempts(setup):
    setup.quiz.opens_at, setup.quiz.closes_at = at(3600), at(7200)
    setup.quiz.save()
    with pytest.raises(ValidationError, match="opens on"):
        services.attempt_start(user=setup.official, quiz=setup.quiz, now=T0)
    with pytest.raises(ValidationError, match="closed on"):
        services.attempt_start(user=setup.official, quiz=setup.quiz, now=at(7200))
    services.quiz_override_set(
        tutor=setup.tutor,
        quiz=setup.quiz,
        enrolment=setup.enrolment,
        closes_at=at(10_000),
        reason="Licencia médica",
    )
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz, now=at(7200))
    assert attempt.deadline_at == at(10_000)


def test_a_quiz_without_questions_cannot_start():
    setup = quiz_course()
    with pytest.raises(ValidationError, match="no questions"):
        services.attempt_start(user=setup.official, quiz=setup.quiz)


# --- Random questions and shuffling ----------------------------------------------------


def test_random_questions_come_from_the_category_and_subcategories_without_repeats():
    setup = quiz_course()
    sub = QuestionCategoryFactory(course=setup.run.course, parent=setup.category, name="Leyes")
    fixed = QuestionFactory(category=setup.category)
    pool = [QuestionFactory(category=setup.category) for _ in range(2)]
    pool += [QuestionFactory(category=sub) for _ in range(2)]
    services.quiz_slot_add(quiz=setup.quiz, question=fixed)
    for _ in range(4):
        services.quiz_slot_add(
            quiz=setup.quiz, random_category=setup.category, include_subcategories=True
        )
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    drawn = list(attempt.answers.order_by("position").values_list("question_id", flat=True))
    assert drawn[0] == fixed.pk
    assert sorted(drawn[1:]) == sorted(q.pk for q in pool)


def test_a_category_too_small_for_its_random_slots_is_refused_clearly():
    setup = quiz_course()
    sub = QuestionCategoryFactory(course=setup.run.course, parent=setup.category, name="Leyes")
    QuestionFactory(category=setup.category)
    QuestionFactory(category=sub)  # not drawn: subcategories not included
    for _ in range(2):
        services.quiz_slot_add(quiz=setup.quiz, random_category=setup.category)
    with pytest.raises(ValidationError, match="Not enough questions"):
        services.attempt_start(user=setup.official, quiz=setup.quiz)
    assert not Attempt.objects.exists()


def test_questions_from_another_course_cannot_be_added(setup):
    foreign = QuestionFactory()
    with pytest.raises(ValidationError):
        services.quiz_slot_add(quiz=setup.quiz, question=foreign)


def test_shuffled_layout_is_fixed_at_start_and_stable_across_reloads():
    setup = quiz_course(shuffle_questions=True, shuffle_answers=True)
    add_choice_questions(setup, 12)
    for question in setup.category.questions.all():
        question.settings = {"single": True, "shuffle": True}
        question.save()
        question.answers.all().delete()
        for position in range(1, 7):
            question.answers.create(position=position, text=f"Opción {position}", fraction=0)
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    first = selectors.attempt_page(attempt)
    second = selectors.attempt_page(attempt)
    layout = [(v.question.pk, [o.pk for o in v.options]) for v in first.questions]
    assert layout == [(v.question.pk, [o.pk for o in v.options]) for v in second.questions]
    slot_order = list(setup.quiz.slots.order_by("position").values_list("question_id", flat=True))
    assert [question for question, _ in layout] != slot_order  # 12! orders: never the same
    assert any(options != sorted(options) for _, options in layout)


# --- Autosave ----------------------------------------------------------------------------


def test_autosave_keeps_the_latest_response_and_is_idempotent(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz, now=T0)
    row = attempt.answers.select_related("question").get(position=1)
    saved = services.attempt_answer_save(
        user=setup.official,
        attempt_id=attempt.pk,
        position=1,
        response=right_answer(row),
        now=at(5),
    )
    again = services.attempt_answer_save(
        user=setup.official,
        attempt_id=attempt.pk,
        position=1,
        response=right_answer(row),
        now=at(9),
    )
    assert saved == again == at(5)
    services.attempt_answer_save(
        user=setup.official, attempt_id=attempt.pk, position=1, response=None, now=at(12)
    )
    row.refresh_from_db()
    assert row.response is None and row.saved_at == at(12)


def test_autosave_checks_the_owner_the_shape_and_the_position(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    with pytest.raises(PermissionDenied):
        services.attempt_answer_save(
            user=UserFactory(), attempt_id=attempt.pk, position=1, response={"answer": 1}
        )
    with pytest.raises(ValidationError):
        services.attempt_answer_save(
            user=setup.official, attempt_id=attempt.pk, position=1, response={"answer": 999_999}
        )
    with pytest.raises(ValidationError):
        services.attempt_answer_save(
            user=setup.official, attempt_id=attempt.pk, position=99, response=None
        )


def test_no_saving_after_submitting(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    with pytest.raises(ValidationError, match="already submitted") as caught:
        services.attempt_answer_save(
            user=setup.official, attempt_id=attempt.pk, position=1, response=None
        )
    assert caught.value.code == services.CLOSED


# --- The time limit, on the server ------------------------------------------------------


@pytest.fixture
def timed():
    setup = quiz_course(time_limit_seconds=600)
    add_choice_questions(setup, 3)
    return setup


def test_deadline_is_start_plus_limit_or_the_closing_date_whichever_comes_first(timed):
    attempt = services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    assert attempt.deadline_at == at(600)
    timed.quiz.closes_at = at(900)
    timed.quiz.attempts_allowed = 0
    timed.quiz.save()
    services.attempt_submit(user=timed.official, attempt_id=attempt.pk, now=at(30))
    later = services.attempt_start(user=timed.official, quiz=timed.quiz, now=at(500))
    assert later.deadline_at == at(900)


def test_a_save_after_the_deadline_is_refused_and_the_attempt_submitted(timed):
    attempt = services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    rows = list(attempt.answers.select_related("question").order_by("position"))
    services.attempt_answer_save(
        user=timed.official, attempt_id=attempt.pk, position=1, response=right_answer(rows[0]),
        now=at(599),
    )  # fmt: skip
    # Within the grace for the network: still taken.
    services.attempt_answer_save(
        user=timed.official, attempt_id=attempt.pk, position=2, response=right_answer(rows[1]),
        now=at(600 + services.GRACE_SECONDS),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="time for this attempt is over"):
        services.attempt_answer_save(
            user=timed.official, attempt_id=attempt.pk, position=3, response=right_answer(rows[2]),
            now=at(600 + services.GRACE_SECONDS + 1),
        )  # fmt: skip
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.fraction == Decimal("0.6666667")
    assert AttemptAnswer.objects.get(attempt=attempt, position=3).response is None


def test_an_overdue_attempt_is_submitted_when_read(timed):
    attempt = services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    late = at(3600)
    assert selectors.attempt_get_for_owner(timed.official, attempt.pk, now=late).state == (
        Attempt.State.FINISHED
    )
    again = services.attempt_start(user=timed.official, quiz=timed.quiz, now=at(3700))
    assert again.number == 2


def test_the_panel_read_submits_an_overdue_attempt_too(timed):
    services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    summary = selectors.quiz_summary(enrolment=timed.enrolment, quiz=timed.quiz, now=at(3600))
    assert summary.in_progress is None
    assert summary.attempts[0].state == Attempt.State.FINISHED


def test_close_overdue_submits_only_attempts_past_deadline_and_grace(timed, monkeypatch):
    attempt = services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    assert services.attempts_close_overdue(at(605)) == 0
    assert services.attempts_close_overdue(at(611)) == 1
    assert services.attempts_close_overdue(at(700)) == 0  # idempotent
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.submitted_at == at(611)


def test_the_beat_task_closes_overdue_attempts(timed):
    attempt = services.attempt_start(
        user=timed.official, quiz=timed.quiz, now=timezone.now() - datetime.timedelta(hours=1)
    )
    assert tasks.close_overdue_attempts.delay().get() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED


def test_extra_time_from_a_tutor_moves_the_deadline_of_the_attempt_in_progress(timed):
    attempt = services.attempt_start(user=timed.official, quiz=timed.quiz, now=T0)
    services.quiz_override_set(
        tutor=timed.tutor,
        quiz=timed.quiz,
        enrolment=timed.enrolment,
        extra_time_seconds=300,
        reason="Conexión lenta en la alcaldía",
    )
    attempt.refresh_from_db()
    assert attempt.deadline_at == at(900)


# --- Submitting and the quiz grade -------------------------------------------------------


def test_double_submit_yields_one_graded_attempt(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz, now=T0)
    answer_all(setup, attempt, right=3, now=at(30))
    first = services.attempt_submit(user=setup.official, attempt_id=attempt.pk, now=at(60))
    second = services.attempt_submit(user=setup.official, attempt_id=attempt.pk, now=at(61))
    assert first.fraction == second.fraction == Decimal("0.75")
    assert second.submitted_at == at(60)
    grade = Grade.objects.get(enrolment=setup.enrolment)
    assert grade.final_fraction == Decimal("0.75") and grade.released_at
    assert GradeChange.objects.filter(grade=grade, what="quiz").count() == 1


def test_passing_completes_the_activity_and_credits_its_hours(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=3)  # 75 % ≥ 60 %
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    entry = LedgerEntry.objects.get(enrolment=setup.enrolment, activity=setup.activity)
    assert entry.seconds == setup.activity.nominal_seconds == 3600
    assert Enrolment.objects.get(pk=setup.enrolment.pk).credited_seconds == 3600
    progress = ActivityProgress.objects.get(enrolment=setup.enrolment, activity=setup.activity)
    assert progress.completion_source == "passed"


def test_failing_records_the_grade_but_credits_nothing(setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=1)
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    assert Grade.objects.get(enrolment=setup.enrolment).final_fraction == Decimal("0.25")
    assert not LedgerEntry.objects.filter(enrolment=setup.enrolment).exists()


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "1"), ("last", "0.25"), ("first", "0.5"), ("average", "0.5833333")],
)
def test_grading_methods(setup, method, expected):
    setup.quiz.grading_method = method
    setup.quiz.save()
    for right in (2, 4, 1):
        attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
        answer_all(setup, attempt, right=right)
        services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    grade = Grade.objects.get(enrolment=setup.enrolment)
    assert grade.final_fraction == Decimal(expected)


def test_negative_marks_never_make_an_attempt_below_zero(setup):
    for question in setup.category.questions.all():
        question.answers.filter(position=3).update(fraction=Decimal("-1"))
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=0)
    assert services.attempt_submit(user=setup.official, attempt_id=attempt.pk).fraction == 0


# --- Essays --------------------------------------------------------------------------------


@pytest.fixture
def with_essay(setup):
    essay = question_make(setup.category, QuestionKind.ESSAY, mark="2")
    services.quiz_slot_add(quiz=setup.quiz, question=essay)
    return setup


def test_an_essay_waits_for_the_tutor_then_the_attempt_finishes_with_its_grade(with_essay):
    setup = with_essay
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=4)
    services.attempt_answer_save(
        user=setup.official,
        attempt_id=attempt.pk,
        position=5,
        response={"text": "La transparencia activa consiste en publicar sin que lo pidan."},
    )
    attempt = services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    assert attempt.state == Attempt.State.NEEDS_GRADING and attempt.fraction is None
    assert not Grade.objects.filter(enrolment=setup.enrolment).exists()
    queue = list(selectors.essays_to_grade(setup.run))
    assert [row.position for row in queue] == [5]

    services.attempt_answer_grade(
        tutor=setup.tutor, attempt_answer_id=queue[0].pk, fraction=Decimal("0.5"), comment="Bien"
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.fraction == Decimal("0.8333333")  # (4 + 2 × 0.5) / 6
    assert Grade.objects.get(enrolment=setup.enrolment).final_fraction == Decimal("0.8333333")
    assert LedgerEntry.objects.filter(enrolment=setup.enrolment, activity=setup.activity).exists()
    assert not selectors.essays_to_grade(setup.run).exists()


def test_an_empty_essay_needs_no_tutor(with_essay):
    setup = with_essay
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    attempt = services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    assert attempt.state == Attempt.State.FINISHED and attempt.fraction == 0


def test_only_a_tutor_of_the_run_grades_an_essay(with_essay):
    setup = with_essay
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    services.attempt_answer_save(
        user=setup.official, attempt_id=attempt.pk, position=5, response={"text": "Texto"}
    )
    row = AttemptAnswer.objects.get(attempt=attempt, position=5)
    with pytest.raises(ValidationError, match="still in progress"):
        services.attempt_answer_grade(tutor=setup.tutor, attempt_answer_id=row.pk, fraction=1)
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    other_tutor = quiz_course().tutor
    for intruder in (other_tutor, setup.official):
        with pytest.raises(PermissionDenied):
            services.attempt_answer_grade(tutor=intruder, attempt_answer_id=row.pk, fraction=1)
    with pytest.raises(ValidationError):
        services.attempt_answer_grade(tutor=setup.tutor, attempt_answer_id=row.pk, fraction=2)
    choice = AttemptAnswer.objects.get(attempt=attempt, position=1)
    with pytest.raises(ValidationError, match="Only essays"):
        services.attempt_answer_grade(tutor=setup.tutor, attempt_answer_id=choice.pk, fraction=1)


def test_only_a_tutor_of_the_run_sets_an_override_with_a_reason(setup):
    for intruder in (quiz_course().tutor, setup.official):
        with pytest.raises(PermissionDenied):
            services.quiz_override_set(
                tutor=intruder, quiz=setup.quiz, enrolment=setup.enrolment, attempts_allowed=5,
                reason="Porque sí",
            )  # fmt: skip
    with pytest.raises(ValidationError):
        services.quiz_override_set(
            tutor=setup.tutor, quiz=setup.quiz, enrolment=setup.enrolment, attempts_allowed=5,
            reason=" ",
        )  # fmt: skip
    override = services.quiz_override_set(
        tutor=setup.tutor, quiz=setup.quiz, enrolment=setup.enrolment, attempts_allowed=5,
        reason="Reintento acordado",
    )  # fmt: skip
    assert override.created_by == setup.tutor
    cleared = services.quiz_override_set(
        tutor=setup.tutor, quiz=setup.quiz, enrolment=setup.enrolment, reason="Vuelve a lo normal"
    )
    assert cleared is None and not setup.quiz.overrides.exists()


# --- Review --------------------------------------------------------------------------------


def _reviewed(setup, now=None):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=2)
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    attempt = selectors.attempt_get_for_owner(setup.official, attempt.pk)
    return selectors.attempt_review(attempt, now=now)


def test_review_shows_marks_and_feedback_but_not_right_answers_by_default(setup):
    review = _reviewed(setup)
    assert review.options.marks and review.options.feedback and not review.options.correct
    assert [item.state for item in review.items] == ["right", "right", "wrong", "wrong"]
    assert review.items[0].points == Decimal("1.00")
    assert all(item.right_answers == [] for item in review.items)


def test_review_hides_what_the_quiz_says_until_it_closes(setup):
    quiz = setup.quiz
    quiz.review_marks = quiz.review_feedback = quiz.review_correct_answers = False
    quiz.closes_at = timezone.now() + datetime.timedelta(days=1)
    quiz.save()
    review = _reviewed(setup)
    assert review.shown_grade is None and review.passed is None
    assert all(item.points is None and item.state == "none" for item in review.items)
    assert all(item.feedback == [] and item.right_answers == [] for item in review.items)
    summary = selectors.quiz_summary(enrolment=setup.enrolment, quiz=quiz)
    assert summary.attempts[0].shown_grade is None

    after = timezone.now() + datetime.timedelta(days=2)
    attempt = selectors.attempt_get_for_owner(setup.official, review.attempt.pk)
    closed = selectors.attempt_review(attempt, now=after)
    assert closed.options == selectors.ReviewOptions(marks=True, feedback=True, correct=True)
    assert closed.items[0].right_answers == ["El presupuesto"]


# --- Concurrency (PostgreSQL) ------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_one_attempt_once():
    setup = quiz_course()
    add_choice_questions(setup, 4)
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    answer_all(setup, attempt, right=4)
    results, errors = [], []
    barrier = threading.Barrier(4)

    def submit():
        try:
            barrier.wait()
            results.append(
                services.attempt_submit(user=setup.official, attempt_id=attempt.pk).fraction
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [Decimal("1")] * 4
    grade = Grade.objects.get(enrolment=setup.enrolment)
    assert GradeChange.objects.filter(grade=grade, what="quiz").count() == 1
    assert LedgerEntry.objects.filter(enrolment=setup.enrolment).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_create_one_attempt():
    setup = quiz_course()
    add_choice_questions(setup, 2)
    ids, errors = [], []
    barrier = threading.Barrier(4)

    def start():
        try:
            barrier.wait()
            ids.append(services.attempt_start(user=setup.official, quiz=setup.quiz).pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(ids)) == 1
    assert Attempt.objects.count() == 1

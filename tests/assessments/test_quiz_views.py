"""Quiz pages and API from the outside: the journey without JavaScript, permissions, queries."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Attempt, AttemptAnswer, QuestionKind
from assessments.services import quizzes as services
from courses.models import LedgerEntry
from tests.assessments.factories import QuestionFactory, question_make, quiz_course
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    """A quiz of five kinds: choice, multiple answers, short answer, numerical, matching."""
    setup = quiz_course()
    category = setup.category
    questions = [
        QuestionFactory(category=category),
        question_make(
            category,
            QuestionKind.MULTIPLE_CHOICE,
            [("Actas", "0.5"), ("Contratos", "0.5"), ("Chismes", "-1")],
            settings={"single": False, "shuffle": False},
        ),
        question_make(category, QuestionKind.SHORT_ANSWER, [("Política", "1")]),
        question_make(
            category, QuestionKind.NUMERICAL, [{"text": "3.5", "fraction": "1", "tolerance": "0"}]
        ),
        question_make(
            category,
            QuestionKind.MATCHING,
            [
                {"text": "Ley de transparencia", "match_text": "Acceso a la información"},
                {"text": "Catastro", "match_text": "Registro de predios"},
                {"text": "", "match_text": "Pago de nómina"},
            ],
        ),
    ]
    for question in questions:
        services.quiz_slot_add(quiz=setup.quiz, question=question)
    return setup


def _activity_url(setup):
    return reverse("activity", args=[setup.run.pk, setup.activity.pk])


def _start(client, setup) -> Attempt:
    response = client.post(reverse("quiz_start", args=[setup.run.pk, setup.activity.pk]))
    attempt = Attempt.objects.get(enrolment=setup.enrolment, state="in_progress")
    assert response.status_code == 302
    assert response["Location"] == reverse("quiz_attempt", args=[attempt.pk])
    return attempt


def _form_answers(attempt) -> dict:
    """A form post answering every question right (the page's field names)."""
    rows = {row.position: row for row in attempt.answers.select_related("question")}
    answers = {
        row.question_id: list(row.question.answers.order_by("position")) for row in rows.values()
    }
    matching = answers[rows[5].question_id]
    return {
        "shown": ["1", "2", "3", "4", "5"],
        "q1": str(answers[rows[1].question_id][0].pk),
        "q2": [str(a.pk) for a in answers[rows[2].question_id][:2]],
        "q3": "  politica ",
        "q4": "3,5",
        f"q5-{matching[0].pk}": str(matching[0].pk),
        f"q5-{matching[1].pk}": str(matching[1].pk),
    }


# --- The journey without JavaScript ----------------------------------------------------------


def test_the_activity_page_shows_the_quiz_settings_and_a_start_button(client, setup):
    setup.quiz.attempts_allowed, setup.quiz.time_limit_seconds = 2, 1200
    setup.quiz.save()
    client.force_login(setup.official)
    response = client.get(_activity_url(setup))
    assert response.status_code == 200
    summary = response.context["panel"]["summary"]
    assert summary.question_count == 5 and summary.can_start
    assert 'id="quiz-start"' in response.text
    assert "20 minutos" in response.text  # the time limit, in Spanish
    assert "6,0 / 10" in response.text  # the pass mark on the programme's scale


def test_an_official_answers_saves_reloads_and_submits_without_javascript(client, setup):
    client.force_login(setup.official)
    attempt = _start(client, setup)
    page_url = reverse("quiz_attempt", args=[attempt.pk])
    page = client.get(page_url)
    assert page.status_code == 200
    assert page.text.count("<fieldset") == 5 and page.text.count("<legend>") == 5
    assert 'id="quiz-form"' in page.text and "frontend/quiz.js" in page.text

    data = _form_answers(attempt)
    saved = client.post(page_url, {**data, "action": "save"})
    assert saved.status_code == 302 and saved["Location"] == page_url
    reloaded = client.get(page_url)
    assert 'value="  politica "' not in reloaded.text and 'value="politica"' in reloaded.text
    assert 'value="3,5"' in reloaded.text
    form = reloaded.text[reloaded.text.index('id="quiz-form"') :]
    assert form.count(" checked") == 3 and form.count(" selected") == 2
    assert reloaded.context["page"].answered == 5

    finish = client.post(page_url, {**data, "action": "finish"})
    assert finish["Location"] == reverse("quiz_attempt_finish", args=[attempt.pk])
    confirm = client.get(finish["Location"])
    assert confirm.context["page"].answered == 5
    submitted = client.post(finish["Location"])
    assert submitted["Location"] == reverse("quiz_review", args=[attempt.pk])
    review = client.get(submitted["Location"])
    assert review.status_code == 200 and "10,0 / 10" in review.text
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.fraction == 1
    assert LedgerEntry.objects.filter(enrolment=setup.enrolment, activity=setup.activity).exists()
    # The attempt page of a submitted attempt leads to its review.
    assert client.get(page_url)["Location"] == submitted["Location"]


def test_when_time_is_up_the_page_posts_its_answers_and_submits(client, setup):
    client.force_login(setup.official)
    attempt = _start(client, setup)
    page_url = reverse("quiz_attempt", args=[attempt.pk])
    response = client.post(page_url, {**_form_answers(attempt), "timeup": "1"})
    assert response["Location"] == reverse("quiz_review", args=[attempt.pk])
    assert Attempt.objects.get(pk=attempt.pk).fraction == 1


# --- The API ------------------------------------------------------------------------------------


def _save(client, attempt, position, response):
    url = reverse("assessments_api:attempt_answer_save", args=[attempt.pk, position])
    return client.post(url, json.dumps({"response": response}), content_type="application/json")


def test_autosave_and_submit_through_the_api(client, setup):
    client.force_login(setup.official)
    attempt = _start(client, setup)
    row = attempt.answers.select_related("question").get(position=3)
    ok = _save(client, attempt, 3, {"text": "Política"})
    assert ok.status_code == 200 and ok.json()["position"] == 3 and ok.json()["saved_at"]
    row.refresh_from_db()
    assert row.response == {"text": "Política"}

    bad = _save(client, attempt, 1, {"answer": 123456})
    assert bad.status_code == 400 and bad.json()["detail"]  # in the person's language
    assert _save(client, attempt, 99, None).status_code == 400

    detail = client.get(reverse("assessments_api:attempt_detail", args=[attempt.pk])).json()
    assert detail["state"] == "in_progress" and detail["fraction"] is None
    assert [a["response"] for a in detail["answers"]][2] == {"text": "Política"}

    submit_url = reverse("assessments_api:attempt_submit", args=[attempt.pk])
    first, second = client.post(submit_url), client.post(submit_url)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Decimal(first.json()["fraction"]) == Decimal("0.2")
    closed = _save(client, attempt, 3, {"text": "otra"})
    assert closed.status_code == 409 and closed.json()["detail"]


# --- Permissions from the outside --------------------------------------------------------------


def test_an_official_cannot_read_or_save_into_anothers_attempt(client, setup):
    client.force_login(setup.official)
    attempt = _start(client, setup)
    colleague = MembershipFactory(municipality=setup.municipality).user
    client.force_login(colleague)
    for url in (
        reverse("quiz_attempt", args=[attempt.pk]),
        reverse("quiz_attempt_finish", args=[attempt.pk]),
        reverse("quiz_review", args=[attempt.pk]),
        reverse("assessments_api:attempt_detail", args=[attempt.pk]),
    ):
        assert client.get(url).status_code == 404, url
    posted = client.post(reverse("quiz_attempt", args=[attempt.pk]), {"shown": ["3"], "q3": "x"})
    assert posted.status_code == 404
    assert _save(client, attempt, 3, {"text": "intrusión"}).status_code == 404
    submit = client.post(reverse("assessments_api:attempt_submit", args=[attempt.pk]))
    assert submit.status_code == 404
    assert (
        client.post(reverse("quiz_start", args=[setup.run.pk, setup.activity.pk])).status_code
        == 404
    )
    assert AttemptAnswer.objects.get(attempt=attempt, position=3).response is None
    assert Attempt.objects.get(pk=attempt.pk).state == "in_progress"


def test_anonymous_visitors_are_sent_to_login_and_the_api_refuses_them(client, setup):
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    page = client.get(reverse("quiz_attempt", args=[attempt.pk]))
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))
    assert _save(client, attempt, 1, None).status_code == 401


@pytest.fixture
def essay_submitted(setup):
    essay = question_make(setup.category, QuestionKind.ESSAY, mark="2")
    services.quiz_slot_add(quiz=setup.quiz, question=essay)
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    services.attempt_answer_save(
        user=setup.official, attempt_id=attempt.pk, position=6, response={"text": "Mi ensayo"}
    )
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    return AttemptAnswer.objects.get(attempt=attempt, position=6)


def test_a_tutor_of_another_run_cannot_grade_an_essay_or_set_an_override(
    client, setup, essay_submitted
):
    outsider = quiz_course().tutor
    client.force_login(outsider)
    grade_url = reverse("tutor_attempt_answer_grade", args=[essay_submitted.pk])
    assert client.get(grade_url).status_code == 404
    assert client.post(grade_url, {"points": "2", "comment": "x"}).status_code == 404
    quizzes_url = reverse("tutor_enrolment_quizzes", args=[setup.enrolment.pk])
    assert client.get(quizzes_url).status_code == 404
    prefix = f"quiz{setup.quiz.pk}"
    override = {f"{prefix}-quiz": setup.quiz.pk, f"{prefix}-attempts_allowed": 9,
                f"{prefix}-reason": "No"}  # fmt: skip
    assert client.post(quizzes_url, override).status_code == 404
    essay_submitted.refresh_from_db()
    assert essay_submitted.fraction is None and not setup.quiz.overrides.exists()
    client.force_login(setup.official)  # nor can the learner
    assert client.get(grade_url).status_code == 404
    assert client.get(quizzes_url).status_code == 404


def test_the_tutor_grades_the_essay_and_sets_an_override_from_the_learners_quiz_page(
    client, setup, essay_submitted
):
    client.force_login(setup.tutor)
    quizzes_url = reverse("tutor_enrolment_quizzes", args=[setup.enrolment.pk])
    page = client.get(quizzes_url)
    grade_url = reverse("tutor_attempt_answer_grade", args=[essay_submitted.pk])
    assert page.status_code == 200 and grade_url in page.text

    form = client.get(grade_url)
    assert "Mi ensayo" in form.text
    too_much = client.post(grade_url, {"points": "3", "comment": ""})
    assert too_much.status_code == 200 and too_much.context["form"].errors
    graded = client.post(grade_url, {"points": "1,5", "comment": "Buen análisis"})
    assert graded.status_code == 302 and graded["Location"] == quizzes_url
    essay_submitted.refresh_from_db()
    assert essay_submitted.fraction == Decimal("0.75")
    assert essay_submitted.attempt.state == Attempt.State.FINISHED

    prefix = f"quiz{setup.quiz.pk}"
    saved = client.post(
        quizzes_url,
        {
            f"{prefix}-quiz": setup.quiz.pk,
            f"{prefix}-attempts_allowed": "3",
            f"{prefix}-extra_minutes": "",
            f"{prefix}-closes_at": "2026-12-01T18:00",
            f"{prefix}-reason": "Se fue la conexión",
        },
    )
    assert saved.status_code == 302
    override = setup.quiz.overrides.get()
    assert override.attempts_allowed == 3 and override.closes_at.hour == 23  # 18:00 Bogotá
    refused = client.post(quizzes_url, {f"{prefix}-quiz": setup.quiz.pk, f"{prefix}-reason": ""})
    assert refused.status_code == 200


# --- Queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 40])
def test_the_attempt_page_queries_do_not_grow_with_its_questions(
    client, django_assert_max_num_queries, count
):
    setup = quiz_course()
    for _ in range(count):
        services.quiz_slot_add(quiz=setup.quiz, question=QuestionFactory(category=setup.category))
    attempt = services.attempt_start(user=setup.official, quiz=setup.quiz)
    client.force_login(setup.official)
    url = reverse("quiz_attempt", args=[attempt.pk])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.context["page"].total == count
    services.attempt_submit(user=setup.official, attempt_id=attempt.pk)
    with django_assert_max_num_queries(7):
        review = client.get(reverse("quiz_review", args=[attempt.pk]))
    assert len(review.context["review"].items) == count

"""Journey 2 in a real browser: an official takes a quiz, through a reload and a lost connection."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import AttemptAnswer, QuestionKind
from assessments.services import quizzes as quiz_services
from courses.models import LedgerEntry
from tests.assessments.factories import QuestionFactory, question_make, quiz_course
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"\d{1,2}:\d{2}")  # "Saved at 10:42", in whatever language


@pytest.fixture
def quiz():
    setup = quiz_course(time_limit_seconds=1800)
    course = setup.run.course
    course.required_seconds = 3600  # the quiz's hour
    course.save()
    questions = [
        QuestionFactory(category=setup.category),
        question_make(setup.category, QuestionKind.SHORT_ANSWER, [("Política", "1")]),
        question_make(
            setup.category,
            QuestionKind.NUMERICAL,
            [{"text": "3.5", "fraction": "1", "tolerance": "0.01"}],
        ),
    ]
    for question in questions:
        quiz_services.quiz_slot_add(quiz=setup.quiz, question=question)
    return setup


def _log_in(page, user):
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()


def _response(position: int):
    return AttemptAnswer.objects.get(position=position).response


def test_official_takes_a_quiz_through_a_reload_and_a_dropped_connection(browser_page, quiz):
    page = browser_page
    base = page.live_server_url
    _log_in(page, quiz.official)
    page.goto(base + reverse("activity", args=[quiz.run.pk, quiz.activity.pk]))
    expect(page.get_by_role("heading", name="Cuestionario de transparencia")).to_be_visible()
    page.locator("#quiz-start").click()

    expect(page.locator("#quiz-clock")).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    # Each answer is saved as it is given.
    page.get_by_label("El presupuesto").check()
    expect(page.locator("#question-1 [data-status]")).to_have_text(SAVED)
    page.locator("#q2").fill("politica")
    page.locator("#q2").press("Tab")
    expect(page.locator("#question-2 [data-status]")).to_have_text(SAVED)
    assert _response(2) == {"text": "politica"}

    # The connection drops while answering: the page says so and retries.
    page.context.set_offline(True)
    page.locator("#q3").fill("3,5")
    page.locator("#q3").press("Tab")
    retrying = page.locator("#quiz-form").get_attribute("data-text-retrying")
    expect(page.locator("#question-3 [data-status]")).to_have_text(retrying)
    expect(page.locator("#quiz-save-status")).to_have_text(retrying)
    assert _response(3) is None
    page.context.set_offline(False)
    expect(page.locator("#question-3 [data-status]")).to_have_text(SAVED, timeout=10_000)
    assert _response(3) == {"text": "3,5"}

    # A reload shows every saved answer.
    page.reload()
    expect(page.get_by_label("El presupuesto")).to_be_checked()
    expect(page.locator("#q2")).to_have_value("politica")
    expect(page.locator("#q3")).to_have_value("3,5")

    page.locator("#quiz-finish").click()
    page.locator("#quiz-submit").click()
    expect(page.locator("#quiz-attempt-grade")).to_have_text("10,0 / 10")

    page.goto(base + reverse("activity", args=[quiz.run.pk, quiz.activity.pk]))
    expect(page.get_by_text("Completada")).to_be_visible()
    expect(page.locator("#quiz-grade")).to_contain_text("10,0 / 10")
    assert LedgerEntry.objects.get(enrolment=quiz.enrolment).seconds == 3600


def test_the_countdown_submits_the_answers_on_the_page_when_time_is_up(browser_page, quiz):
    quiz.quiz.time_limit_seconds = 4
    quiz.quiz.save()
    page = browser_page
    base = page.live_server_url
    _log_in(page, quiz.official)
    page.goto(base + reverse("activity", args=[quiz.run.pk, quiz.activity.pk]))
    page.locator("#quiz-start").click()
    page.locator("#q2").fill("Política")  # autosaved, or carried by the final post
    expect(page).to_have_url(re.compile(r"/review/$"), timeout=10_000)
    attempt = quiz.enrolment.attempts.get()
    assert attempt.state == "finished"
    assert attempt.answers.get(position=2).response == {"text": "Política"}
    assert attempt.fraction == Decimal("0.3333333")

"""WCAG 2.2 AA (issue 8): axe-core finds nothing serious or critical on any main page of
any role, at a desktop width and at a phone's 360 px, where no page scrolls sideways."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import AttemptAnswer
from assessments.services import quizzes as quiz_services
from courses.models import CompletionRule
from tests.assessments.factories import QuestionFactory, quiz_course
from tests.factories import PASSWORD, ActivityFactory, PageFactory

# The tour (conftest.py) makes its data and removes it; the marker sets the test database up.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BLOCKING = {"serious", "critical"}
PHONE_WIDTH = 360


def _problems(visits, attribute: str) -> list[str]:
    return [
        f"{visit.label}: [{violation['impact']}] {violation['id']} ({violation['help']})\n"
        f"      {node['target']}: {node['html']}"
        for visit in visits
        for violation in getattr(visit, attribute)
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def test_the_tour_opened_every_main_page_of_every_role(main_page_tour):
    visits = main_page_tour.visits
    assert {v.role for v in visits} == {
        "anonymous", "official", "coordinator", "tutor", "manager", "administrator"
    }  # fmt: skip
    assert len(visits) >= 55
    wrong = [
        f"{v.label}: {v.status} at {v.final_url}"
        for v in visits
        if v.status != v.expected_status
        or not v.final_url.split("#")[0].endswith(v.path.split("#")[0])
    ]
    assert not wrong, "pages not shown as expected: " + "; ".join(wrong)


def test_axe_finds_nothing_serious_on_any_main_page(main_page_tour):
    problems = _problems(main_page_tour.visits, "violations")
    assert not problems, "axe-core (WCAG 2.2 AA):\n" + "\n".join(problems)


def test_axe_finds_nothing_serious_at_a_phone_width(main_page_tour):
    problems = _problems(main_page_tour.visits, "phone_violations")
    assert not problems, f"axe-core at {PHONE_WIDTH} px:\n" + "\n".join(problems)


def test_no_main_page_scrolls_sideways_at_360_px(main_page_tour):
    # WCAG 1.4.10 Reflow; one pixel for rounding.
    wide = [
        f"{v.label}: {v.phone_width} px"
        for v in main_page_tour.visits
        if v.phone_width > PHONE_WIDTH + 1
    ]
    assert not wide, "wider than the screen: " + "; ".join(wide)


# --- What axe cannot see: the keyboard, reading without JavaScript, announcements ---

FOCUS_STYLE = """el => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); }"""


@pytest.fixture
def studying(settings):
    """An official with a page (with a table) to mark as done and a 5-minute quiz."""
    settings.HEARTBEAT_INTERVAL_SECONDS = 1
    setup = quiz_course(time_limit_seconds=303)
    quiz_services.quiz_slot_add(quiz=setup.quiz, question=QuestionFactory(category=setup.category))
    module = setup.activity.module
    reading = ActivityFactory(
        module=module,
        position=2,
        title="Transparencia activa",
        nominal_seconds=3600,
        min_active_seconds=1,
        completion_rule=CompletionRule.MARKED_DONE,
        page=PageFactory(
            html="<p>Qué publicar y cómo.</p><table><thead><tr><th>Dato</th><th>Dónde</th>"
            "</tr></thead><tbody><tr><td>Presupuesto</td><td>Portal</td></tr></tbody></table>"
        ),
    )
    setup.reading = reading
    return setup


def _log_in_with_the_keyboard(page, user) -> None:
    page.goto(f"{page.live_server_url}/login/")
    expect(page.get_by_label("Correo electrónico")).to_be_focused()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()


def _tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.mark.django_db(transaction=True)
def test_the_skip_link_every_focus_stop_and_the_progress_bar_are_perceivable(
    browser_page, studying
):
    page = browser_page
    _log_in_with_the_keyboard(page, studying.official)
    outline = f"{page.live_server_url}/runs/{studying.run.pk}/"
    page.goto(outline)

    # Every stop from the top of the page to its end shows where the focus is.
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", focused) or (
            stops and page.evaluate("([a, b]) => a === b", [focused, stops[0][0]])
        ):
            break
        stops.append((focused, page.evaluate(FOCUS_STYLE, focused)))
        assert page.evaluate(
            "el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 }",
            focused,
        ), page.evaluate("el => el.outerHTML.slice(0, 120)", focused)
    assert len(stops) >= 12  # skip link, header, language, log out, the outline's links
    page.evaluate("document.activeElement.blur()")
    invisible = [
        page.evaluate("el => el.outerHTML.slice(0, 120)", element)
        for element, focused_style in stops
        if page.evaluate(FOCUS_STYLE, element) == focused_style
    ]
    assert not invisible, "no visible focus on: " + "; ".join(invisible)

    # The first stop is the skip link: on the screen, and it moves the focus to the content.
    page.goto(outline)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("main .breadcrumb a")).to_be_focused()

    # The progress bar is named by what it measures (the hours), here and on the dashboard.
    hours = re.compile(r"de [\d,]+ horas")
    expect(page.get_by_role("progressbar")).to_have_accessible_name(hours)
    page.goto(f"{page.live_server_url}/my/courses/")
    expect(page.get_by_role("progressbar")).to_have_accessible_name(hours)


@pytest.mark.django_db(transaction=True)
def test_an_official_marks_an_activity_done_with_the_keyboard_alone(browser_page, studying):
    page = browser_page
    _log_in_with_the_keyboard(page, studying.official)
    page.goto(f"{page.live_server_url}/runs/{studying.run.pk}/activities/{studying.reading.pk}/")
    expect(page.locator("#done-hint")).to_have_text(
        "Ya puede marcar esta actividad como hecha.", timeout=20_000
    )
    _tab_to(page, "#mark-done")
    page.keyboard.press("Enter")
    expect(page.locator("#completion-status")).to_contain_text("Completada")
    assert studying.enrolment.progress.get(activity=studying.reading).completed_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_quiz_answer_is_saved_and_the_time_left_announced_with_the_keyboard(
    browser_page, studying
):
    page = browser_page
    _log_in_with_the_keyboard(page, studying.official)
    page.goto(f"{page.live_server_url}/runs/{studying.run.pk}/activities/{studying.activity.pk}/")
    _tab_to(page, "#quiz-start")
    page.keyboard.press("Enter")

    # The countdown is a timer (not read out every second); its warnings are.
    expect(page.locator("#quiz-clock")).to_have_attribute("role", "timer")
    alert = page.locator("#quiz-timer-alert")
    expect(alert).to_have_attribute("aria-live", "assertive")
    # In the accessibility tree before it speaks, or the first warning may go unread.
    assert alert.evaluate("el => getComputedStyle(el).display") != "none"
    expect(alert).to_have_text("Quedan cinco minutos.", timeout=15_000)

    _tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")  # the first answer: "El presupuesto"
    expect(page.get_by_label("El presupuesto")).to_be_checked()
    status = page.locator("#quiz-save-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(r"^Guardado a las \d{1,2}:\d{2}$"))
    answer = AttemptAnswer.objects.get(attempt__enrolment=studying.enrolment, position=1)
    assert answer.response is not None


@pytest.mark.django_db(transaction=True)
def test_reading_works_without_javascript(browser, live_server, studying):
    context = browser.new_context(java_script_enabled=False, locale="es-ES")
    context.set_extra_http_headers({"Accept-Language": "es"})
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Correo electrónico").fill(studying.official.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()

    page.goto(f"{live_server.url}/runs/{studying.run.pk}/")
    expect(page.get_by_role("heading", name="1. Transparencia")).to_be_visible()
    page.get_by_role("link", name="Transparencia activa").click()
    expect(page.get_by_role("heading", name="Transparencia activa")).to_be_visible()
    expect(page.locator(".content")).to_contain_text("Qué publicar y cómo.")
    expect(page.get_by_role("region", name="Tabla")).to_contain_text("Presupuesto")
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_has_a_summary_that_links_to_each_field(browser_page, studying):
    page = browser_page
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_role("button", name="Entrar").click()  # nothing typed

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # read out first, at the top of the form
    expect(summary).to_have_attribute("role", "alert")
    links = summary.get_by_role("link")
    assert links.count() == 2
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        field = page.locator(target)
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator("#" + field.get_attribute("aria-describedby"))
        expect(error).to_be_visible()
        links.nth(index).click()
        expect(field).to_be_focused()

"""Journey 2 in a real browser: an official studies an activity and watches the hours grow."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CompletionRule, LedgerEntry
from tests.factories import PASSWORD
from tests.frontend.conftest import build_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enrolment(settings):
    settings.HEARTBEAT_INTERVAL_SECONDS = 1
    enrolment = build_run(modules=2, activities_per_module=2)
    first = enrolment.course_run.course.modules.get(position=1).activities.get(position=1)
    first.title = "La estrategia digital del municipio"
    first.min_active_seconds = 3  # a few heartbeats, so the test stays fast
    first.completion_rule = CompletionRule.MARKED_DONE
    first.save()
    course = enrolment.course_run.course
    course.required_seconds = 4 * 3600  # the four 1-hour activities of build_run
    course.save()
    return enrolment


def test_official_completes_an_activity_and_sees_progress(browser_page, enrolment):
    page = browser_page
    base = page.live_server_url
    user = enrolment.user

    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()

    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()
    progress = page.locator("progress").first
    expect(progress).to_have_attribute("value", "0")
    page.get_by_role("link", name="Empezar").click()

    expect(page.get_by_role("heading", name=enrolment.course_run.course.title)).to_be_visible()
    page.get_by_role("link", name="La estrategia digital del municipio").click()
    expect(page.get_by_role("heading", name="La estrategia digital del municipio")).to_be_visible()

    # Heartbeats every second: after the minimum time the page says so.
    expect(page.locator("#done-hint")).to_have_text(
        "Ya puede marcar esta actividad como hecha.", timeout=20_000
    )
    expect(page.locator("#active-time")).to_have_text("1 minuto")  # as the server words it
    page.get_by_role("button", name="Marcar como hecha").click()
    expect(page.get_by_text("Completada")).to_be_visible()

    page.get_by_role("link", name="Mis cursos").first.click()
    expect(page.get_by_text("1,0 de 4,0 horas")).to_be_visible()
    expect(page.locator("progress").first).to_have_attribute("value", "25")

    page.get_by_role("link", name="Mis horas").click()
    expect(page.get_by_role("heading", name="Mis horas")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Actividad completada: La estrategia digital del municipio")
    ).to_be_visible()

    entry = LedgerEntry.objects.get(enrolment=enrolment)
    assert entry.seconds == 3600
    enrolment.refresh_from_db()
    assert enrolment.active_seconds >= 3


def test_the_seconds_since_the_last_beat_are_kept_when_the_official_leaves(
    browser_page, enrolment, settings
):
    """Following a link away sends what the page measured since its last heartbeat."""
    settings.HEARTBEAT_INTERVAL_SECONDS = 600  # no regular beat: only leaving can send
    page = browser_page
    activity = enrolment.course_run.course.modules.get(position=1).activities.get(position=1)
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_label("Correo electrónico").fill(enrolment.user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.goto(f"{page.live_server_url}/runs/{enrolment.course_run_id}/activities/{activity.pk}/")
    for _ in range(4):  # four seconds of reading, moving the mouse now and then
        page.mouse.move(100, 200)
        page.wait_for_timeout(1000)
    page.get_by_role("link", name="Mis cursos").first.click()
    expect(page.get_by_role("heading", name="Mis cursos")).to_be_visible()
    progress = enrolment.progress.get(activity=activity)
    assert progress.active_seconds >= 3

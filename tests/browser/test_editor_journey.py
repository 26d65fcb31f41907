"""A programme manager builds a course in a real browser, with the keyboard where it matters:
reorders an activity, adds a page, sees the hours warning, and previews as a learner."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from courses.models import Activity
from tests.factories import (
    PASSWORD,
    ActivityFactory,
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "editor"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def scene():
    from programs.models import Role

    run = CourseRunFactory(course__title="Gobierno Electrónico Municipal")
    first = ModuleFactory(course=run.course, position=1, title="Estrategia digital")
    ModuleFactory(course=run.course, position=2, title="Transparencia")
    ActivityFactory(module=first, position=1, title="Qué es", nominal_seconds=50 * 3600)
    ActivityFactory(module=first, position=2, title="Casos", nominal_seconds=48 * 3600)
    manager = UserFactory(full_name="Laura Restrepo")
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    return {"course": run.course, "manager": manager}


def log_in(page, user) -> None:
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()


def test_a_manager_reorders_adds_and_previews_with_the_keyboard(browser_page, scene):
    page = browser_page
    course = scene["course"]
    log_in(page, scene["manager"])
    page.goto(f"{page.live_server_url}/edit/courses/{course.pk}/")
    expect(page.locator("#hours-summary")).to_contain_text("98")
    shot(page, "01-editor")

    # Move "Qué es" down with the keyboard only.
    first = Activity.objects.get(title="Qué es")
    down = page.locator(f"#activity-{first.pk} input[value=down] + button")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".activity-list li").first).to_contain_text("Casos")
    assert Activity.objects.get(title="Qué es").position == 2

    # Add a 2-hour page to the second module: the warning goes away.
    second = page.locator("section.module").nth(1)
    second.locator("select[name=kind]").select_option("page")
    second.locator("form.editor-add button").click()
    page.locator("#id_title").fill("Datos abiertos")
    page.locator("#id_hours").fill("2")
    page.locator("#id_page_source").fill("Publicar **datos**.")
    shot(page, "01b-new-page-form")
    page.locator("form.card button[type=submit]").click()
    expect(page.locator("#hours-summary .ok")).to_be_visible()
    expect(page.locator("#hours-summary .notice")).to_have_count(0)
    shot(page, "02-after-adding")
    page.set_viewport_size({"width": 360, "height": 780})
    shot(page, "02b-editor-at-360px")
    page.set_viewport_size({"width": 1280, "height": 720})

    # Preview the new page as a learner.
    added = Activity.objects.get(title="Datos abiertos")
    page.goto(f"{page.live_server_url}/edit/courses/{course.pk}/preview/{added.pk}/")
    expect(page.locator(".content strong")).to_have_text("datos")
    expect(page.locator("#heartbeat")).to_have_count(0)
    shot(page, "03-preview")

    # Removing asks first.
    page.goto(f"{page.live_server_url}/edit/courses/{course.pk}/")
    page.locator(f"#activity-{added.pk} a[href$='/remove/']").click()
    expect(page.locator("form.card button[type=submit]")).to_be_visible()
    shot(page, "04-remove-confirmation")
    page.locator("form.card button[type=submit]").click()
    expect(page.locator(f"#activity-{added.pk}")).to_have_count(0)
    assert not Activity.objects.filter(pk=added.pk).exists()

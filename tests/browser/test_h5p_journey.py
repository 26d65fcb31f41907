"""An official plays a real H5P question in the sandboxed player; the score and completion land."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessments.models import Grade
from content import services as content_services
from courses.models import ActivityProgress, ActivityResult, CompletionRule
from tests.factories import PASSWORD, H5PActivityFactory
from tests.frontend.conftest import build_run

pytestmark = [pytest.mark.browser, pytest.mark.fixtures, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def h5p_activity(settings, tmp_path, fixtures_dir):
    settings.MEDIA_ROOT = tmp_path
    enrolment = build_run(modules=1, activities_per_module=1)
    content = content_services.h5p_package_import(
        package=fixtures_dir / "h5p" / "h5p-truefalse-lumi.h5p"
    )
    activity = H5PActivityFactory(
        module=enrolment.course_run.course.modules.get(),
        position=2,
        title="Oslo, ¿capital de Noruega?",
        h5p=content,
        completion_rule=CompletionRule.PASSED,
    )
    return enrolment, activity


def test_official_answers_a_true_false_question_and_passes(browser_page, h5p_activity):
    enrolment, activity = h5p_activity
    page = browser_page
    base = page.live_server_url
    console = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{base}/login/")
    page.get_by_label("Correo electrónico").fill(enrolment.user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.goto(f"{base}/runs/{enrolment.course_run_id}/activities/{activity.pk}/")
    expect(page.get_by_role("heading", name="Oslo, ¿capital de Noruega?")).to_be_visible()
    expect(page.locator("#h5p-status")).to_contain_text("Se aprueba con el 70 %")

    # The H5P player draws the question inside our sandboxed frame.
    player = page.frame_locator("#h5p-frame")
    player.get_by_text("Oslo is the capital of Norway.").wait_for(timeout=30_000)
    player.get_by_role("radio", name="Yes").click()
    player.get_by_role("button", name="Check").click()

    expect(page.locator("#h5p-status")).to_contain_text("Su mejor resultado: 100 %", timeout=30_000)
    expect(page.locator("#completion-status")).to_contain_text("Completada")

    result = ActivityResult.objects.get(activity=activity)
    assert result.scaled == Decimal("1")
    assert result.verb == "http://adlnet.gov/expapi/verbs/answered"
    assert result.statement["actor"]["account"]["name"] == str(enrolment.user.pk)
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=activity)
    assert progress.completed_at is not None and progress.best_scaled == Decimal("1")
    assert Grade.objects.get(enrolment=enrolment, item__activity=activity).final_fraction == 1
    # The sandbox held: no policy violation or script error reached the console.
    assert not [line for line in console if re.search(r"Content.Security.Policy|Uncaught", line)]


def test_a_multiple_choice_package_plays_too(browser_page, settings, tmp_path, fixtures_dir):
    """MultiChoice compiles templates with eval: the player's policy must allow it."""
    settings.MEDIA_ROOT = tmp_path
    enrolment = build_run(modules=1, activities_per_module=1)
    content = content_services.h5p_package_import(
        package=fixtures_dir / "h5p" / "h5p-multichoice-lumi.h5p"
    )
    activity = H5PActivityFactory(
        module=enrolment.course_run.course.modules.get(), position=2, h5p=content
    )
    page = browser_page
    base = page.live_server_url
    page.goto(f"{base}/login/")
    page.get_by_label("Correo electrónico").fill(enrolment.user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.goto(f"{base}/runs/{enrolment.course_run_id}/activities/{activity.pk}/")

    player = page.frame_locator("#h5p-frame")
    player.get_by_text("What color does the blackcurrant berry actually have?").wait_for(
        timeout=30_000
    )
    player.get_by_text("Very dark purple").click()
    player.get_by_role("button", name="Check").click()
    expect(page.locator("#h5p-status")).to_contain_text("Su mejor resultado: 100 %", timeout=30_000)
    assert ActivityResult.objects.get(activity=activity).scaled == Decimal("1")

"""Journey 3 in a real browser: a team's final project is submitted, graded with the rubric
in the SpeedGrader, released, and seen by the official with the tutor's feedback."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Grade
from assessments.services import assignments as services
from courses.models import ActivityProgress, CompletionRule
from tests.assessments.factories import PDF_BYTES, assignment_in, rubric_for, team_in_run, tutor_of
from tests.factories import PASSWORD, CourseRunFactory, MunicipalityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "grading"


@pytest.fixture
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(page, name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return shot


@pytest.fixture
def scene():
    run = CourseRunFactory(title="Cohorte Andina 2026")
    municipality, (official, colleague) = team_in_run(
        run, size=2, municipality=MunicipalityFactory(programme=run.programme, name="San Isidro")
    )
    _other, (neighbour,) = team_in_run(
        run, size=1, municipality=MunicipalityFactory(programme=run.programme, name="El Rosal")
    )
    project = assignment_in(
        run,
        title="Proyecto final: estrategia de gobierno electrónico",
        team_submission=True,
        accepts_files=True,
        allowed_extensions=["pdf", "docx"],
        completion_rule=CompletionRule.GRADED,
        due_at=timezone.now() + datetime.timedelta(days=7),
        rubric=rubric_for(run.course),  # 20 + 30 points
    )
    # Another team submitted earlier: it is first in the queue.
    services.submission_create(
        user=neighbour.user,
        assignment=project,
        text="Estrategia de El Rosal",
        now=timezone.now() - datetime.timedelta(days=1),
    )
    return {
        "run": run,
        "municipality": municipality,
        "official": official,
        "colleague": colleague,
        "project": project,
        "tutor": tutor_of(run, full_name="Tutora Ana María Pérez"),
    }


def log_in(page, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()


def test_a_team_project_is_submitted_graded_with_the_rubric_and_released(
    browser_page, scene, shots
):
    page = browser_page
    base = page.live_server_url
    run, project, official = scene["run"], scene["project"], scene["official"]
    activity_url = f"{base}/runs/{run.pk}/activities/{project.activity_id}/"

    # 1. An official submits the team's final project, text and a PDF.
    log_in(page, official.user)
    page.goto(activity_url)
    expect(page.get_by_role("heading", name=project.activity.title)).to_be_visible()
    page.locator("#id_text").fill("Nuestra estrategia: ventanilla única y datos abiertos.")
    page.locator("#assignment-files").set_input_files(
        files=[{"name": "estrategia.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    shots(page, "01-official-fills-the-submission")
    page.locator("#assignment-form button[type=submit]").click()
    expect(page.get_by_role("link", name="estrategia.pdf")).to_be_visible()
    shots(page, "02-official-sees-the-team-submission")

    # 2. The tutor opens the queue from the run's page: oldest first.
    log_in(page, scene["tutor"])
    page.goto(f"{base}/tutor/runs/{run.pk}/")
    page.locator(f"a[href='/tutor/runs/{run.pk}/grading/']").click()
    rows = page.locator("#release-form tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("El Rosal")
    expect(rows.nth(1)).to_contain_text("San Isidro")
    shots(page, "03-tutor-queue")
    page.set_viewport_size({"width": 360, "height": 780})
    shots(page, "03b-tutor-queue-at-360px")
    page.set_viewport_size({"width": 1280, "height": 720})

    # 3. The SpeedGrader: Alt+→ / Alt+← move through the queue without a list;
    # single letters do nothing (WCAG 2.1.4).
    rows.nth(0).get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("El Rosal")
    expect(page.locator("#grading-shortcuts")).to_be_visible()
    page.keyboard.press("j")
    expect(page.locator("h1")).to_contain_text("El Rosal")
    page.keyboard.press("Alt+ArrowRight")
    expect(page.locator("h1")).to_contain_text("San Isidro")
    page.keyboard.press("Alt+ArrowLeft")
    expect(page.locator("h1")).to_contain_text("El Rosal")
    page.keyboard.press("Alt+ArrowRight")
    expect(page.locator("h1")).to_contain_text("San Isidro")
    expect(page.locator("#submission-text")).to_contain_text("ventanilla única")
    expect(page.get_by_role("link", name="estrategia.pdf")).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 780})
    shots(page, "03c-speedgrader-at-360px")
    page.set_viewport_size({"width": 1280, "height": 720})

    # 4. Click-to-score: the total follows the levels clicked.
    criteria = list(project.rubric.criteria.order_by("position"))
    level = {
        c.pk: {lv.position: lv.pk for lv in c.levels.all()} for c in criteria
    }  # {criterion: {position: level id}}
    page.locator(f"input[value='{level[criteria[0].pk][2]}']").check()
    expect(page.locator("#rubric-total")).to_have_text("10")
    page.locator(f"input[value='{level[criteria[1].pk][3]}']").check()
    expect(page.locator("#rubric-total")).to_have_text("40")
    page.locator("#id_feedback").fill("Buen diagnóstico; detallen el cronograma del plan.")
    shots(page, "04-tutor-scores-with-the-rubric")
    page.locator("#save-draft").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("#rubric-total")).to_have_text("40")
    assert not Grade.objects.exists()  # a draft: nothing in the gradebook yet
    shots(page, "05-tutor-saved-a-draft")

    # 5. Release: every member's gradebook grade, audited, shown on the page.
    page.locator("#grade-form button[value=release]").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("#gradebook table")).to_have_count(2)  # one per member
    shots(page, "06-tutor-released-with-the-audit")

    # 6. The official sees the grade and the feedback on the activity page.
    log_in(page, official.user)
    page.goto(activity_url)
    expect(page.locator("#assignment-grade")).to_contain_text("40")
    expect(page.locator("#assignment-feedback")).to_contain_text("detallen el cronograma")
    shots(page, "07-official-sees-grade-and-feedback")

    grades = Grade.objects.filter(item__activity=project.activity)
    assert {g.enrolment_id for g in grades} == {official.pk, scene["colleague"].pk}
    assert {g.final_fraction for g in grades} == {Decimal("0.8")}
    completed = ActivityProgress.objects.filter(
        activity=project.activity, completed_at__isnull=False
    )
    assert completed.count() == 2

"""The certification rule and its explanation: what is met and what is missing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.services import gradebook
from certification import rules, selectors
from courses import services
from courses.models import ActivityKind
from tests.assessments.factories import QuizFactory
from tests.factories import ActivityFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db

HOUR = 3600


def _figures(**changes):
    values = {
        "required_seconds": 100 * HOUR,
        "measured_share": Decimal("0.5"),
        "credited_seconds": 100 * HOUR,
        "active_seconds": 50 * HOUR,
        "gaps": [],
        "final_grade": Decimal("0.6"),
        "pass_grade": Decimal("0.6"),
    }
    return rules.Figures(**{**values, **changes})


def test_eligible_exactly_at_every_threshold():
    assert rules.eligible(_figures())


@pytest.mark.parametrize(
    "changes",
    [
        {"credited_seconds": 100 * HOUR - 1},
        {"active_seconds": 50 * HOUR - 1},
        {"gaps": [rules.Gap(4, "Eficiencia", "Trámites", "page", HOUR)]},
        {"final_grade": Decimal("0.5999")},
        {"final_grade": None},
    ],
)
def test_one_unmet_requirement_is_enough_to_refuse(changes):
    assert not rules.eligible(_figures(**changes))


def test_measured_time_rounds_up_so_no_second_is_forgiven():
    figures = _figures(required_seconds=3, measured_share=Decimal("0.5"))
    assert rules.measured_seconds_required(figures) == 2


def test_gaps_are_summed_per_module_in_order():
    gaps = [
        rules.Gap(4, "Eficiencia", "A", "page", 2 * HOUR),
        rules.Gap(2, "Estrategia", "B", "quiz", HOUR),
        rules.Gap(4, "Eficiencia", "C", "page", 10 * HOUR),
    ]
    grouped = rules.gaps_by_module(gaps)
    assert [(position, missing) for position, _title, missing, _gaps in grouped] == [
        (2, HOUR),
        (4, 12 * HOUR),
    ]


@pytest.fixture
def course_with_quiz(run):
    module = ModuleFactory(course=run.course, position=4, title="Eficiencia")
    quiz_activity = ActivityFactory(
        module=module,
        position=1,
        title="Cuestionario del módulo 4",
        kind=ActivityKind.QUIZ,
        page=None,
        completion_rule="passed",
        nominal_seconds=HOUR // 2,
    )
    QuizFactory(activity=quiz_activity)
    return quiz_activity


def test_the_explanation_names_what_is_missing(enrolment, course_with_quiz, activities):
    eligibility = selectors.eligibility_of(enrolment)

    assert not eligibility.eligible
    assert not eligibility.hours_met and eligibility.missing_credited_seconds == 100 * HOUR
    assert [gap.title for gap in eligibility.graded_gaps] == ["Cuestionario del módulo 4"]
    assert [(position, missing) for position, _t, missing, _g in eligibility.module_gaps] == [
        (1, 3 * HOUR),
        (2, 3 * HOUR),
        (4, HOUR // 2),
    ]
    assert eligibility.final_on_scale is None


def test_an_official_who_met_everything_is_eligible(enrolment, course_with_quiz, activities):
    course = enrolment.course_run.course
    course.required_seconds = 6 * HOUR + HOUR // 2
    course.save()
    for activity in activities:
        services.activity_complete_by_result(
            enrolment_id=enrolment.pk, activity_id=activity.pk, source=activity.completion_rule
        )
    item = gradebook.grade_item_ensure(activity=course_with_quiz)
    gradebook.grade_record(item=item, enrolment=enrolment, fraction=Decimal("0.8"), release=True)
    enrolment.refresh_from_db()
    enrolment.active_seconds = 4 * HOUR
    enrolment.save()

    eligibility = selectors.eligibility_of(enrolment)
    assert eligibility.activities_met and eligibility.grade_met and eligibility.measured_time_met
    assert eligibility.hours_met, eligibility.figures
    assert eligibility.eligible


def test_the_official_and_the_tutor_see_it_in_spanish(client, enrolment, course_with_quiz, run):
    client.force_login(enrolment.user)
    html = client.get(reverse("my_hours", args=[run.pk])).content.decode()

    assert "Certificado: lo que ya cumple y lo que falta" in html
    assert "Módulo 4: faltan 0,5 h (1 actividad obligatoria)." in html
    assert "El cuestionario “Cuestionario del módulo 4” aún no está aprobado." in html
    assert "Horas acreditadas: 0,0 de 100,0 h. Faltan 100,0 h." in " ".join(html.split())
    tutor = UserFactory()
    run.tutors.add(tutor)
    client.force_login(tutor)
    page = client.get(reverse("tutor_enrolment", args=[enrolment.pk])).content.decode()
    assert "El cuestionario “Cuestionario del módulo 4” aún no está aprobado." in page

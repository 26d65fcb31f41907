"""The course editor's verbs: add, change, reorder and remove modules and activities."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from content.models import Page, Video
from courses import editing, selectors, services
from courses.models import Activity, ActivityKind, ActivityProgress, CompletionRule, Module
from tests.factories import ActivityFactory, CourseFactory, ModuleFactory

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nBienvenidos al m\xc3\xb3dulo.\n"


@pytest.fixture
def course():
    return CourseFactory()


@pytest.fixture
def module(course):
    return editing.module_create(course=course, title="Estrategia")


def positions(queryset):
    return list(queryset.order_by("position").values_list("title", "position"))


def live_activity_positions(module):
    return positions(Activity.objects.filter(module=module, archived_at__isnull=True))


def page(module, title, hours="1"):
    return editing.activity_create(
        module=module,
        kind=ActivityKind.PAGE,
        title=title,
        hours=hours,
        page_source="La **transparencia**",
    )


# --- Modules --------------------------------------------------------------------------


def test_modules_are_added_at_the_end_and_objectives_cleaned(course):
    first = editing.module_create(course=course, title=" Estrategia ")
    second = editing.module_create(
        course=course, title="Transparencia", objectives="Publicar datos\n\n  Rendir cuentas \n"
    )
    assert (first.position, second.position) == (1, 2)
    assert first.title == "Estrategia"
    assert second.objectives == "Publicar datos\nRendir cuentas"
    with pytest.raises(ValidationError, match="needs a title"):
        editing.module_create(course=course, title="  ")


def test_modules_move_up_and_down_and_stay_contiguous(course):
    a, _b, c = (editing.module_create(course=course, title=t) for t in "ABC")
    editing.module_move(module=c, direction=editing.UP)
    assert positions(Module.objects.filter(course=course)) == [("A", 1), ("C", 2), ("B", 3)]
    editing.module_move(module=a, direction=editing.UP)  # already first: nothing moves
    editing.module_move(module=a, direction=editing.DOWN)
    assert positions(Module.objects.filter(course=course)) == [("C", 1), ("A", 2), ("B", 3)]


def test_module_without_results_is_deleted_with_its_content(course, module):
    activity = page(module, "Lectura")
    other = editing.module_create(course=course, title="Otro")
    removal = editing.module_remove(module=module)
    assert removal == editing.Removal(archived=False, learners=0)
    assert not Module.objects.filter(pk=module.pk).exists()
    assert not Page.objects.filter(pk=activity.page_id).exists()
    other.refresh_from_db()
    assert other.position == 1


def test_module_with_results_is_archived_with_its_activities(enrolment, run):
    module = Module.objects.get(course=run.course, position=1)
    services.activity_view_record(
        user=enrolment.user, course_run_id=run.pk, activity_id=module.activities.first().pk
    )
    removal = editing.module_remove(module=module)
    assert removal == editing.Removal(archived=True, learners=1)
    module.refresh_from_db()
    assert module.archived_at is not None
    assert all(a.archived_at is not None for a in module.activities.all())
    assert ActivityProgress.objects.filter(enrolment=enrolment).count() == 1
    remaining = Module.objects.get(course=run.course, archived_at__isnull=True)
    assert remaining.position == 1
    # A new module takes the next free live position, beside the archived one.
    assert editing.module_create(course=run.course, title="Nuevo").position == 2


# --- Activities -------------------------------------------------------------------------


def test_page_activity_with_quarter_hours(module):
    activity = page(module, "Qué es", hours="1.25")
    assert activity.nominal_seconds == 4500
    assert activity.page.html == "<p>La <strong>transparencia</strong></p>"
    assert activity.completion_rule == CompletionRule.MARKED_DONE
    for bad in ("1.1", "0", "-1", "101", "abc"):
        with pytest.raises(ValidationError):
            page(module, "Mal", hours=bad)


def test_completion_rule_must_suit_the_kind(module):
    with pytest.raises(ValidationError, match="cannot complete"):
        editing.activity_create(
            module=module,
            kind=ActivityKind.PAGE,
            title="Lectura",
            hours=1,
            completion_rule=CompletionRule.PASSED,
            page_source="Texto",
        )
    quiz = editing.activity_create(module=module, kind=ActivityKind.QUIZ, title="Test", hours=1)
    assert quiz.completion_rule == CompletionRule.PASSED
    assert quiz.page_id is None


def test_video_by_address_with_captions(module):
    captions = SimpleUploadedFile("es.vtt", VTT, content_type="text/vtt")
    activity = editing.activity_create(
        module=module,
        kind=ActivityKind.VIDEO,
        title="Entrevista",
        hours="0.5",
        video_url="https://videos.example/entrevista.mp4",
        captions=captions,
    )
    assert activity.video.captions.read().startswith(b"WEBVTT")
    # A new address keeps the captions; the old video row goes.
    old = activity.video_id
    editing.activity_update(
        activity=activity,
        title="Entrevista",
        hours="0.5",
        required=True,
        completion_rule=CompletionRule.VIEWED,
        video_url="https://videos.example/otra.mp4",
    )
    activity.refresh_from_db()
    assert activity.video.url.endswith("otra.mp4")
    assert activity.video.captions
    assert not Video.objects.filter(pk=old).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("es.srt", VTT, "WebVTT file"),
        ("es.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nHola\n", "must start with"),
        ("es.vtt", b"WEBVTT\n\nCaf\xe9", "UTF-8"),
        ("es.vtt", b"WEBVTT\n" + b"x" * (600 * 1024), "too large"),
    ],
)
def test_captions_are_validated(module, name, data, message):
    with pytest.raises(ValidationError, match=message):
        editing.activity_create(
            module=module,
            kind=ActivityKind.VIDEO,
            title="Entrevista",
            hours=1,
            video_url="https://videos.example/entrevista.mp4",
            captions=SimpleUploadedFile(name, data),
        )
    assert not Activity.objects.exists()


def test_update_changes_settings_and_page_text(module):
    activity = page(module, "Lectura")
    editing.activity_update(
        activity=activity,
        title="Lectura corregida",
        hours="2.5",
        required=False,
        completion_rule=CompletionRule.VIEWED,
        page_source="Nuevo *texto*",
    )
    activity.refresh_from_db()
    assert (activity.title, activity.nominal_seconds, activity.required) == (
        "Lectura corregida",
        9000,
        False,
    )
    assert activity.page.html == "<p>Nuevo <em>texto</em></p>"


def test_activities_move_within_and_across_modules(course, module):
    a, b, c = (page(module, t) for t in "ABC")
    editing.activity_move(activity=a, direction=editing.DOWN)
    assert live_activity_positions(module) == [("B", 1), ("A", 2), ("C", 3)]
    other = editing.module_create(course=course, title="Otro")
    page(other, "D")
    editing.activity_move_to_module(activity=b, module=other)
    assert live_activity_positions(module) == [("A", 1), ("C", 2)]
    assert live_activity_positions(other) == [("D", 1), ("B", 2)]
    with pytest.raises(ValidationError, match="same course"):
        editing.activity_move_to_module(activity=c, module=ModuleFactory())


def test_activity_without_results_is_deleted(module):
    _a, b, _c = (page(module, t) for t in "ABC")
    assert editing.activity_remove(activity=b) == editing.Removal(archived=False, learners=0)
    assert not Activity.objects.filter(pk=b.pk).exists()
    assert not Page.objects.filter(pk=b.page_id).exists()
    assert live_activity_positions(module) == [("A", 1), ("C", 2)]


def test_activity_with_results_is_archived_and_hidden(enrolment, run, activities):
    first, second, third = activities
    services.activity_view_record(user=enrolment.user, course_run_id=run.pk, activity_id=first.pk)
    removal = editing.activity_remove(activity=first)
    assert removal == editing.Removal(archived=True, learners=1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.archived_at is not None and second.position == 1
    assert ActivityProgress.objects.filter(activity=first).exists()
    outline = selectors.course_outline(enrolment)
    shown = [row.activity.pk for row in outline.activity_rows()]
    assert shown == [second.pk, third.pk]
    assert outline.nominal_seconds == 4 * 3600
    assert selectors.activity_for_enrolment(enrolment, first.pk) is None
    enrolments = selectors.enrolments_for_learner(enrolment.user)
    assert enrolments.get().course_nominal_seconds == 4 * 3600
    # The archived position is free again for a new activity.
    assert page(first.module, "Nueva").position == 2


def test_heartbeat_on_archived_activity_is_refused(enrolment, run, activities):
    from django.core.exceptions import PermissionDenied

    services.activity_view_record(
        user=enrolment.user, course_run_id=run.pk, activity_id=activities[0].pk
    )
    editing.activity_remove(activity=activities[0])
    with pytest.raises(PermissionDenied):
        services.study_time_record(
            user=enrolment.user, course_run_id=run.pk, activity_id=activities[0].pk, seconds=30
        )


def test_hours_summary(course, module):
    page(module, "A", hours="60")
    other = editing.module_create(course=course, title="Otro")
    page(other, "B", hours="38.5")
    archived = ActivityFactory(module=other, position=9, nominal_seconds=3600)
    Activity.objects.filter(pk=archived.pk).update(archived_at="2026-05-01T00:00:00Z")
    summary = selectors.course_hours_summary(course)
    assert summary.total_seconds == int(Decimal("98.5") * 3600)
    assert summary.by_module == {module.pk: 60 * 3600, other.pk: int(38.5 * 3600)}
    assert summary.differs
    page(other, "C", hours="1.5")
    assert not selectors.course_hours_summary(course).differs


def test_quiz_with_an_attempt_but_no_progress_is_archived(enrolment, run):
    from assessments.models import Attempt
    from assessments.services.quizzes import quiz_create

    module = Module.objects.get(course=run.course, position=2)
    activity = editing.activity_create(module=module, kind=ActivityKind.QUIZ, title="T", hours=1)
    quiz = quiz_create(activity=activity)
    Attempt.objects.create(quiz=quiz, enrolment=enrolment, number=1)
    removal = editing.activity_remove(activity=activity)
    assert removal.archived
    activity.refresh_from_db()
    assert activity.archived_at is not None
    assert Attempt.objects.filter(quiz=quiz).exists()


def test_quiz_without_attempts_is_deleted_with_its_quiz(module):
    from assessments.models import Quiz
    from assessments.services.quizzes import quiz_create

    activity = editing.activity_create(module=module, kind=ActivityKind.QUIZ, title="T", hours=1)
    quiz_create(activity=activity)
    assert not editing.activity_remove(activity=activity).archived
    assert not Quiz.objects.exists()

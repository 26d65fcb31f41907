"""The course editor from the outside: who may use it, its pages in Spanish, the preview.

New interface strings are compared through the Spanish catalogue (`_es`), so
these tests hold before and after the translations are merged.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from assessments.models import Assignment, Quiz
from courses import editing, services
from courses.models import Activity, ActivityKind, ActivityProgress, DailyStudyTime, Module
from programs.models import Role
from tests.factories import (
    ActivityFactory,
    CourseFactory,
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _es(text: str) -> str:
    with translation.override("es"):
        return escape(translation.gettext(text))


@pytest.fixture
def run():
    course_run = CourseRunFactory(course__title="Gobierno Electrónico Municipal")
    first = ModuleFactory(course=course_run.course, position=1, title="Estrategia")
    second = ModuleFactory(course=course_run.course, position=2, title="Transparencia")
    ActivityFactory(module=first, position=1, title="Qué es", nominal_seconds=60 * 3600)
    ActivityFactory(module=first, position=2, title="Casos", nominal_seconds=int(38.5 * 3600))
    ActivityFactory(module=second, position=1, title="Ley", nominal_seconds=3600)
    return course_run


@pytest.fixture
def course(run):
    return run.course


@pytest.fixture
def manager(run, manager_of):
    return manager_of(run.programme)


@pytest.fixture
def enrolment(run):
    municipality = MunicipalityFactory(programme=run.programme)
    official = MembershipFactory(municipality=municipality).user
    enrolment, _ = services.enrolment_create(
        user=official, course_run=run, municipality=municipality
    )
    return enrolment


def editor_url(course):
    return reverse("editor_course", args=[course.pk])


def activity(course, title):
    return Activity.objects.get(module__course=course, title=title)


# --- Who may edit -------------------------------------------------------------------------


def test_only_editors_of_the_course_reach_its_editor(client, run, course, manager, enrolment):
    tutor = UserFactory()
    MembershipFactory(user=tutor, municipality=None, programme=run.programme, role=Role.TUTOR)
    run.tutors.add(tutor)
    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    course_editor = UserFactory()
    course_editor.user_permissions.add(Permission.objects.get(codename="change_course"))
    superuser = UserFactory(is_superuser=True)
    first = activity(course, "Qué es")
    urls = [
        editor_url(course),
        reverse("editor_module_edit", args=[course.pk, first.module_id]),
        reverse("editor_activity_edit", args=[course.pk, first.pk]),
        reverse("editor_activity_remove", args=[course.pk, first.pk]),
        reverse("editor_preview", args=[course.pk]),
        reverse("editor_preview_activity", args=[course.pk, first.pk]),
    ]
    cases = [
        (enrolment.user, 404),
        (tutor, 404),
        (other_manager, 404),
        (manager, 200),
        (course_editor, 200),
        (superuser, 200),
    ]
    for user, expected in cases:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == expected, (user, url)
    client.force_login(other_manager)
    move = reverse("editor_activity_move", args=[course.pk, first.pk])
    assert client.post(move, {"direction": "down"}).status_code == 404
    assert activity(course, "Qué es").position == 1
    client.logout()
    assert client.get(editor_url(course)).status_code == 302


def test_course_list_shows_editable_courses_paginated(client, run, manager):
    for _ in range(26):
        CourseRunFactory(programme=run.programme)
    CourseFactory(title="Curso de otro programa")
    client.force_login(manager)
    response = client.get(reverse("editor_courses"))
    assert response.context["page"].paginator.count == 27
    assert len(response.context["page"].object_list) == 25
    assert "Curso de otro programa" not in response.text
    assert 'aria-current="page"' in response.text and _es("Course editor") in response.text


def test_navigation_links_the_editor_for_managers_only(client, run, manager, enrolment):
    client.force_login(manager)
    assert reverse("editor_courses") in client.get(reverse("manage_programmes")).text
    client.force_login(enrolment.user)
    assert reverse("editor_courses") not in client.get(reverse("dashboard")).text


# --- The editor page ----------------------------------------------------------------------


def test_editor_shows_modules_activities_and_the_hours_warning(client, course, manager):
    client.force_login(manager)
    response = client.get(editor_url(course))
    assert response.status_code == 200
    text = response.text
    assert text.index("Estrategia") < text.index("Qué es") < text.index("Transparencia")
    warning = _es("The course adds up to %(total)s h; %(required)s h are required.") % {
        "total": "99,5",
        "required": "100",
    }
    assert warning in text
    assert 'id="hours-summary" role="status"' in text
    label = _es("Move “%(title)s” down") % {"title": "Qué es"}
    assert f'aria-label="{label}"' in text
    assert "<button" in text and 'name="direction" value="down"' in text


def test_hours_match_without_a_warning(client, course, manager):
    Activity.objects.filter(title="Ley").update(nominal_seconds=int(1.5 * 3600))
    client.force_login(manager)
    response = client.get(editor_url(course))
    assert not response.context["summary"].differs
    assert 'class="notice"' not in response.text


def test_moving_and_adding_modules(client, course, manager):
    client.force_login(manager)
    second = Module.objects.get(course=course, position=2)
    move = reverse("editor_module_move", args=[course.pk, second.pk])
    response = client.post(move, {"direction": "up"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#module-{second.pk}")
    titles = list(Module.objects.filter(course=course).order_by("position").values_list("title"))
    assert titles == [("Transparencia",), ("Estrategia",)]
    response = client.post(
        reverse("editor_module_add", args=[course.pk]),
        {"title": "Participación ciudadana", "objectives": "Uno\nDos"},
        follow=True,
    )
    assert _es("Module “%(title)s” added.") % {"title": "Participación ciudadana"} in (
        response.text
    )
    assert Module.objects.get(title="Participación ciudadana").position == 3
    response = client.post(reverse("editor_module_add", args=[course.pk]), {"title": ""})
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_adding_a_page_with_half_hours_in_spanish_format(client, course, manager):
    module = Module.objects.get(course=course, position=2)
    client.force_login(manager)
    url = reverse("editor_activity_add", args=[course.pk, module.pk])
    assert client.get(url, {"kind": "page"}).status_code == 200
    assert client.get(url, {"kind": "h5p"}).status_code == 200
    assert client.get(url, {"kind": "scorm"}).status_code == 404
    response = client.post(
        url,
        {
            "kind": "page",
            "title": "Datos abiertos",
            "hours": "0,5",
            "required": "on",
            "completion_rule": "viewed",
            "page_source": "# Datos\n\nPublicar **datos**.",
        },
    )
    assert response.status_code == 302
    added = activity(course, "Datos abiertos")
    assert (added.nominal_seconds, added.position, added.completion_rule) == (1800, 2, "viewed")
    assert "<strong>datos</strong>" in added.page.html
    response = client.post(
        url, {"kind": "page", "title": "Mal", "hours": "0,3", "page_source": "x"}
    )
    assert response.status_code == 400


def test_adding_a_quiz_creates_its_quiz_and_an_assignment_its_assignment(client, course, manager):
    module = Module.objects.get(course=course, position=1)
    client.force_login(manager)
    url = reverse("editor_activity_add", args=[course.pk, module.pk])
    common = {"hours": "1", "required": "on"}
    client.post(url, {**common, "kind": "quiz", "title": "Test", "completion_rule": "passed"})
    client.post(url, {**common, "kind": "assignment", "title": "Plan", "completion_rule": "graded"})
    assert Quiz.objects.get().activity.title == "Test"
    assert Assignment.objects.get().activity.title == "Plan"
    assert activity(course, "Test").kind == ActivityKind.QUIZ


def test_video_with_captions_is_added_and_previewed(client, course, manager):
    module = Module.objects.get(course=course, position=1)
    client.force_login(manager)
    url = reverse("editor_activity_add", args=[course.pk, module.pk])
    captions = SimpleUploadedFile("es.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHola\n")
    response = client.post(
        url,
        {
            "kind": "video",
            "title": "Entrevista",
            "hours": "0,25",
            "completion_rule": "viewed",
            "video_url": "https://videos.example/entrevista.mp4",
            "captions": captions,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    video = activity(course, "Entrevista")
    preview = client.get(reverse("editor_preview_activity", args=[course.pk, video.pk]))
    captions_url = reverse("editor_preview_captions", args=[course.pk, video.pk])
    assert f'<track kind="captions" src="{captions_url}"' in preview.text
    assert "heartbeat" not in preview.text
    served = client.get(captions_url)
    assert served["Content-Type"] == "text/vtt"
    assert b"".join(served.streaming_content).startswith(b"WEBVTT")


def test_bad_captions_are_refused_with_a_message(client, course, manager):
    module = Module.objects.get(course=course, position=1)
    client.force_login(manager)
    response = client.post(
        reverse("editor_activity_add", args=[course.pk, module.pk]),
        {
            "kind": "video",
            "title": "Entrevista",
            "hours": "1",
            "completion_rule": "viewed",
            "video_url": "https://videos.example/entrevista.mp4",
            "captions": SimpleUploadedFile("es.vtt", b"1\n00:00:01,000 --> 00:00:02,000\n"),
        },
    )
    assert response.status_code == 400
    assert _es("This is not a WebVTT file: it must start with “WEBVTT”.") in response.text
    assert not Activity.objects.filter(title="Entrevista").exists()


def test_editing_an_activity_and_moving_it_to_another_module(client, course, manager):
    first = activity(course, "Qué es")
    second_module = Module.objects.get(course=course, position=2)
    client.force_login(manager)
    url = reverse("editor_activity_edit", args=[course.pk, first.pk])
    page = client.get(url)
    assert first.page.source in page.text
    assert 'name="hours" value="60"' in page.text
    response = client.post(
        url,
        {
            "title": "Qué es el gobierno electrónico",
            "hours": "60,5",
            "completion_rule": "marked_done",
            "page_source": "Nuevo texto",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.nominal_seconds == int(60.5 * 3600) and not first.required
    move = reverse("editor_activity_move", args=[course.pk, first.pk])
    client.post(move, {"module": second_module.pk})
    first.refresh_from_db()
    assert (first.module_id, first.position) == (second_module.pk, 2)
    assert activity(course, "Casos").position == 1


# --- Removing -----------------------------------------------------------------------------


def test_removing_an_activity_with_results_asks_first_and_keeps_them(
    client, course, manager, enrolment
):
    first = activity(course, "Qué es")
    services.activity_view_record(
        user=enrolment.user, course_run_id=enrolment.course_run_id, activity_id=first.pk
    )
    client.force_login(manager)
    url = reverse("editor_activity_remove", args=[course.pk, first.pk])
    confirm = client.get(url)
    with translation.override("es"):
        people = translation.ngettext(
            "%(counter)s person has results; they will be kept.",
            "%(counter)s people have results; they will be kept.",
            1,
        ) % {"counter": 1}
    assert escape(people) in confirm.text
    assert _es("The activity will be hidden from the course, not destroyed.") in confirm.text
    assert Activity.objects.get(pk=first.pk).archived_at is None  # a GET changes nothing
    client.post(url, follow=True)
    first.refresh_from_db()
    assert first.archived_at is not None
    assert ActivityProgress.objects.filter(activity=first).exists()
    assert activity(course, "Casos").position == 1
    # The learner no longer sees it, nor can open it.
    client.force_login(enrolment.user)
    outline = client.get(reverse("course_outline", args=[enrolment.course_run_id]))
    assert "Qué es" not in outline.text and "Casos" in outline.text
    page = reverse("activity", args=[enrolment.course_run_id, first.pk])
    assert client.get(page).status_code == 404


def test_removing_an_activity_without_results_deletes_it(client, course, manager):
    last = activity(course, "Ley")
    client.force_login(manager)
    url = reverse("editor_activity_remove", args=[course.pk, last.pk])
    assert _es("Nobody has results on it yet: it will be deleted with its content.") in (
        client.get(url).text
    )
    response = client.post(url, follow=True)
    assert not Activity.objects.filter(pk=last.pk).exists()
    assert _es("Activity “%(title)s” deleted.") % {"title": "Ley"} in response.text


def test_removing_a_module_with_results_archives_it(client, course, manager, enrolment):
    first = activity(course, "Casos")
    DailyStudyTime.objects.create(enrolment=enrolment, activity=first, day="2026-05-04", seconds=60)
    client.force_login(manager)
    url = reverse("editor_module_remove", args=[course.pk, first.module_id])
    response = client.post(url, follow=True)
    assert "Estrategia" in response.text  # the confirmation message
    module = Module.objects.get(pk=first.module_id)
    assert module.archived_at is not None
    assert Module.objects.get(title="Transparencia").position == 1
    assert client.get(editor_url(course)).text.count("Estrategia") == 0


# --- Preview ------------------------------------------------------------------------------


def test_preview_records_nothing(client, course, manager):
    client.force_login(manager)
    outline = client.get(reverse("editor_preview", args=[course.pk]))
    assert "Qué es" in outline.text
    first = activity(course, "Qué es")
    page = client.get(reverse("editor_preview_activity", args=[course.pk, first.pk]))
    assert page.status_code == 200
    assert "transparencia" in page.text
    assert "heartbeat" not in page.text and "Marcar como" not in page.text
    assert not ActivityProgress.objects.exists()


# --- Query budget -------------------------------------------------------------------------


def _course_of_size(programme, modules: int):
    course = CourseFactory()
    CourseRunFactory(course=course, programme=programme)
    for position in range(1, modules + 1):
        module = editing.module_create(course=course, title=f"Módulo {position}")
        for activity_position in range(1, 4):
            ActivityFactory(module=module, position=activity_position, nominal_seconds=3600)
    return course


@pytest.mark.parametrize("url_name", ["editor_course", "editor_preview"])
def test_editor_query_count_does_not_grow_with_the_course(
    client, manager_of, url_name, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    manager = manager_of(programme)
    client.force_login(manager)
    counts = []
    for size in (2, 10):
        course = _course_of_size(programme, size)
        with django_assert_max_num_queries(10) as captured:  # measured: 10 and 8
            assert client.get(reverse(url_name, args=[course.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_administrators_find_the_quiz_settings_from_the_activity(client, course):
    from assessments.services.quizzes import quiz_create

    module = Module.objects.get(course=course, position=1)
    quiz_activity = editing.activity_create(
        module=module, kind=ActivityKind.QUIZ, title="Test", hours=1
    )
    quiz = quiz_create(activity=quiz_activity)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("editor_activity_edit", args=[course.pk, quiz_activity.pk]))
    assert reverse("admin:assessments_quiz_change", args=[quiz.pk]) in page.text


def test_file_activity_is_uploaded_replaced_and_downloaded_in_preview(client, course, manager):
    module = Module.objects.get(course=course, position=2)
    client.force_login(manager)
    response = client.post(
        reverse("editor_activity_add", args=[course.pk, module.pk]),
        {
            "kind": "file",
            "title": "Guía",
            "hours": "1",
            "completion_rule": "marked_done",
            "upload": SimpleUploadedFile("guia.pdf", b"%PDF-1.4 guia"),
        },
    )
    assert response.status_code == 302
    added = activity(course, "Guía")
    edit = reverse("editor_activity_edit", args=[course.pk, added.pk])
    data = {"title": "Guía", "hours": "1", "completion_rule": "marked_done"}
    assert client.post(edit, data).status_code == 302  # no new file: the old one stays
    client.post(edit, {**data, "upload": SimpleUploadedFile("guia-2.pdf", b"%PDF-1.4 v2")})
    added.refresh_from_db()
    assert added.file.original_name == "guia-2.pdf"
    download = client.get(reverse("editor_preview_file", args=[course.pk, added.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 v2"

"""Files and videos reach enrolled officials only, with safe headers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content import services as content_services
from courses.models import ActivityKind
from tests.factories import ActivityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_activity(small_enrolment):
    resource = content_services.file_resource_create(
        upload=SimpleUploadedFile("plantilla-diagnóstico.csv", b"pregunta;respuesta\n", "text/csv")
    )
    module = small_enrolment.course_run.course.modules.get(position=1)
    return ActivityFactory(
        module=module, position=9, kind=ActivityKind.FILE, page=None, file=resource
    )


def test_enrolled_official_downloads_the_file(client, small_enrolment, file_activity):
    client.force_login(small_enrolment.user)
    url = reverse("activity_file", args=[small_enrolment.course_run_id, file_activity.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"pregunta;respuesta\n"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_others_cannot_download_it(client, small_enrolment, file_activity):
    client.force_login(MembershipFactory().user)
    url = reverse("activity_file", args=[small_enrolment.course_run_id, file_activity.pk])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_linked_video_says_it_needs_the_internet(client, small_enrolment):
    video = content_services.video_create(url="https://www.youtube.com/watch?v=abc")
    module = small_enrolment.course_run.course.modules.get(position=1)
    activity = ActivityFactory(
        module=module, position=9, kind=ActivityKind.VIDEO, page=None, video=video
    )
    client.force_login(small_enrolment.user)
    response = client.get(reverse("activity", args=[small_enrolment.course_run_id, activity.pk]))
    assert "necesita conexión a internet" in response.text
    assert "<video" not in response.text  # no third-party player is embedded


def test_an_uploaded_video_plays_in_the_html5_player(client, small_enrolment):
    video = content_services.video_create(
        upload=SimpleUploadedFile("clase.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")
    )
    module = small_enrolment.course_run.course.modules.get(position=1)
    activity = ActivityFactory(
        module=module, position=9, kind=ActivityKind.VIDEO, page=None, video=video
    )
    client.force_login(small_enrolment.user)
    run_id = small_enrolment.course_run_id
    page = client.get(reverse("activity", args=[run_id, activity.pk]))
    assert '<video controls preload="metadata"' in page.text
    stream = client.get(reverse("activity_video", args=[run_id, activity.pk]))
    assert stream["Content-Type"] == "video/mp4"


def test_pages_carry_a_strict_content_security_policy(client, small_enrolment):
    client.force_login(small_enrolment.user)
    response = client.get(reverse("dashboard"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy

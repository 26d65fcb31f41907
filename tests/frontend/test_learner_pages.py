"""The official's pages from the outside: content, permissions, query budgets."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import ActivityProgress, LedgerEntry
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _first_activity(enrolment):
    return enrolment.course_run.course.modules.get(position=1).activities.get(position=1)


def test_anonymous_visitors_are_sent_to_the_spanish_login(client, small_enrolment):
    response = client.get(reverse("course_outline", args=[small_enrolment.course_run_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    login = client.get(reverse("login"))
    assert login["Content-Language"] == "es"


def test_login_with_email_in_any_case(client, small_enrolment):
    response = client.post(
        reverse("login"),
        {"username": small_enrolment.user.email.upper(), "password": "aula-demo-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_dashboard_shows_hours_of_the_course(client, small_enrolment):
    client.force_login(small_enrolment.user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert small_enrolment.course_run.course.title in response.text
    assert '<progress max="100" value="0"' in response.text


def test_outline_lists_modules_with_their_hours(client, small_enrolment):
    client.force_login(small_enrolment.user)
    response = client.get(reverse("course_outline", args=[small_enrolment.course_run_id]))
    assert response.status_code == 200
    outline = response.context["outline"]
    assert [row.nominal_seconds for row in outline.modules] == [7200, 7200]


def test_activity_page_records_the_view_and_offers_navigation(client, small_enrolment):
    activity = _first_activity(small_enrolment)
    client.force_login(small_enrolment.user)
    response = client.get(reverse("activity", args=[small_enrolment.course_run_id, activity.pk]))
    assert response.status_code == 200
    assert "<strong>transparencia</strong>" in response.text
    assert response.context["previous_id"] is None and response.context["next_id"]
    assert ActivityProgress.objects.get(activity=activity).first_viewed_at is not None
    assert 'id="heartbeat"' in response.text


def test_mark_done_too_early_explains_and_changes_nothing(client, small_enrolment):
    activity = _first_activity(small_enrolment)
    client.force_login(small_enrolment.user)
    url = reverse("activity_done", args=[small_enrolment.course_run_id, activity.pk])
    response = client.post(url, follow=True)
    assert "Dedique al menos 10 minutos a esta actividad" in response.text
    assert not LedgerEntry.objects.exists()


def test_an_official_cannot_open_another_officials_pages(client, small_enrolment):
    colleague = MembershipFactory(municipality=small_enrolment.municipality).user
    client.force_login(colleague)
    run_id = small_enrolment.course_run_id
    activity = _first_activity(small_enrolment)
    for url in (
        reverse("course_outline", args=[run_id]),
        reverse("my_hours", args=[run_id]),
        reverse("activity", args=[run_id, activity.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("activity_done", args=[run_id, activity.pk])).status_code == 404
    assert not ActivityProgress.objects.exists()


def test_tutor_pages_are_closed_to_officials_and_other_tutors(client, small_enrolment):
    client.force_login(small_enrolment.user)
    assert client.get(reverse("tutor_run", args=[small_enrolment.course_run_id])).status_code == 404
    assert client.get(reverse("tutor_enrolment", args=[small_enrolment.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("tutor_enrolment", args=[small_enrolment.pk])).status_code == 404


def test_my_hours_explains_every_credited_hour(client, small_enrolment):
    tutor = UserFactory(full_name="Carlos Tutor")
    small_enrolment.course_run.tutors.add(tutor)
    services.credited_time_adjust(
        enrolment=small_enrolment,
        seconds=1800,
        reason="Taller presencial",
        recorded_by=tutor,
    )
    client.force_login(small_enrolment.user)
    response = client.get(reverse("my_hours", args=[small_enrolment.course_run_id]))
    assert response.status_code == 200
    assert "Taller presencial" in response.text and "Carlos Tutor" in response.text
    assert response.context["statement"].credited_seconds == 1800


@pytest.mark.parametrize(
    "url_name", ["dashboard", "course_outline", "my_hours", "activity", "tutor_run"]
)
def test_query_count_does_not_grow_with_the_course(
    client, small_enrolment, large_enrolment, url_name, django_assert_max_num_queries
):
    counts = []
    for enrolment in (small_enrolment, large_enrolment):
        if url_name == "tutor_run":
            viewer = UserFactory()
            enrolment.course_run.tutors.add(viewer)
        else:
            viewer = enrolment.user
        client.force_login(viewer)
        args = {
            "dashboard": [],
            "course_outline": [enrolment.course_run_id],
            "my_hours": [enrolment.course_run_id],
            "activity": [enrolment.course_run_id, _first_activity(enrolment).pk],
            "tutor_run": [enrolment.course_run_id],
        }[url_name]
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse(url_name, args=args)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_pages_are_compressed_for_slow_connections(client, small_enrolment):
    client.force_login(small_enrolment.user)
    url = reverse("course_outline", args=[small_enrolment.course_run_id])
    plain = client.get(url)
    compressed = client.get(url, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    assert len(compressed.content) < len(plain.content) / 2

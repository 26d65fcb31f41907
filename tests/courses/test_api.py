"""The REST endpoints from the outside: who may read and write what."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import ActivityProgress
from programs.models import Role
from tests.factories import EnrolmentFactory, MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _heartbeat(client, run, activity, seconds=30):
    return client.post(
        reverse("api:heartbeat"),
        {"course_run": run.pk, "activity": activity.pk, "seconds": seconds},
        content_type="application/json",
    )


def test_heartbeat_records_time_for_the_enrolled_official(client, enrolment, run, activities):
    client.force_login(enrolment.user)
    response = _heartbeat(client, run, activities[0])
    assert response.status_code == 200
    assert response.json() == {
        "credited_seconds": 30,
        "activity_active_seconds": 30,
        "completed": False,
    }


def test_heartbeat_accepts_form_data_as_sent_by_sendbeacon(client, enrolment, run, activities):
    client.force_login(enrolment.user)
    response = client.post(
        reverse("api:heartbeat"),
        {"course_run": run.pk, "activity": activities[0].pk, "seconds": 12},
    )
    assert response.status_code == 200
    assert response.json()["credited_seconds"] == 12


def test_heartbeat_is_refused_for_a_course_the_person_is_not_in(client, run, activities):
    client.force_login(UserFactory())
    assert _heartbeat(client, run, activities[0]).status_code == 403
    assert not ActivityProgress.objects.exists()


def test_heartbeat_is_refused_for_an_activity_outside_the_run(client, enrolment, run):
    other = EnrolmentFactory()
    foreign_activity = other.course_run.course.modules.create(position=1, title="X")
    client.force_login(enrolment.user)
    response = client.post(
        reverse("api:heartbeat"),
        {"course_run": run.pk, "activity": 999_999, "seconds": 30},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert foreign_activity.pk  # the other course exists; ours cannot reach it


def test_heartbeat_needs_login_and_valid_input(client, enrolment, run, activities):
    anonymous = _heartbeat(client, run, activities[0])
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    client.force_login(enrolment.user)
    response = client.post(
        reverse("api:heartbeat"), {"course_run": run.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert {error["pointer"] for error in problem["errors"]} == {"#/activity", "#/seconds"}


def test_heartbeat_query_count_is_small_and_constant(
    client, enrolment, run, activities, django_assert_max_num_queries
):
    client.force_login(enrolment.user)
    _heartbeat(client, run, activities[0])  # creates the progress and day rows
    # session + user, then lock enrolment, activity, progress, 3 updates (+ savepoints)
    with django_assert_max_num_queries(10):
        assert _heartbeat(client, run, activities[0]).status_code == 200


def test_mark_done_api_explains_a_refusal(client, enrolment, run, activities):
    client.force_login(enrolment.user)
    url = reverse("api:activity_done", args=[run.pk, activities[0].pk])
    response = client.post(url)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Dedique al menos 10 minutos")


@pytest.mark.parametrize("endpoint", ["api:enrolment_progress", "api:enrolment_ledger"])
def test_an_official_cannot_read_another_officials_progress(client, enrolment, endpoint):
    colleague = MembershipFactory(municipality=enrolment.municipality).user
    client.force_login(colleague)
    assert client.get(reverse(endpoint, args=[enrolment.pk])).status_code == 404
    client.force_login(enrolment.user)
    assert client.get(reverse(endpoint, args=[enrolment.pk])).status_code == 200


def test_tutor_reads_only_the_runs_they_tutor(client, enrolment, tutor, run):
    client.force_login(tutor)
    assert client.get(reverse("api:enrolment_ledger", args=[enrolment.pk])).status_code == 200
    listed = client.get(reverse("api:course_run_enrolments", args=[run.pk])).json()
    assert [row["id"] for row in listed["results"]] == [enrolment.pk]

    other_run_enrolment = EnrolmentFactory(course_run__programme=run.programme)
    assert (
        client.get(reverse("api:enrolment_ledger", args=[other_run_enrolment.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("api:course_run_enrolments", args=[other_run_enrolment.course_run_id])
        ).status_code
        == 404
    )


def test_manager_reads_their_programme_only(client, enrolment, run):
    manager = UserFactory()
    MembershipFactory(user=manager, municipality=None, programme=run.programme, role=Role.MANAGER)
    foreign_manager = UserFactory()
    MembershipFactory(
        user=foreign_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    url = reverse("api:enrolment_progress", args=[enrolment.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 200
    client.force_login(foreign_manager)
    assert client.get(url).status_code == 404


def test_progress_api_reports_modules_and_completion(client, enrolment, run, activities, clock):
    for _ in range(20):
        services.study_time_record(
            user=enrolment.user,
            course_run_id=run.pk,
            activity_id=activities[1].pk,
            seconds=30,
            now=clock.tick(30),
        )
    client.force_login(enrolment.user)
    body = client.get(reverse("api:enrolment_progress", args=[enrolment.pk])).json()
    assert body["enrolment"]["credited_seconds"] == 3600
    assert [m["nominal_seconds"] for m in body["modules"]] == [3 * 3600, 3 * 3600]
    assert [a["completed"] for a in body["modules"][0]["activities"]] == [False, True]
    ledger = client.get(reverse("api:enrolment_ledger", args=[enrolment.pk])).json()
    assert [(e["kind"], e["seconds"]) for e in ledger["entries"]] == [("completion", 3600)]

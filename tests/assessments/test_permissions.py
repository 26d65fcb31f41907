"""Who may change grades and dates: the run's tutors and administrators, not managers."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import AssignmentExtension, Grade
from assessments.services import gradebook
from programs.models import Role
from tests.assessments.factories import GradeItemFactory, assignment_in, team_in_run, tutor_of
from tests.factories import CourseRunFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run():
    return CourseRunFactory()


@pytest.fixture
def manager(run):
    user = UserFactory()
    MembershipFactory(user=user, municipality=None, programme=run.programme, role=Role.MANAGER)
    return user


@pytest.fixture
def grade(run):
    _municipality, (enrolment,) = team_in_run(run, size=1)
    item = GradeItemFactory(activity__module__course=run.course)
    return gradebook.grade_record(item=item, enrolment=enrolment, fraction=0.5, release=True)


def test_a_manager_follows_a_grade_but_cannot_change_it(client, grade, manager):
    client.force_login(manager)
    url = reverse("grade_detail", args=[grade.pk])
    page = client.get(url)
    assert page.status_code == 200 and "override-heading" not in page.text
    refused = client.post(url, {"fraction": "9", "reason": "por qué no"})
    assert refused.status_code == 403
    grade.refresh_from_db()
    assert grade.override_fraction is None


def test_the_runs_tutor_and_an_administrator_may_change_it(client, grade, run):
    for user in (tutor_of(run), UserFactory(is_staff=True)):
        client.force_login(user)
        assert "override-heading" in client.get(reverse("grade_detail", args=[grade.pk])).text


def test_a_tutor_grants_an_extension_to_a_team(client, run, manager):
    municipality, (enrolment, _other) = team_in_run(run, size=2)
    assignment = assignment_in(
        run,
        team_submission=True,
        due_at=datetime.datetime(2026, 11, 30, 23, 59, tzinfo=datetime.UTC),
    )
    url = reverse("tutor_enrolment_assignments", args=[enrolment.pk])
    data = {
        "assignment": assignment.pk,
        "due_at": "2026-12-10T18:00",
        "reason": "Cambio de alcalde en el municipio",
    }

    client.force_login(manager)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(tutor_of(CourseRunFactory(programme=run.programme)))
    assert client.get(url).status_code == 404

    tutor = tutor_of(run)
    client.force_login(tutor)
    assert client.post(url, data).status_code == 302
    extension = AssignmentExtension.objects.get()
    assert (extension.municipality, extension.enrolment) == (municipality, None)
    # Typed in Bogotá's time (the programme's), stored in UTC.
    assert extension.due_at == datetime.datetime(2026, 12, 10, 23, 0, tzinfo=datetime.UTC)
    assert Grade.objects.count() == 0

"""A programme's manager starts a run of a course: who may, what is checked, what it sets up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import services as courses_services
from courses.models import CourseRun, ModuleTarget
from programs.models import Role
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    ModuleFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(manager_of):
    programme = ProgrammeFactory()
    course = CourseFactory(title="Gobierno Electrónico Municipal")
    for position in range(1, 5):
        ModuleFactory(course=course, position=position)
    tutor = UserFactory(full_name="Catalina Mejía Arango")
    MembershipFactory(user=tutor, municipality=None, programme=programme, role=Role.TUTOR)
    elsewhere = UserFactory(full_name="Tutor de otro programa")
    MembershipFactory(
        user=elsewhere, municipality=None, programme=ProgrammeFactory(), role=Role.TUTOR
    )
    return {
        "programme": programme,
        "course": course,
        "tutor": tutor,
        "elsewhere": elsewhere,
        "manager": manager_of(programme),
        "url": reverse("manage_course_run_create", args=[programme.pk]),
    }


def _form(setting, **changes):
    form = {
        "course": setting["course"].pk,
        "title": "  Cohorte   2027 ",
        "starts_on": "2027-02-01",
        "ends_on": "2027-06-01",
        "tutors": [setting["tutor"].pk],
    }
    return {**form, **changes}


def test_the_manager_creates_a_run_with_its_tutors_and_module_targets(client, setting):
    client.force_login(setting["manager"])
    programme_page = client.get(reverse("manage_programme", args=[setting["programme"].pk]))
    assert f'href="{setting["url"]}"' in programme_page.content.decode()
    form_page = client.get(setting["url"]).content.decode()
    assert "Catalina Mejía Arango" in form_page
    assert "Tutor de otro programa" not in form_page  # only this programme's tutors

    response = client.post(setting["url"], _form(setting))

    assert response.status_code == 302
    run = CourseRun.objects.get()
    assert (run.programme, run.course, run.title) == (
        setting["programme"],
        setting["course"],
        "Cohorte 2027",
    )
    assert list(run.tutors.all()) == [setting["tutor"]]
    targets = list(
        ModuleTarget.objects.filter(course_run=run)
        .order_by("module__position")
        .values_list("target_on", flat=True)
    )
    # 120 days in four modules: a target every 30 days, the last on the run's end.
    assert targets == [
        datetime.date(2027, 3, 3),
        datetime.date(2027, 4, 2),
        datetime.date(2027, 5, 2),
        datetime.date(2027, 6, 1),
    ]


def test_wrong_dates_and_a_repeated_title_are_refused_together_by_field(client, setting):
    client.force_login(setting["manager"])
    client.post(setting["url"], _form(setting))

    response = client.post(
        setting["url"],
        _form(setting, title="cohorte 2027", starts_on="2027-06-02"),
        headers={"accept-language": "es"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "El programa ya tiene una cohorte con este título." in html
    assert "La cohorte no puede terminar antes de empezar." in html
    assert CourseRun.objects.count() == 1


def test_a_tutor_of_another_programme_cannot_be_chosen(client, setting):
    client.force_login(setting["manager"])

    response = client.post(setting["url"], _form(setting, tutors=[setting["elsewhere"].pk]))

    assert response.status_code == 400
    assert not CourseRun.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "official", "tutor", "other manager"])
def test_only_the_programmes_managers_may_create_a_run(client, setting, manager_of, who):
    if who == "official":
        client.force_login(UserFactory())
    elif who == "tutor":
        client.force_login(setting["tutor"])
    elif who == "other manager":
        client.force_login(manager_of(ProgrammeFactory()))

    get, post = client.get(setting["url"]), client.post(setting["url"], _form(setting))

    if who == "anonymous":
        assert get.status_code == post.status_code == 302  # to the login page
    else:
        assert get.status_code == post.status_code == 404
    assert not CourseRun.objects.exists()


def test_the_service_refuses_a_tutor_who_is_not_the_programmes(setting):
    with pytest.raises(ValidationError) as refused:
        courses_services.course_run_create(
            programme=setting["programme"],
            course=setting["course"],
            title="Cohorte 2027",
            starts_on=datetime.date(2027, 2, 1),
            ends_on=datetime.date(2027, 6, 1),
            tutors=[setting["elsewhere"]],
        )
    assert set(refused.value.message_dict) == {"tutors"}
    assert not CourseRun.objects.exists()

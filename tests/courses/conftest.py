import datetime

import pytest

from courses import selectors, services
from courses.models import CompletionRule
from programs.models import Role
from tests.factories import (
    ActivityFactory,
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    MunicipalityFactory,
    UserFactory,
)


@pytest.fixture
def run(db):
    """A course run with two modules (2 h page + 1 h page; 3 h page) for one programme."""
    course_run = CourseRunFactory()
    first = ModuleFactory(course=course_run.course, position=1, title="Estrategia")
    second = ModuleFactory(course=course_run.course, position=2, title="Transparencia")
    ActivityFactory(module=first, position=1, title="Qué es", nominal_seconds=2 * 3600)
    ActivityFactory(
        module=first,
        position=2,
        title="Casos",
        nominal_seconds=3600,
        completion_rule=CompletionRule.VIEWED,
    )
    ActivityFactory(module=second, position=1, title="Ley", nominal_seconds=3 * 3600)
    return course_run


@pytest.fixture
def activities(run):
    """The run's activities in course order: [2 h marked-done, 1 h viewed, 3 h marked-done]."""
    return list(selectors.activities_of_course(run.course_id))


@pytest.fixture
def municipality(run):
    return MunicipalityFactory(programme=run.programme)


@pytest.fixture
def official(municipality):
    return MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user


@pytest.fixture
def enrolment(run, official, municipality):
    enrolment, _ = services.enrolment_create(
        user=official, course_run=run, municipality=municipality
    )
    return enrolment


@pytest.fixture
def tutor(run):
    user = UserFactory(full_name="Tutora Ana María Pérez")
    MembershipFactory(user=user, municipality=None, programme=run.programme, role=Role.TUTOR)
    run.tutors.add(user)
    return user


@pytest.fixture
def clock():
    """A controllable 'now' for heartbeats: clock.tick(seconds) advances it."""

    class Clock:
        now = datetime.datetime(2026, 5, 4, 14, 0, tzinfo=datetime.UTC)

        def tick(self, seconds: float) -> datetime.datetime:
            self.now += datetime.timedelta(seconds=seconds)
            return self.now

    return Clock()

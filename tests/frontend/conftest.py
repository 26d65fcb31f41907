import pytest
from django.core.cache import cache

from courses import services
from programs.models import Role
from tests.factories import (
    ActivityFactory,
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    MunicipalityFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages keep figures in the cache (the programme overview); a rolled-back test's
    entries must not answer for the next test, whose rows may reuse their ids."""
    cache.clear()
    yield
    cache.clear()


def build_run(modules: int, activities_per_module: int):
    """A course run of the given size with one enrolled official."""
    run = CourseRunFactory()
    for position in range(1, modules + 1):
        module = ModuleFactory(course=run.course, position=position)
        for activity_position in range(1, activities_per_module + 1):
            ActivityFactory(module=module, position=activity_position, nominal_seconds=3600)
    municipality = MunicipalityFactory(programme=run.programme)
    official = MembershipFactory(municipality=municipality).user
    enrolment, _ = services.enrolment_create(
        user=official, course_run=run, municipality=municipality
    )
    return enrolment


@pytest.fixture
def small_enrolment(db):
    return build_run(modules=2, activities_per_module=2)


@pytest.fixture
def large_enrolment(db):
    return build_run(modules=10, activities_per_module=6)


@pytest.fixture
def manager_of(db):
    def make(programme):
        user = UserFactory(full_name="Laura Restrepo Gómez")
        MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
        return user

    return make

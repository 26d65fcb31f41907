"""A small world for the API's tests: two programmes, each person in their place."""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from certification import keys
from certification import services as certification_services
from courses import services as course_services
from programs import api_tokens
from programs.models import ApiToken, Role
from tests.certification.conftest import make_eligible
from tests.factories import (
    ActivityFactory,
    CourseRunFactory,
    MembershipFactory,
    ModuleFactory,
    MunicipalityFactory,
    UserFactory,
)


def _programme_with_people(*, officials: int, certified: int):
    run = CourseRunFactory()
    module = ModuleFactory(course=run.course, position=1, title="Estrategia")
    ActivityFactory(module=module, position=1, title="Qué es", nominal_seconds=2 * 3600)
    ActivityFactory(module=module, position=2, title="Casos", nominal_seconds=3600)
    municipality = MunicipalityFactory(programme=run.programme, name="Zipaquirá")
    manager = MembershipFactory(programme=run.programme, municipality=None, role=Role.MANAGER).user
    tutor = MembershipFactory(programme=run.programme, municipality=None, role=Role.TUTOR).user
    run.tutors.add(tutor)
    people = [
        MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
        for _ in range(officials)
    ]
    enrolments = [
        course_services.enrolment_create(user=person, course_run=run, municipality=municipality)[0]
        for person in people
    ]
    certificates = []
    for enrolment in enrolments[:certified]:
        make_eligible(enrolment)
        certificates.append(certification_services.certificate_issue(enrolment_id=enrolment.pk))
    return SimpleNamespace(
        run=run,
        programme=run.programme,
        municipality=municipality,
        manager=manager,
        tutor=tutor,
        officials=people,
        enrolments=enrolments,
        certificates=certificates,
    )


@pytest.fixture
def signing(settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    return keys.signing_key_generate()


@pytest.fixture
def world(db, signing):
    """Programme `a` (3 officials, 1 certified) and programme `b` (2 officials, 1 certified)."""
    return SimpleNamespace(
        a=_programme_with_people(officials=3, certified=1),
        b=_programme_with_people(officials=2, certified=1),
        stranger=UserFactory(),
    )


@pytest.fixture
def api():
    return APIClient()


def token_for(user, scope=ApiToken.Scope.READ) -> str:
    return api_tokens.api_token_create(user=user, name="Sistema de RR. HH.", scope=scope).secret


def client_with_token(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client

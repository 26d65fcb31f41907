"""Every endpoint, from the outside: a person sees only what the pages would show them."""

import pytest
from django.urls import reverse

from certification.models import Certificate
from programs.models import Role
from tests.api.conftest import client_with_token, token_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _urls(side) -> dict[str, str]:
    """The GET addresses that belong to one programme's world."""
    enrolment = side.enrolments[0]
    return {
        "programme": reverse("api:programme", args=[side.programme.pk]),
        "municipalities": reverse("api:programme_municipalities", args=[side.programme.pk]),
        "municipality": reverse("api:municipality", args=[side.municipality.pk]),
        "team": reverse("api:municipality_team", args=[side.municipality.pk]),
        "course": reverse("api:course", args=[side.run.course_id]),
        "run": reverse("api:course_run", args=[side.run.pk]),
        "run enrolments": reverse("api:course_run_enrolments", args=[side.run.pk]),
        "run grades": reverse("api:course_run_grades", args=[side.run.pk]),
        "progress": reverse("api:enrolment_progress", args=[enrolment.pk]),
        "ledger": reverse("api:enrolment_ledger", args=[enrolment.pk]),
        "grades": reverse("api:enrolment_grades", args=[enrolment.pk]),
        "certificate": reverse("api:certificate", args=[side.certificates[0].pk]),
        "certificate pdf": reverse("api:certificate_pdf", args=[side.certificates[0].pk]),
    }


MANAGER_ONLY = {"programme", "municipalities", "municipality", "team"}
STAFF = {"run enrolments", "run grades"}
OWN = {"progress", "ledger", "grades", "certificate", "certificate pdf", "course", "run"}


def test_anonymous_callers_get_401_everywhere_but_verification(api, world):
    for name, url in _urls(world.a).items():
        assert api.get(url).status_code == 401, name
    for url in ("api:programmes", "api:certificates", "api:courses", "api:course_runs", "api:me"):
        assert api.get(reverse(url)).status_code == 401, url
    verify = api.post(reverse("api:certificate_verify"), {"payload": "123"}, format="json")
    assert verify.status_code == 200


@pytest.mark.parametrize("session", [True, False], ids=["session", "token"])
def test_a_manager_sees_their_programme_and_nothing_of_another(world, session, api):
    if session:
        api.force_login(world.a.manager)
        client = api
    else:
        client = client_with_token(token_for(world.a.manager))
    for name, url in _urls(world.a).items():
        assert client.get(url).status_code == 200, name
    for name, url in _urls(world.b).items():
        assert client.get(url).status_code == 404, name
    listed = client.get(reverse("api:programmes")).json()["results"]
    assert [p["id"] for p in listed] == [world.a.programme.pk]
    certificates = client.get(reverse("api:certificates")).json()["results"]
    assert {c["id"] for c in certificates} == {world.a.certificates[0].pk}


def test_a_tutor_follows_their_run_but_not_the_programme(world):
    client = client_with_token(token_for(world.a.tutor))
    for name, url in _urls(world.a).items():
        expected = 404 if name in MANAGER_ONLY | {"certificate", "certificate pdf"} else 200
        assert client.get(url).status_code == expected, name
    assert client.get(reverse("api:certificates")).json()["count"] == 0
    for name, url in _urls(world.b).items():
        assert client.get(url).status_code == 404, name


def test_an_official_sees_only_their_own(world):
    certified = world.a.officials[0]
    client = client_with_token(token_for(certified))
    for name, url in _urls(world.a).items():
        expected = 200 if name in OWN else 404
        assert client.get(url).status_code == expected, name
    colleague = world.a.enrolments[1]
    for endpoint in ("api:enrolment_progress", "api:enrolment_ledger", "api:enrolment_grades"):
        assert client.get(reverse(endpoint, args=[colleague.pk])).status_code == 404
    mine = client.get(reverse("api:certificates")).json()["results"]
    assert [c["person"] for c in mine] == [certified.pk]
    assert client.get(reverse("api:programmes")).json()["count"] == 0


def test_only_the_programmes_managers_change_it(world):
    side = world.a
    attempts = [
        (reverse("api:certificates"), {"enrolment": side.enrolments[0].pk}),
        (reverse("api:certificate_revoke", args=[side.certificates[0].pk]), {"reason": "error"}),
        (
            reverse("api:municipality_team", args=[side.municipality.pk]),
            {"email": "nueva@municipio.example", "full_name": "Nueva Persona"},
        ),
        (
            reverse("api:course_run_enrolments", args=[side.run.pk]),
            {"municipality": side.municipality.pk},
        ),
    ]
    for person in (side.tutor, side.officials[0], world.b.manager, world.stranger):
        client = client_with_token(token_for(person, "write"))
        for url, data in attempts:
            # 404, or 400 naming the field when the other object is in the body.
            assert client.post(url, data, format="json").status_code in (400, 404), (person, url)
    assert Certificate.objects.filter(status="valid").count() == 2
    membership = side.officials[1].memberships.get()
    end = reverse("api:membership_end", args=[membership.pk])
    outsider = client_with_token(token_for(world.b.manager, "write"))
    assert outsider.post(end, {"reason": "Renuncia"}, format="json").status_code == 404
    membership.refresh_from_db()
    assert membership.ended_on is None


def test_a_coordinator_reads_their_team_as_on_their_page_and_changes_nothing(world):
    side = world.a
    coordinator = MembershipFactory(municipality=side.municipality, role=Role.COORDINATOR).user
    client = client_with_token(token_for(coordinator, "write"))
    team = reverse("api:municipality_team", args=[side.municipality.pk])
    listed = client.get(team, {"current": "true"}).json()
    assert listed["count"] == 4 and listed["results"][0]["ended_on"] is None
    added = client.post(team, {"email": "x@municipio.example", "full_name": "X"}, format="json")
    assert added.status_code == 404
    other = reverse("api:municipality_team", args=[world.b.municipality.pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("api:municipality", args=[side.municipality.pk])).status_code == 404

"""What each endpoint does, with filtering, ordering and pagination on the lists."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from certification.models import Certificate
from courses.models import ActivityResult, Enrolment
from courses.services import activity_iri
from programs.models import Membership, Role, User
from tests.api.conftest import client_with_token, token_for
from tests.factories import H5PActivityFactory, MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(world):
    return client_with_token(token_for(world.a.manager, "write"))


def test_municipalities_filter_search_order_and_paginate(world, manager):
    side = world.a
    for n in range(4):
        MunicipalityFactory(programme=side.programme, name=f"Reserva {n}", status="reserve")
    url = reverse("api:programme_municipalities", args=[side.programme.pk])
    page = manager.get(url, {"limit": 2, "ordering": "-name"}).json()
    assert page["count"] == 5
    assert [m["name"] for m in page["results"]] == ["Zipaquirá", "Reserva 3"]
    assert page["next"] and "offset=2" in page["next"]
    reserves = manager.get(url, {"status": "reserve", "q": "va 1"}).json()
    assert [m["name"] for m in reserves["results"]] == ["Reserva 1"]
    team = manager.get(url, {"ordering": "-team_size", "limit": 1}).json()["results"][0]
    assert team["name"] == "Zipaquirá" and team["team_size"] == 3
    wrong = manager.get(url, {"status": "capital"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["pointer"] == "#/status"


def test_a_person_joins_a_team_once_and_gets_their_activation_link(
    world, manager, django_capture_on_commit_callbacks
):
    url = reverse("api:municipality_team", args=[world.a.municipality.pk])
    person = {"email": "Nueva.Funcionaria@Zipaquira.gov.co", "full_name": "Nueva Funcionaria"}
    with django_capture_on_commit_callbacks(execute=True):
        created = manager.post(url, person, format="json")
    assert created.status_code == 201
    body = created.json()
    assert body["person"]["email"] == "nueva.funcionaria@zipaquira.gov.co"
    assert body["role"] == "official" and body["activated"] is False
    assert len(mail.outbox) == 1 and "/activate/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = manager.post(url, person, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert User.objects.filter(email__iexact=person["email"]).count() == 1
    assert len(mail.outbox) == 1
    current = manager.get(url, {"current": "true", "q": "nueva"}).json()
    assert [m["id"] for m in current["results"]] == [body["id"]]


def test_a_person_leaves_the_team_and_stays_in_its_history(world, manager):
    membership = world.a.officials[2].memberships.get(role=Role.OFFICIAL)
    url = reverse("api:membership_end", args=[membership.pk])
    future = manager.post(url, {"reason": "Traslado", "ended_on": "2999-01-01"}, format="json")
    assert future.status_code == 400 and "futuro" in future.json()["detail"]
    early = manager.post(url, {"reason": "Traslado", "ended_on": "1990-01-01"}, format="json")
    assert early.status_code == 400
    left = manager.post(url, {"reason": "Traslado a otra entidad"}, format="json")
    assert left.status_code == 200 and left.json()["ended_on"]
    # As on the turnover page: an official who leaves is withdrawn from the team's runs.
    assert world.a.enrolments[2].__class__.objects.get(pk=world.a.enrolments[2].pk).status == (
        "withdrawn"
    )
    twice = manager.post(url, {"reason": "Otra vez"}, format="json")
    assert twice.status_code == 400
    team = reverse("api:municipality_team", args=[world.a.municipality.pk])
    assert manager.get(team, {"current": "true"}).json()["count"] == 2
    assert manager.get(team).json()["count"] == 3


def test_a_team_is_enrolled_in_a_run_and_the_run_lists_its_people(world, manager):
    side = world.a
    newcomer = MembershipFactory(municipality=side.municipality, role=Role.OFFICIAL).user
    url = reverse("api:course_run_enrolments", args=[side.run.pk])
    result = manager.post(url, {"municipality": side.municipality.pk}, format="json")
    assert result.status_code == 200
    assert result.json() == {"created": 1, "reactivated": 0, "already_enrolled": 3}
    listed = manager.get(url, {"ordering": "-credited_seconds", "q": newcomer.full_name}).json()
    assert [e["user"] for e in listed["results"]] == [newcomer.pk]
    foreign = manager.post(url, {"municipality": world.b.municipality.pk}, format="json")
    assert foreign.status_code == 400
    assert foreign.json()["errors"][0]["pointer"] == "#/municipality"


def test_courses_and_runs_say_their_hours(world, manager):
    courses = manager.get(reverse("api:courses")).json()["results"]
    assert [c["id"] for c in courses] == [world.a.run.course_id]
    assert courses[0]["nominal_seconds"] == 3 * 3600
    detail = manager.get(reverse("api:course", args=[world.a.run.course_id])).json()
    assert [m["nominal_seconds"] for m in detail["modules"]] == [3 * 3600]
    assert [a["title"] for a in detail["modules"][0]["activities"]] == ["Qué es", "Casos"]
    runs = manager.get(reverse("api:course_runs"), {"programme": world.a.programme.pk}).json()
    assert [r["id"] for r in runs["results"]] == [world.a.run.pk]


def test_a_certificate_is_issued_once_then_revoked(world, manager):
    side = world.a
    from tests.certification.conftest import make_eligible

    eligible = make_eligible(side.enrolments[1])
    issued = manager.post(reverse("api:certificates"), {"enrolment": eligible.pk}, format="json")
    assert issued.status_code == 201
    certificate = issued.json()
    assert certificate["status"] == "valid" and certificate["hours"] == 3
    assert certificate["verification_url"].endswith(f"/v/c/{certificate['short_code']}/")
    again = manager.post(reverse("api:certificates"), {"enrolment": eligible.pk}, format="json")
    assert again.status_code == 200 and again.json()["id"] == certificate["id"]
    pdf = manager.get(reverse("api:certificate_pdf", args=[certificate["id"]]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    revoke = reverse("api:certificate_revoke", args=[certificate["id"]])
    bad = manager.post(revoke, {"reason": "capricho"}, format="json")
    assert bad.status_code == 400
    revoked = manager.post(revoke, {"reason": "error"}, format="json").json()
    assert revoked["status"] == "revoked" and revoked["revocation_reason"] == "error"
    assert manager.post(revoke, {"reason": "error"}, format="json").status_code == 400
    listed = manager.get(reverse("api:certificates"), {"status": "revoked"}).json()
    assert [c["id"] for c in listed["results"]] == [certificate["id"]]
    assert Certificate.objects.filter(enrolment=eligible).count() == 1


def test_certificates_filter_by_run_municipality_and_search(world):
    client = client_with_token(token_for(world.a.manager))
    certificate = world.a.certificates[0]
    url = reverse("api:certificates")
    by_code = client.get(url, {"q": certificate.short_code[:6]}).json()
    assert [c["id"] for c in by_code["results"]] == [certificate.pk]
    assert client.get(url, {"municipality": world.b.municipality.pk}).json()["count"] == 0
    assert client.get(url, {"course_run": world.a.run.pk}).json()["count"] == 1
    bad_date = client.get(url, {"issued_after": "ayer"})
    assert bad_date.status_code == 400


def _session_of(user) -> APIClient:
    """The learner's course pages: their browser session."""
    client = APIClient()
    client.force_login(user)
    return client


def _h5p_statement(fixtures_dir, object_id: str) -> dict:
    statement = json.loads((fixtures_dir / "xapi" / "xapi-h5p-truefalse-answered.json").read_text())
    statement.pop("id", None)
    statement["object"]["id"] = object_id
    return statement


@pytest.mark.fixtures
def test_xapi_statements_from_the_course_pages_score_the_activity(world, fixtures_dir):
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    learner = side.enrolments[1]
    client = _session_of(learner.user)
    url = reverse("api:xapi_statements", args=[side.run.pk])
    statement = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    statement["result"]["score"] = {"raw": 1, "max": 1, "scaled": 1}
    response = client.post(url, {"statements": [statement]}, format="json")
    assert response.status_code == 200, response.json()
    [recorded] = response.json()
    assert recorded["stored"] and recorded["completed"] and recorded["activity"] == activity.pk
    stored = ActivityResult.objects.get()
    # The actor is the caller, whatever the statement said.
    assert stored.statement["actor"]["account"]["name"] == str(learner.user_id)
    assert recorded["learner"] == learner.user_id


@pytest.mark.fixtures
def test_a_learners_token_cannot_report_study(world, fixtures_dir):
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    learner = side.enrolments[1]
    client = client_with_token(token_for(learner.user, "write"))
    statement = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    url = reverse("api:xapi_statements", args=[side.run.pk])
    refused = client.post(url, {"statements": statement}, format="json")
    assert refused.status_code == 403
    assert "páginas del curso" in refused.json()["detail"]
    heartbeat = client.post(
        reverse("api:heartbeat"),
        {"course_run": side.run.pk, "activity": activity.pk, "seconds": 30},
        format="json",
    )
    assert heartbeat.status_code == 403
    assert not ActivityResult.objects.exists()
    learner.refresh_from_db()
    assert learner.active_seconds == 0


@pytest.mark.fixtures
def test_a_programme_system_reports_statements_about_its_learners(world, fixtures_dir):
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    by_mail, by_account = side.enrolments[1].user, side.enrolments[2].user
    client = client_with_token(token_for(side.manager, "write"))
    url = reverse("api:xapi_statements", args=[side.run.pk])
    first = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    first["actor"] = {"mbox": f"mailto:{by_mail.email.upper()}"}
    first["result"]["score"] = {"raw": 1, "max": 1}
    second = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    second["actor"] = {"account": {"homePage": settings.SITE_URL, "name": str(by_account.pk)}}
    response = client.post(url, {"statements": [first, second]}, format="json")
    assert response.status_code == 200, response.json()
    assert [r["learner"] for r in response.json()] == [by_mail.pk, by_account.pk]
    assert set(ActivityResult.objects.values_list("enrolment__user", flat=True)) == {
        by_mail.pk,
        by_account.pk,
    }
    stranger = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    stranger["actor"] = {"mbox": f"mailto:{world.b.officials[0].email}"}
    refused = client.post(url, {"statements": [first, stranger]}, format="json")
    assert refused.status_code == 400
    assert "declaración 2" in refused.json()["detail"]
    assert ActivityResult.objects.count() == 2


@pytest.mark.fixtures
def test_numbers_beyond_any_id_name_no_learner_and_no_activity(world, fixtures_dir):
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    client = client_with_token(token_for(side.manager, "write"))
    url = reverse("api:xapi_statements", args=[side.run.pk])
    huge = "9" * 30
    by_account = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    by_account["actor"] = {"account": {"homePage": settings.SITE_URL, "name": huge}}
    elsewhere = _h5p_statement(fixtures_dir, f"{activity_iri(side.run.pk, 1)[:-2]}{huge}/")
    elsewhere["actor"] = {"mbox": f"mailto:{side.enrolments[1].user.email}"}
    for statement, says in ((by_account, "participante"), (elsewhere, "actividad")):
        response = client.post(url, {"statements": statement}, format="json")
        assert response.status_code == 400, response.content
        assert says in response.json()["detail"]
    assert not ActivityResult.objects.exists()


@pytest.mark.fixtures
def test_xapi_statements_are_all_or_nothing(world, fixtures_dir):
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    client = _session_of(side.officials[1])
    url = reverse("api:xapi_statements", args=[side.run.pk])
    good = _h5p_statement(fixtures_dir, activity_iri(side.run.pk, activity.pk))
    bad = json.loads((fixtures_dir / "xapi" / "xapi-statement-bad-006-id.json").read_text())
    elsewhere = _h5p_statement(fixtures_dir, "http://example.adlnet.gov/xapi/example/simpleCBT")
    for batch in ([good, bad], [good, elsewhere]):
        response = client.post(url, {"statements": batch}, format="json")
        assert response.status_code == 400
        assert response.json()["type"] == "urn:munet-aula:problem:refused"
    assert not ActivityResult.objects.exists()
    outsider = _session_of(world.b.officials[0])
    refused = outsider.post(url, {"statements": good}, format="json")
    assert refused.status_code == 403


@pytest.mark.fixtures
def test_unscored_statements_are_acknowledged_not_kept(world, fixtures_dir):
    side = world.a
    page = side.run.course.modules.first().activities.first()
    client = _session_of(side.officials[1])
    plain = json.loads((fixtures_dir / "xapi" / "xapi-statement-good-000-basic-1.json").read_text())
    plain["object"] = {"id": activity_iri(side.run.pk, page.pk)}
    response = client.post(
        reverse("api:xapi_statements", args=[side.run.pk]), {"statements": plain}, format="json"
    )
    assert response.status_code == 200
    assert response.json()[0]["stored"] is False
    assert not ActivityResult.objects.exists()


def test_a_statement_names_its_activity_in_plain_digits_or_as_a_lone_parent(world):
    side = world.a
    page = side.run.course.modules.first().activities.first()
    client = _session_of(side.officials[1])
    url = reverse("api:xapi_statements", args=[side.run.pk])
    address = activity_iri(side.run.pk, page.pk)
    statement = {
        "actor": {"mbox": "mailto:someone@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
    }
    superscript = {**statement, "object": {"id": address.rsplit("/", 2)[0] + "/\u00b2/"}}
    refused = client.post(url, {"statements": superscript}, format="json")
    assert refused.status_code == 400  # was a 500: "²".isdigit() yet int("²") fails
    assert refused.json()["type"] == "urn:munet-aula:problem:refused"
    # xAPI lets a context activity be one object instead of a list.
    lone_parent = {
        **statement,
        "object": {"id": "http://example.org/question/1"},
        "context": {"contextActivities": {"parent": {"id": address}}},
    }
    response = client.post(url, {"statements": lone_parent}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()[0]["activity"] == page.pk


@pytest.mark.parametrize(
    ("result", "problem"),
    [
        ({"score": {"raw": 1e20}}, "result.score.raw"),
        ({"score": {"raw": 1, "max": 2}, "response": "a\u0000b"}, "U+0000"),
    ],
    ids=["score beyond its column", "null character"],
)
def test_a_statement_the_store_cannot_keep_is_refused_not_a_crash(world, result, problem):
    # On PostgreSQL these were 500s: numeric field overflow, and jsonb refusing U+0000.
    side = world.a
    activity = H5PActivityFactory(module=side.run.course.modules.first(), position=9)
    client = _session_of(side.officials[1])
    statement = {
        "actor": {"mbox": "mailto:someone@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": activity_iri(side.run.pk, activity.pk)},
        "result": result,
    }
    url = reverse("api:xapi_statements", args=[side.run.pk])
    response = client.post(url, {"statements": statement}, format="json")
    assert response.status_code == 400
    assert problem in response.json()["detail"]
    assert not ActivityResult.objects.exists()


def test_activity_iri_is_the_learners_page(world):
    side = world.a
    activity = side.run.course.modules.first().activities.first()
    path = reverse("activity", args=[side.run.pk, activity.pk])
    assert activity_iri(side.run.pk, activity.pk).endswith(path)


# --- Query budgets: the same number of queries whatever the size of the list ---------------


def _grow(side, officials: int) -> None:
    from courses import services as course_services

    for _ in range(officials):
        person = MembershipFactory(municipality=side.municipality, role=Role.OFFICIAL).user
        course_services.enrolment_create(
            user=person, course_run=side.run, municipality=side.municipality
        )
        MunicipalityFactory(programme=side.programme)


LISTS = {
    "municipalities": (lambda s: reverse("api:programme_municipalities", args=[s.programme.pk])),
    "team": (lambda s: reverse("api:municipality_team", args=[s.municipality.pk])),
    "run enrolments": (lambda s: reverse("api:course_run_enrolments", args=[s.run.pk])),
    "certificates": (lambda s: reverse("api:certificates")),
    "courses": (lambda s: reverse("api:courses")),
    "runs": (lambda s: reverse("api:course_runs")),
    "programmes": (lambda s: reverse("api:programmes")),
}


@pytest.mark.parametrize("name", LISTS)
def test_lists_cost_the_same_queries_at_any_size(world, name, django_assert_max_num_queries):
    client = client_with_token(token_for(world.a.manager))
    url = LISTS[name](world.a)
    client.get(url)  # warm: the token's last use is written once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(world.a, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= 6


def test_membership_and_enrolment_counts_match_the_pages(world):
    assert Membership.objects.filter(municipality=world.a.municipality).count() == 3
    assert Enrolment.objects.filter(course_run=world.a.run).count() == 3


def test_public_verification_is_throttled_per_address_whatever_x_forwarded_for_says(
    api, monkeypatch
):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "certificate_verify", "2/min")
    url = reverse("api:certificate_verify")
    answers = [
        api.post(url, {"payload": "123"}, format="json", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(3)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    cache.clear()

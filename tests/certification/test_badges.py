"""Open Badges 3.0: a certificate downloaded as an OpenBadgeCredential (VC-JWT)."""

import base64
import datetime
import json

import pytest
from django.core.cache import cache

from certification import badges, codes, jose, keys, services
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.certification.test_status_list import bit, bits_of, verified_payload
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(enrolment, signing_key, settings):
    settings.SITE_URL = "https://aula.example.org"
    make_eligible(enrolment)
    return services.certificate_issue(enrolment_id=enrolment.pk)


def url_of(certificate) -> str:
    return f"/certificates/{certificate.serial.hex}/openbadge.jwt"


def manager_of(programme):
    user = UserFactory()
    MembershipFactory(user=user, municipality=None, programme=programme, role=Role.MANAGER)
    return user


def test_the_official_downloads_a_signed_open_badge(client, certificate, signing_key):
    official = certificate.enrolment.user
    client.force_login(official)

    response = client.get(url_of(certificate))

    assert response.status_code == 200
    display = codes.short_code_display(certificate.short_code)
    assert response["Content-Disposition"] == f'attachment; filename="openbadge-{display}.jwt"'
    token = response.content.decode()
    header, payload = verified_payload(token, signing_key)
    assert header == {
        "alg": "ES256",
        "kid": f"did:web:aula.example.org#{signing_key.kid}",
        "typ": "JWT",
    }
    assert payload["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["id"] == f"urn:uuid:{certificate.serial}" == payload["jti"]
    assert payload["issuer"] == {
        "id": "did:web:aula.example.org",
        "type": ["Profile"],
        "name": certificate.programme_name,
        "url": "https://aula.example.org",
    }
    assert payload["iss"] == payload["issuer"]["id"]
    valid_from = datetime.datetime.fromisoformat(payload["validFrom"])
    assert payload["nbf"] == int(valid_from.timestamp())
    assert abs(valid_from - certificate.issued_at) < datetime.timedelta(seconds=1)
    assert payload["name"] == certificate.course_title

    subject = payload["credentialSubject"]
    assert "id" not in subject and "sub" not in payload
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": certificate.name_printed,
        }
    ]
    achievement = subject["achievement"]
    course = certificate.enrolment.course_run.course
    assert achievement["id"] == f"https://aula.example.org/credentials/achievements/{course.code}"
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "Certificate"
    assert achievement["name"] == course.title and achievement["description"]
    assert achievement["humanCode"] == course.code
    assert f" {certificate.hours} " in achievement["criteria"]["narrative"]
    hours = achievement["resultDescription"][0]
    assert subject["result"] == [
        {"type": ["Result"], "resultDescription": hours["id"], "value": str(certificate.hours)}
    ]

    assert payload["credentialStatus"] == {
        "id": f"https://aula.example.org/credentials/status/1#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": "https://aula.example.org/credentials/status/1",
    }
    assert official.email not in token and official.email not in str(payload)
    # Our own verifier agrees.
    assert jose.verify(token, public_keys=keys.public_keys()).payload == payload


def test_the_badge_points_at_the_list_that_marks_its_revocation(client, certificate, signing_key):
    client.force_login(certificate.enrolment.user)
    payload = verified_payload(client.get(url_of(certificate)).content.decode(), signing_key)[1]
    status = payload["credentialStatus"]
    path = status["statusListCredential"].removeprefix("https://aula.example.org")
    index = int(status["statusListIndex"])

    def listed_bit() -> int:
        listed = verified_payload(client.get(path).content.decode(), signing_key)[1]
        return bit(bits_of(listed), index)

    assert listed_bit() == 0
    manager = manager_of(certificate.enrolment.course_run.programme)
    services.certificate_revoke(certificate=certificate, reason="error", by=manager)
    assert listed_bit() == 1
    # A revoked certificate is no longer handed out as a badge.
    assert client.get(url_of(certificate)).status_code == 404


def test_a_manager_of_the_programme_may_download_it(client, certificate):
    client.force_login(manager_of(certificate.enrolment.course_run.programme))
    assert client.get(url_of(certificate)).status_code == 200


def test_nobody_else_gets_the_badge(client, certificate, tutor):
    run = certificate.enrolment.course_run
    other_official = MembershipFactory(
        municipality=certificate.enrolment.municipality, role=Role.OFFICIAL
    ).user
    for user in (other_official, manager_of(ProgrammeFactory()), tutor):
        client.force_login(user)
        assert client.get(url_of(certificate)).status_code == 404, user
    assert run.tutors.filter(pk=tutor.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, certificate):
    response = client.get(url_of(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_serial_is_not_found(client, certificate):
    client.force_login(certificate.enrolment.user)
    assert client.get(f"/certificates/{'0' * 32}/openbadge.jwt").status_code == 404
    assert client.get(f"/certificates/{certificate.serial}/openbadge.jwt").status_code == 404


def test_the_achievement_is_published(client, certificate):
    course = certificate.enrolment.course_run.course
    response = client.get(f"/credentials/achievements/{course.code}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == badges.achievement(course, hours=certificate.hours)
    assert client.get("/credentials/achievements/NO-SUCH-COURSE").status_code == 404


def test_the_criteria_name_what_the_rule_asks(certificate):
    course = certificate.enrolment.course_run.course
    course.requires_tutor_signoff = True
    course.language = "en"
    narrative = badges.achievement(course, hours=100)["criteria"]["narrative"]
    assert "at least 100 hours" in narrative
    assert "at least 50 hours" in narrative  # measured share 50 %
    assert "3 activities" in narrative
    assert "sign-off" in narrative


def test_our_verifier_refuses_a_changed_badge_an_unknown_key_and_alg_none(certificate, signing_key):
    token = badges.signed(certificate)
    header, payload, signature = token.split(".")
    public = keys.public_keys()
    changed = payload[:40] + ("A" if payload[40] != "A" else "B") + payload[41:]
    forged_header = jose_header({"alg": "none", "kid": f"did:web:x#{signing_key.kid}"})
    for bad, problem in [
        (f"{header}.{changed}.{signature}", "signature does not match"),
        (f"{forged_header}.{payload}.", "unsupported algorithm"),
        (token, "unknown key id"),
        ("not a token", "not a compact JWS"),
    ]:
        keys_here = {} if problem == "unknown key id" else public
        with pytest.raises(jose.JoseError, match=problem):
            jose.verify(bad, public_keys=keys_here)


def jose_header(header: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()

"""The revocation list: a signed W3C Bitstring Status List at a stable URL."""

import base64
import gzip
import json
import random
import time
import uuid

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.cache import cache
from django.utils import timezone

from certification import services, status_list
from certification.models import Certificate
from certification.services import STATUS_LIST_SIZE
from courses import services as course_services
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/credentials/status/1"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def b64url(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def verified_payload(token: str, signing_key) -> tuple[dict, dict]:
    """Check an ES256 compact JWS with the published public key, without our own code."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    signature = b64url(signature_b64)
    assert len(signature) == 64  # JOSE: raw r ‖ s
    public_key = serialization.load_pem_public_key(signing_key.public_key_pem.encode())
    public_key.verify(
        encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        ),
        f"{header_b64}.{payload_b64}".encode(),
        ec.ECDSA(hashes.SHA256()),
    )  # raises InvalidSignature otherwise
    return json.loads(b64url(header_b64)), json.loads(b64url(payload_b64))


def bits_of(payload: dict) -> bytes:
    encoded = payload["credentialSubject"]["encodedList"]
    assert encoded.startswith("u") and "=" not in encoded
    return gzip.decompress(b64url(encoded[1:]))


def bit(bitstring: bytes, index: int) -> int:
    return (bitstring[index // 8] >> (7 - index % 8)) & 1


def second_enrolment(enrolment):
    user = MembershipFactory(municipality=enrolment.municipality, role=Role.OFFICIAL).user
    other, _ = course_services.enrolment_create(
        user=user, course_run=enrolment.course_run, municipality=enrolment.municipality
    )
    return make_eligible(other)


@pytest.fixture
def two_certificates(enrolment, signing_key):
    make_eligible(enrolment)
    kept = services.certificate_issue(enrolment_id=enrolment.pk)
    other = second_enrolment(enrolment)
    revoked = services.certificate_issue(enrolment_id=other.pk)
    services.certificate_revoke(certificate=revoked, reason="error", by=enrolment.user)
    revoked.refresh_from_db()
    return kept, revoked


def test_encoding_puts_index_zero_in_the_leftmost_bit():
    encoded = status_list.encode([0, 9, STATUS_LIST_SIZE - 1])
    bitstring = status_list.decode(encoded)
    assert len(bitstring) * 8 == STATUS_LIST_SIZE == 131_072
    assert bitstring[0] == 0b1000_0000 and bitstring[1] == 0b0100_0000
    assert bitstring[-1] == 0b0000_0001
    assert [status_list.is_set(bitstring, i) for i in (0, 1, 9, 10)] == [1, 0, 1, 0]
    assert encoded == status_list.encode([9, 0, STATUS_LIST_SIZE - 1])  # deterministic


def test_the_list_is_signed_and_sets_only_revoked_certificates(
    client, settings, two_certificates, signing_key
):
    settings.SITE_URL = "https://aula.example.org:8443"
    kept, revoked = two_certificates

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"]
    header, payload = verified_payload(response.content.decode(), signing_key)
    assert header == {
        "alg": "ES256",
        "kid": f"did:web:aula.example.org%3A8443#{signing_key.kid}",
        "typ": "vc+jwt",
    }
    assert payload["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert payload["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert payload["id"] == "https://aula.example.org:8443/credentials/status/1"
    assert payload["issuer"] == "did:web:aula.example.org%3A8443"
    assert payload["validFrom"] < payload["validUntil"]
    subject = payload["credentialSubject"]
    assert subject["id"] == payload["id"] + "#list"
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    bitstring = bits_of(payload)
    assert len(bitstring) * 8 == 131_072
    assert bit(bitstring, revoked.status_index) == 1
    assert bit(bitstring, kept.status_index) == 0
    assert sum(bin(byte).count("1") for byte in bitstring) == 1


def test_the_key_id_resolves_in_the_sites_did_document(
    client, settings, two_certificates, signing_key
):
    settings.SITE_URL = "https://aula.example.org:8443"
    header, payload = verified_payload(client.get(URL).content.decode(), signing_key)
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == payload["issuer"] == header["kid"].partition("#")[0]
    methods = {method["id"]: method for method in document["verificationMethod"]}
    assert header["kid"] in methods and header["kid"] in document["assertionMethod"]
    jwk = methods[header["kid"]]["publicKeyJwk"]
    numbers = serialization.load_pem_public_key(
        signing_key.public_key_pem.encode()
    ).public_numbers()
    assert b64url(jwk["x"]) == numbers.x.to_bytes(32, "big")
    assert b64url(jwk["y"]) == numbers.y.to_bytes(32, "big")


def test_a_revocation_shows_at_once_despite_the_cache(client, two_certificates, signing_key):
    kept, _revoked = two_certificates
    before = bits_of(verified_payload(client.get(URL).content.decode(), signing_key)[1])
    assert client.get(URL).content == client.get(URL).content  # served from the cache

    services.certificate_revoke(certificate=kept, reason="misconduct", by=kept.enrolment.user)

    after = bits_of(verified_payload(client.get(URL).content.decode(), signing_key)[1])
    assert bit(before, kept.status_index) == 0
    assert bit(after, kept.status_index) == 1


def test_the_list_costs_a_bounded_number_of_queries(
    client, two_certificates, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):  # revocation state, signing key, revoked indices
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(1):  # from the cache: the revocation state only
        assert client.get(URL).status_code == 200
    assert client.head(URL).status_code == 200


def test_a_superseded_certificate_is_not_marked_revoked(client, enrolment, signing_key):
    make_eligible(enrolment)
    old = services.certificate_issue(enrolment_id=enrolment.pk)
    new = services.certificate_reissue_with_name(certificate=old, name="Nombre Corregido")

    bitstring = bits_of(verified_payload(client.get(URL).content.decode(), signing_key)[1])

    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert bit(bitstring, old.status_index) == 0 and bit(bitstring, new.status_index) == 0


def test_the_unsigned_form_is_the_same_credential(client, two_certificates, signing_key):
    _kept, revoked = two_certificates
    token = client.get(URL).content.decode()
    response = client.get(URL, {"format": "json"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == verified_payload(token, signing_key)[1]
    assert bit(bits_of(response.json()), revoked.status_index) == 1


def test_without_a_signing_key_the_list_is_unavailable(client, settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path
    response = client.get(URL)
    assert response.status_code == 503
    assert "certificate_key_generate" in response.content.decode()


def test_building_the_list_with_5000_revocations_is_fast(enrolment, signing_key):
    """Prints the cost of reading, encoding and signing the full list (run with -s)."""
    make_eligible(enrolment)
    template = services.certificate_issue(enrolment_id=enrolment.pk)
    indices = random.Random(5).sample(
        [i for i in range(STATUS_LIST_SIZE) if i != template.status_index], 5000
    )
    now = timezone.now()
    Certificate.objects.bulk_create(
        Certificate(
            enrolment=enrolment,
            course_run_id=enrolment.course_run_id,
            serial=uuid.uuid4(),
            short_code=f"T{number:011d}",
            status=Certificate.Status.REVOKED,
            name_printed=template.name_printed,
            course_code=template.course_code,
            course_title=template.course_title,
            programme_name=template.programme_name,
            issuer=template.issuer,
            hours=template.hours,
            completed_on=template.completed_on,
            status_index=index,
            signing_key=signing_key,
            signed_payload=b"",
            revoked_at=now,
            revocation_reason="error",
        )
        for number, index in enumerate(indices)
    )

    started = time.perf_counter()
    published = status_list.build()
    built = time.perf_counter() - started
    started = time.perf_counter()
    status_list.published()
    first = time.perf_counter() - started
    started = time.perf_counter()
    status_list.published()
    cached = time.perf_counter() - started

    bitstring = status_list.decode(published.credential["credentialSubject"]["encodedList"])
    assert sum(bin(byte).count("1") for byte in bitstring) == 5000
    assert all(status_list.is_set(bitstring, index) for index in indices)
    print(
        f"\nstatus list: {STATUS_LIST_SIZE} bits, 5000 revoked: build + sign {built * 1000:.1f} ms"
        f" (through the cache, first {first * 1000:.1f} ms, then {cached * 1000:.1f} ms);"
        f" encodedList {len(published.credential['credentialSubject']['encodedList'])} chars,"
        f" JWT {len(published.token)} bytes"
    )
    assert built < 2.0

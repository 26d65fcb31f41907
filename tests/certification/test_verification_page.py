"""The public verification page, the published keys and the status the page asks for."""

import base64
import datetime
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.cache import cache
from django.urls import reverse
from django.utils import dateformat, formats, translation

from certification import codes, cose, keys, qr_payload, services
from certification.models import Certificate, RevocationReason
from programs.models import Role
from tests.certification.conftest import make_eligible
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

NAME = "María Fernanda Rodríguez de la Cruz Gómez"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(enrolment, signing_key):
    make_eligible(enrolment)
    enrolment.user.full_name = NAME
    enrolment.user.save()
    return services.certificate_issue(enrolment_id=enrolment.pk)


@pytest.fixture
def manager(enrolment):
    return MembershipFactory(
        programme=enrolment.course_run.programme, role=Role.MANAGER, municipality=None
    ).user


def _code_url(certificate) -> str:
    return reverse("verification_code", args=[certificate.short_code])


def _status_url(certificate) -> str:
    return reverse("verification_status", args=[certificate.serial.hex])


def _b64(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def _spanish_date(value: datetime.date) -> str:
    with translation.override("es"):
        return dateformat.format(value, formats.get_format("DATE_FORMAT"))


def _script_strings(html: str) -> dict:
    """The sentences the page hands to verify.js (its JSON script tag)."""
    return json.loads(html.split('id="verify-strings" type="application/json">')[1].split("<")[0])


# --- Published keys --------------------------------------------------------------


def test_jwks_publishes_every_key_ever_used_with_cors(client, certificate):
    retired = certificate.signing_key.kid
    current = keys.signing_key_generate()

    response = client.get("/.well-known/jwks.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"]
    published = {key["kid"]: key for key in response.json()["keys"]}
    assert set(published) == {retired, current.kid}
    jwk = published[retired]
    assert {k: jwk[k] for k in ("kty", "crv", "alg", "use")} == {
        "kty": "EC",
        "crv": "P-256",
        "alg": "ES256",
        "use": "sig",
    }
    # The published numbers are the key that signed the certificate: it verifies with them.
    public_key = ec.EllipticCurvePublicNumbers(
        _b64(jwk["x"]), _b64(jwk["y"]), ec.SECP256R1()
    ).public_key()
    verified = cose.verify(bytes(certificate.signed_payload), public_keys={retired: public_key})
    assert verified.claims["n"] == NAME


def test_did_web_document_names_each_key_for_the_site_host(client, settings, signing_key):
    settings.SITE_URL = "https://aula.example.org:8443"

    response = client.get("/.well-known/did.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    did = "did:web:aula.example.org%3A8443"
    assert document["id"] == did
    method_id = f"{did}#{signing_key.kid}"
    [method] = document["verificationMethod"]
    assert method["id"] == method_id
    assert method["type"] == "JsonWebKey2020"
    assert method["controller"] == did
    jwk = client.get("/.well-known/jwks.json").json()["keys"][0]
    assert method["publicKeyJwk"] == {k: v for k, v in jwk.items() if k != "use"}
    assert document["assertionMethod"] == [method_id]


# --- Status for the browser --------------------------------------------------------


def test_status_of_a_valid_certificate(client, certificate):
    response = client.get(_status_url(certificate))

    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {
        "status",
        "revoked_on",
        "reason",
        "superseded_by_code",
        "short_code",
        "pdf_sha256",
        "checked_at",
    }
    assert answer["status"] == "valid"
    assert answer["short_code"] == codes.short_code_display(certificate.short_code)
    assert answer["pdf_sha256"] == certificate.pdf_sha256
    assert answer["revoked_on"] is None and answer["superseded_by_code"] is None
    datetime.datetime.fromisoformat(answer["checked_at"])
    assert "noindex" in response["X-Robots-Tag"]
    assert NAME not in response.content.decode()


def test_status_of_a_revoked_certificate_has_its_date_and_coarse_reason(
    client, certificate, manager
):
    when = datetime.datetime(2026, 3, 9, 15, 0, tzinfo=datetime.UTC)
    services.certificate_revoke(
        certificate=certificate,
        reason=RevocationReason.ISSUED_IN_ERROR,
        by=manager,
        note="Internal: the quiz was taken by someone else",
        now=when,
    )

    answer = client.get(_status_url(certificate)).json()

    assert answer["status"] == "revoked"
    assert answer["revoked_on"] == "2026-03-09"
    assert answer["reason"] == "Emitido por error"  # in the page's language
    assert "Internal" not in json.dumps(answer)
    english = client.get(_status_url(certificate) + "?lang=en").json()
    assert english["reason"] == "Issued in error"


def test_status_of_a_superseded_certificate_points_to_the_new_one(client, certificate):
    new = services.certificate_reissue_with_name(certificate=certificate, name="María Gómez")

    answer = client.get(_status_url(certificate)).json()

    assert answer["status"] == "superseded"
    assert answer["superseded_by_code"] == codes.short_code_display(new.short_code)
    assert client.get(_status_url(new)).json()["status"] == "valid"


def test_status_of_an_unknown_serial(client, signing_key):
    answer = client.get(reverse("verification_status", args=["ab" * 16])).json()

    assert answer["status"] == "unknown"
    assert answer["short_code"] is None and answer["pdf_sha256"] is None


def test_status_refuses_a_serial_that_is_not_32_hex_digits(client, db):
    assert client.get("/v/status/xyz/").status_code == 404


# --- The page and the short code ---------------------------------------------------


def test_the_page_is_public_noindex_spanish_and_carries_its_strings(client, db):
    response = client.get("/v/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<html lang="es">' in html
    assert "Verificar un certificado" in html
    strings = json.loads(
        html.split('id="verify-strings" type="application/json">')[1].split("<")[0]
    )
    assert strings["genuine"] == "Certificado auténtico"
    assert strings["forged"] == "NO auténtico"
    # Without JavaScript the page says so, and the short-code form still works.
    assert "<noscript>" in html
    assert 'action="/v/c/"' in html


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("?lang=fr", "", "fr"),
        ("?lang=pt-BR", "es", "pt-br"),
        ("", "pt-BR,pt;q=0.9", "pt-br"),
        ("", "en-US,en;q=0.8", "en"),
        ("", "de-DE", "es"),
    ],
)
def test_the_page_speaks_the_language_asked_for(client, db, query, header, expected):
    response = client.get("/v/" + query, headers={"accept-language": header} if header else {})

    assert f'<html lang="{expected}">' in response.content.decode()
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]


def test_the_short_code_is_read_in_lower_case_with_or_without_hyphens(client, certificate):
    typed = codes.short_code_display(certificate.short_code).lower()

    response = client.get("/v/c/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == _code_url(certificate)
    assert client.get(f"/v/c/{typed}/").status_code == 200


def test_the_short_code_page_of_a_valid_certificate(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(_code_url(certificate))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Certificado auténtico" in html
    assert "Estado: <strong>Válido</strong>" in html
    assert NAME in html
    assert certificate.course_title in html
    assert codes.short_code_display(certificate.short_code) in html
    assert certificate.signing_key.kid in html
    # The browser verifies too: the signed bytes are on the page as digits.
    assert f'data-digits="{qr_payload.digits_from_bytes(certificate.signed_payload)}"' in html
    assert 'data-server-verdict="genuine"' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_the_short_code_page_of_a_revoked_certificate_shows_revoked_and_its_date(
    client, certificate, manager
):
    when = datetime.datetime(2026, 3, 9, 15, 0, tzinfo=datetime.UTC)
    services.certificate_revoke(
        certificate=certificate,
        reason=RevocationReason.MISCONDUCT,
        by=manager,
        note="Confidential note",
        now=when,
    )

    html = client.get(_code_url(certificate)).content.decode()

    assert "Estado: <strong>Revocado</strong>" in html
    assert f"Revocado el {_spanish_date(when.date())}." in html
    assert "Motivo: Falta académica" in html
    assert 'class="verdict verdict-warn"' in html
    assert "Confidential note" not in html


def test_the_short_code_page_of_a_superseded_certificate_links_to_the_new_one(client, certificate):
    new = services.certificate_reissue_with_name(certificate=certificate, name="María Gómez")

    html = client.get(_code_url(certificate)).content.decode()

    assert "Estado: <strong>Reemplazado</strong>" in html
    display = codes.short_code_display(new.short_code)
    assert f'href="/v/c/{display}/"' in html
    assert client.get(f"/v/c/{display}/").status_code == 200


def test_a_typo_in_the_short_code_is_reported_as_a_typo(client, certificate):
    code = certificate.short_code
    wrong_check = next(s for s in codes.ALPHABET if s != code[-1])

    response = client.get("/v/c/", {"code": code[:-1] + wrong_check})

    assert response.status_code == 400
    assert "El código tiene un error de escritura" in response.content.decode()
    assert NAME not in response.content.decode()


def test_an_unknown_short_code_names_no_certificate(client, certificate):
    data = "0" * 10 + ("1" if certificate.short_code[:11] != "0" * 10 + "1" else "2")
    code = data + codes.check_symbol(data)

    response = client.get(f"/v/c/{code}/")

    assert response.status_code == 404
    assert "Ningún certificado tiene este código" in response.content.decode()


def test_something_that_is_not_a_code_says_what_a_code_looks_like(client, db):
    response = client.get("/v/c/", {"code": "hello"})

    assert response.status_code == 400
    assert "7K2M-QX4P-9RTD" in response.content.decode()


def test_a_stored_payload_with_one_changed_byte_is_not_genuine(client, certificate):
    signed = bytearray(certificate.signed_payload)
    signed[len(signed) // 2] ^= 0x01
    Certificate.objects.filter(pk=certificate.pk).update(signed_payload=bytes(signed))

    response = client.get(_code_url(certificate))

    html = response.content.decode()
    assert "NO auténtico" in html
    assert "Certificado auténtico" not in html
    assert NAME not in html
    assert 'data-server-verdict="forged"' in html


def test_a_payload_of_another_certificate_stored_in_this_row_is_not_genuine(
    client, certificate, enrolment
):
    new = services.certificate_reissue_with_name(certificate=certificate, name="Otra Persona")
    Certificate.objects.filter(pk=certificate.pk).update(signed_payload=new.signed_payload)

    html = client.get(_code_url(certificate)).content.decode()

    assert "NO auténtico" in html
    assert "Otra Persona" not in html


def test_the_service_worker_is_served_under_v(client, db):
    response = client.get("/v/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "/static/frontend/verify.js" in body and "jwks.json" in body


# --- Rate limit and privacy ---------------------------------------------------------


def test_look_ups_are_rate_limited_per_client_address(client, settings, certificate):
    settings.VERIFY_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(_status_url(certificate)).status_code == 200

    limited = client.get(_status_url(certificate))
    page = client.get(_code_url(certificate))
    other_client = client.get(_status_url(certificate), REMOTE_ADDR="192.0.2.7")

    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Demasiadas consultas" in limited.json()["error"]
    assert page.status_code == 429
    assert "Demasiadas consultas" in page.content.decode()
    assert NAME not in page.content.decode()
    assert other_client.status_code == 200
    # The page itself and the keys are not counted.
    assert client.get("/v/").status_code == 200
    assert client.get("/.well-known/jwks.json").status_code == 200


def test_no_response_carries_the_persons_email(client, certificate, manager):
    email = certificate.enrolment.user.email
    new = services.certificate_reissue_with_name(certificate=certificate, name="María Gómez")
    services.certificate_revoke(certificate=new, reason=RevocationReason.OTHER, by=manager)
    responses = [
        client.get(url)
        for url in (
            "/v/",
            _code_url(certificate),
            _code_url(new),
            _status_url(certificate),
            _status_url(new),
            "/.well-known/jwks.json",
            "/.well-known/did.json",
            "/v/sw.js",
        )
    ]
    assert all(response.status_code == 200 for response in responses)
    for response in responses:
        assert email not in response.content.decode()


def test_the_language_links_keep_what_was_typed(client, db):
    html = client.get("/v/c/", {"code": "7k2m"}).content.decode()

    assert 'href="?code=7k2m&amp;lang=fr"' in html
    assert 'href="?code=7k2m&amp;lang=pt-br"' in html


@pytest.mark.parametrize(
    ("language", "title", "genuine"),
    [
        ("en", "Verify a certificate", "Genuine certificate"),
        ("pt-br", "Verificar um certificado", "Certificado autêntico"),
        ("fr", "Vérifier un certificat", "Certificat authentique"),
    ],
)
def test_the_page_and_its_script_strings_are_translated(client, db, language, title, genuine):
    html = client.get("/v/", {"lang": language}).content.decode()

    assert f"<h1>{title}</h1>" in html
    assert _script_strings(html)["genuine"] == genuine

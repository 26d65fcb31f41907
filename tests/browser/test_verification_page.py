"""Journey 5 in a real browser: anyone opens a QR link and sees whether to trust the certificate."""

import datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from certification import codes, cose, qr_payload, services
from certification.models import RevocationReason
from programs.models import Role
from tests.certification.conftest import make_eligible, signing_key  # noqa: F401
from tests.courses.conftest import enrolment, municipality, official, run  # noqa: F401
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Ana Lucía Quispe Mamani"


@pytest.fixture
def certificate(enrolment, signing_key):  # noqa: F811
    make_eligible(enrolment)
    enrolment.user.full_name = NAME
    enrolment.user.save()
    return services.certificate_issue(enrolment_id=enrolment.pk)


@pytest.fixture
def watched(browser_page):
    """The page, with every console error and uncaught exception noted."""
    problems = []
    browser_page.on(
        "console", lambda message: problems.append(message.text) if message.type == "error" else 0
    )
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.problems = problems
    return browser_page


def _link(page, signed: bytes) -> str:
    return f"{page.live_server_url}/v/#{qr_payload.digits_from_bytes(signed)}"


def _one_group_changed(digits: str) -> str:
    """Add one to a 13-digit group in the middle (still a valid group: one byte differs)."""
    start = (len(digits) // 13 // 2) * 13
    value = (int(digits[start : start + 13]) + 1) % 256**5
    return digits[:start] + str(value).zfill(13) + digits[start + 13 :]


def test_a_scanned_link_is_genuine_and_valid_and_the_pdf_compares(watched, certificate):
    page = watched
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(_link(page, certificate.signed_payload))

    verdict = page.locator("#result .verdict")
    expect(verdict).to_contain_text("Certificado auténtico")
    expect(page.locator("#result .status")).to_contain_text("Válido")
    claims = page.locator("#result .claims")
    expect(claims).to_contain_text(NAME)
    expect(claims).to_contain_text(certificate.course_title)
    expect(claims).to_contain_text(certificate.signing_key.kid)
    expect(page.locator(".claim-code")).to_have_text(
        codes.short_code_display(certificate.short_code)
    )
    # A phone's width: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The issued PDF matches; any other file does not (and neither leaves the browser).
    certificate.pdf.open("rb")
    issued = certificate.pdf.read()
    certificate.pdf.close()
    page.locator("#pdf-file").set_input_files(
        files=[{"name": "certificado.pdf", "mimeType": "application/pdf", "buffer": issued}]
    )
    expect(page.locator("#pdf-result")).to_have_text("Este archivo es el que se emitió.")
    page.locator("#pdf-file").set_input_files(
        files=[{"name": "otro.pdf", "mimeType": "application/pdf", "buffer": issued + b"\n"}]
    )
    expect(page.locator("#pdf-result")).to_contain_text("Este archivo es distinto")
    assert page.problems == []


def test_one_changed_digit_group_is_not_genuine(watched, certificate):
    page = watched
    digits = qr_payload.digits_from_bytes(certificate.signed_payload)

    page.goto(f"{page.live_server_url}/v/#{_one_group_changed(digits)}")

    bad = page.locator("#result .verdict-bad")
    expect(bad).to_contain_text("NO auténtico")
    expect(bad).to_contain_text("La firma no corresponde a los datos")
    expect(page.locator("#result")).not_to_contain_text(NAME)
    expect(page.locator("#pdf-check")).to_be_hidden()
    assert page.problems == []


def test_a_key_this_site_never_published_is_not_genuine(watched, certificate):
    page = watched
    claims = cose.verify(
        bytes(certificate.signed_payload),
        public_keys={certificate.signing_key.kid: _public_key_of(certificate)},
    ).claims
    forged = cose.sign(claims, private_key=ec.generate_private_key(ec.SECP256R1()), kid="nope")

    page.goto(_link(page, forged))

    bad = page.locator("#result .verdict-bad")
    expect(bad).to_contain_text("NO auténtico")
    expect(bad).to_contain_text("clave que este sitio nunca ha publicado")
    expect(page.locator("#result")).not_to_contain_text(NAME)
    assert page.problems == []


def _public_key_of(certificate):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_public_key(certificate.signing_key.public_key_pem.encode())


def test_a_revoked_certificate_shows_revoked(watched, certificate):
    manager = MembershipFactory(
        programme=certificate.enrolment.course_run.programme, role=Role.MANAGER, municipality=None
    ).user
    services.certificate_revoke(
        certificate=certificate,
        reason=RevocationReason.ISSUED_IN_ERROR,
        by=manager,
        now=datetime.datetime(2026, 3, 9, 12, 0, tzinfo=datetime.UTC),
    )
    page = watched

    page.goto(_link(page, certificate.signed_payload))

    status = page.locator("#result .status")
    expect(status).to_contain_text("Revocado")
    expect(status).to_contain_text("9 de marzo de 2026")
    expect(status).to_contain_text("Emitido por error")
    # Genuine, but no longer valid: the headline is not green.
    expect(page.locator("#result .verdict")).to_have_class("verdict verdict-warn")
    assert page.problems == []


def test_the_short_code_page_verifies_in_the_browser_too(watched, certificate):
    page = watched
    page.goto(f"{page.live_server_url}/v/")
    page.get_by_role("textbox", name="Código corto").fill(
        codes.short_code_display(certificate.short_code).lower()
    )
    page.get_by_role("button", name="Comprobar").click()

    expect(page.locator("#result .verdict")).to_contain_text("Certificado auténtico")
    expect(page.locator("#result .claims")).to_contain_text(NAME)
    expect(page.locator("#pdf-check")).to_be_visible()  # the browser's own check ran
    assert page.problems == []


# Not wait_for_function: it polls with eval(), which the page's CSP rightly refuses
# (it passed only when the worker was in control at the first look).
_CONTROLLED_WITHIN_10_S = """() => navigator.serviceWorker.controller !== null || new Promise(
    (resolve) => {
        navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true));
        setTimeout(() => resolve(navigator.serviceWorker.controller !== null), 10000);
    })"""


def test_offline_the_page_still_verifies_with_the_last_known_status(watched, certificate):
    page = watched
    link = _link(page, certificate.signed_payload)
    page.goto(link)
    expect(page.locator("#result .status")).to_contain_text("Válido")
    assert page.evaluate(_CONTROLLED_WITHIN_10_S), "the service worker never took the page"

    page.context.set_offline(True)
    page.reload()

    expect(page.locator("#result .verdict")).to_contain_text("Certificado auténtico")
    expect(page.locator("#result .status")).to_contain_text("Último estado conocido")
    expect(page.locator("#result .status")).to_contain_text("Válido")
    page.context.set_offline(False)

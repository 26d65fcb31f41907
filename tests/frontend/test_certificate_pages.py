"""Managers' certificate pages for a course run, from the outside (in Spanish)."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from certification import services
from certification.models import Certificate, CertificateBatch
from courses import services as course_services
from programs.models import Role
from tests.certification import conftest as certification_fixtures
from tests.certification.conftest import make_eligible
from tests.courses import conftest as course_fixtures
from tests.factories import PASSWORD, MembershipFactory, ProgrammeFactory, UserFactory

# The course and certification fixtures (a run of three page activities, an
# enrolled official, a signing key in a temporary folder).
run = course_fixtures.run
activities = course_fixtures.activities
municipality = course_fixtures.municipality
official = course_fixtures.official
enrolment = course_fixtures.enrolment
tutor = course_fixtures.tutor
signing_key = certification_fixtures.signing_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(run, manager_of):
    return manager_of(run.programme)


def _certified(run, municipality, count: int) -> list[Certificate]:
    certificates = []
    for _ in range(count):
        official = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
        learner, _ = course_services.enrolment_create(
            user=official, course_run=run, municipality=municipality
        )
        make_eligible(learner)
        certificates.append(services.certificate_issue(enrolment_id=learner.pk))
    return certificates


@pytest.fixture
def certificate(enrolment, activities, signing_key):
    make_eligible(enrolment)
    return services.certificate_issue(enrolment_id=enrolment.pk)


@pytest.fixture
def zip_batch(run, manager, certificate, django_capture_on_commit_callbacks, client):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("manage_certificate_batch_request", args=[run.pk]),
            {"kind": CertificateBatch.Kind.ZIP},
        )
    client.logout()
    return CertificateBatch.objects.get(kind=CertificateBatch.Kind.ZIP)


def test_only_the_programmes_managers_reach_the_pages(
    client, run, manager, tutor, official, certificate, zip_batch
):
    urls = [
        reverse("manage_run_certificates", args=[run.pk]),
        reverse("manage_certificate_pdf", args=[certificate.pk]),
        reverse("manage_certificate_revoke", args=[certificate.pk]),
        reverse("manage_certificate_reissue", args=[certificate.pk]),
        reverse("manage_certificate_batch", args=[zip_batch.pk]),
        reverse("manage_certificate_batch_progress", args=[zip_batch.pk]),
        reverse("manage_certificate_batch_archive", args=[zip_batch.pk]),
    ]
    client.force_login(manager)
    assert all(client.get(url).status_code == 200 for url in urls)

    other_manager = UserFactory()
    MembershipFactory(
        user=other_manager, municipality=None, programme=ProgrammeFactory(), role=Role.MANAGER
    )
    for outsider in (tutor, official, other_manager):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
        response = client.post(
            reverse("manage_certificate_batch_request", args=[run.pk]), {"kind": "issue"}
        )
        assert response.status_code == 404
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page
    assert CertificateBatch.objects.count() == 1


def test_the_run_page_lists_certificates_in_spanish(client, run, manager, certificate):
    client.force_login(manager)
    page = client.get(reverse("manage_run_certificates", args=[run.pk])).content.decode()

    display = f"{certificate.short_code[:4]}-{certificate.short_code[4:8]}-"
    assert display in page
    assert certificate.name_printed in page
    assert "Válido" in page
    assert "Emitir certificados a todas las personas elegibles" in page
    assert "Corregir el nombre" in page and "Revocar" in page
    assert reverse("manage_certificate_pdf", args=[certificate.pk]) in page
    # The programme page links to it.
    programme_page = client.get(reverse("manage_programme", args=[run.programme_id]))
    assert reverse("manage_run_certificates", args=[run.pk]) in programme_page.content.decode()


def test_search_by_name_or_code_and_filter_by_status(
    client, run, municipality, manager, activities, signing_key
):
    first, second, third = _certified(run, municipality, 3)
    services.certificate_revoke(certificate=third, reason="error", by=manager)
    client.force_login(manager)
    url = reverse("manage_run_certificates", args=[run.pk])

    by_name = client.get(url, {"q": first.name_printed})
    typed_code = f"{second.short_code[:4]} {second.short_code[4:8]}-{second.short_code[8:]}"
    by_code = client.get(url, {"q": typed_code.lower()})
    revoked = client.get(url, {"status": "revoked"})

    assert [c.pk for c in by_name.context["page"]] == [first.pk]
    assert [c.pk for c in by_code.context["page"]] == [second.pk]
    assert [c.pk for c in revoked.context["page"]] == [third.pk]
    assert "Emitido por error" in revoked.content.decode()


def test_the_pdf_is_the_one_issued(client, manager, certificate):
    client.force_login(manager)
    response = client.get(reverse("manage_certificate_pdf", args=[certificate.pk]))
    with certificate.pdf.open("rb") as issued:
        assert response.content == issued.read()
    assert response["Content-Type"] == "application/pdf"
    assert certificate.short_code[:4] in response["Content-Disposition"]


def test_revoking_asks_a_reason_then_a_confirmation(client, run, manager, certificate):
    client.force_login(manager)
    url = reverse("manage_certificate_revoke", args=[certificate.pk])

    missing = client.post(url, {"reason": "", "note": "x"})
    assert missing.status_code == 200 and "Este campo es requerido" in missing.content.decode()

    confirm = client.post(url, {"reason": "misconduct", "note": "Plagio en el ensayo final"})
    page = confirm.content.decode()
    assert "Confirmar la revocación" in page and "Falta académica" in page
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID  # nothing changed yet

    done = client.post(
        url, {"reason": "misconduct", "note": "Plagio en el ensayo final", "confirmed": "yes"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("manage_run_certificates", args=[run.pk])
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "misconduct"
    assert certificate.revocation_note == "Plagio en el ensayo final"
    assert certificate.revoked_by == manager
    # A revoked certificate offers no second revocation.
    again = client.get(url, follow=True)
    assert "Solo se puede revocar un certificado válido." in again.content.decode()


def test_correcting_the_name_reissues_and_supersedes(client, manager, certificate):
    client.force_login(manager)
    url = reverse("manage_certificate_reissue", args=[certificate.pk])
    form = client.get(url).content.decode()
    assert certificate.name_printed in form

    same = client.post(url, {"name": certificate.name_printed})
    assert same.status_code == 200 and "ya impreso" in same.content.decode()

    response = client.post(url, {"name": "María José Pérez Gómez"}, follow=True)

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED
    new = certificate.superseded_by
    assert new.status == Certificate.Status.VALID and new.name_printed == "María José Pérez Gómez"
    page = response.content.decode()
    assert "María José Pérez Gómez" in page and "Reemplazado" in page


def test_the_list_costs_the_same_queries_at_3_and_30_certificates(
    client, run, municipality, manager, activities, signing_key, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("manage_run_certificates", args=[run.pk])
    counts = []
    for size in (3, 27):
        _certified(run, municipality, size)
        with django_assert_max_num_queries(12) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert Certificate.objects.count() == 30
    assert counts[0] == counts[1]


def test_bulk_issuance_from_the_page_and_its_progress(
    client, run, municipality, manager, activities, signing_key, django_capture_on_commit_callbacks
):
    eligible = []
    for _ in range(3):
        official = MembershipFactory(municipality=municipality, role=Role.OFFICIAL).user
        learner, _ = course_services.enrolment_create(
            user=official, course_run=run, municipality=municipality
        )
        eligible.append(make_eligible(learner))
    client.force_login(manager)
    run_page = client.get(reverse("manage_run_certificates", args=[run.pk])).content.decode()
    assert "tienen las horas y el tiempo de estudio" in run_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("manage_certificate_batch_request", args=[run.pk]), {"kind": "issue"}
        )

    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse("manage_certificate_batch", args=[batch.pk])
    assert batch.status == CertificateBatch.Status.DONE and batch.issued == 3
    page = client.get(response["Location"]).content.decode()
    assert "3 de 3" in page and 'role="status"' in page and "<progress" in page
    assert 'http-equiv="refresh"' not in page and "frontend/progress.js" not in page
    assert Certificate.objects.filter(status="valid").count() == 3
    # Found again from the run's page.
    run_page = client.get(reverse("manage_run_certificates", args=[run.pk])).content.decode()
    assert reverse("manage_certificate_batch", args=[batch.pk]) in run_page


def test_a_second_click_while_running_shows_the_running_batch(client, run, manager):
    running = CertificateBatch.objects.create(
        course_run=run, kind="issue", status="running", total=40, done=10
    )
    client.force_login(manager)
    response = client.post(
        reverse("manage_certificate_batch_request", args=[run.pk]), {"kind": "issue"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("manage_certificate_batch", args=[running.pk])
    page = response.content.decode()
    assert "ya hay un lote" in page.lower()
    assert "10 de 40" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "frontend/progress.js" in page
    assert CertificateBatch.objects.count() == 1


def test_progress_json(client, run, manager):
    batch = CertificateBatch.objects.create(
        course_run=run, kind="zip", status="running", total=40, done=10
    )
    client.force_login(manager)
    response = client.get(reverse("manage_certificate_batch_progress", args=[batch.pk]))
    data = json.loads(response.content)
    assert data == {
        "status": "running",
        "status_label": "En curso",
        "done": 10,
        "total": 40,
        "issued": 0,
        "percent": 25,
        "finished": False,
        "text": "10 de 40",
    }
    assert response["Cache-Control"] == "no-store"


def test_the_zip_is_downloaded_by_the_manager(client, manager, certificate, zip_batch):
    assert zip_batch.status == CertificateBatch.Status.DONE
    client.force_login(manager)
    response = client.get(reverse("manage_certificate_batch_archive", args=[zip_batch.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    with certificate.pdf.open("rb") as issued:
        assert [archive.read(name) for name in archive.namelist()] == [issued.read()]
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_progress_page_follows_the_batch_in_a_browser(browser_page, run, manager):
    batch = CertificateBatch.objects.create(
        course_run=run, kind="issue", status="running", total=4, done=1
    )
    page = browser_page
    page.goto(f"{page.live_server_url}/login/")
    page.get_by_label("Correo electrónico").fill(manager.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.goto(f"{page.live_server_url}{reverse('manage_certificate_batch', args=[batch.pk])}")
    bar = page.locator("#batch-bar")
    expect(bar).to_have_attribute("value", "1")
    expect(page.locator("#batch-text")).to_have_attribute("aria-live", "polite")

    CertificateBatch.objects.filter(pk=batch.pk).update(done=3)
    expect(bar).to_have_attribute("value", "3", timeout=5_000)  # polled every 2 s

    CertificateBatch.objects.filter(pk=batch.pk).update(done=4, issued=4, status="done")
    with translation.override("es"):
        done_label = str(CertificateBatch.Status.DONE.label)
    expect(page.locator("#batch-status")).to_have_text(done_label, timeout=5_000)
    expect(page.locator("script[src$='frontend/progress.js']")).to_have_count(0)  # reloaded

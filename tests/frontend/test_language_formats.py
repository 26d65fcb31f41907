"""Each of the four languages shows dates and numbers its own way, on pages and on the PDF."""

import datetime

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import translation

from certification import pdf, services
from courses.models import Enrolment
from frontend.templatetags.aula import hours
from tests.certification.conftest import make_eligible, signing_key  # noqa: F401
from tests.courses.conftest import (  # noqa: F401
    activities,
    enrolment,
    municipality,
    official,
    run,
)

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2026, 11, 4)

# (language, certificate title, completion date as printed, 2.5 h, 1,234.5 h). Django's
# Brazilian month names are capitalised ("Novembro"): dates are compared ignoring case.
EXPECTED = [
    ("es", "Certificado", "4 de noviembre de 2026", "2,5", "1\xa0234,5"),
    ("en", "Certificate", "4 November 2026", "2.5", "1,234.5"),
    ("pt-br", "Certificado", "4 de novembro de 2026", "2,5", "1.234,5"),
    ("fr", "Certificat", "4 novembre 2026", "2,5", "1\xa0234,5"),
]


def _pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return document[0].get_textpage().get_text_range()


@pytest.mark.parametrize(("language", "title", "date", "_short", "_long"), EXPECTED)
def test_the_certificate_is_printed_in_the_officials_language(
    enrolment,  # noqa: F811
    signing_key,  # noqa: F811
    language,
    title,
    date,
    _short,
    _long,
):
    enrolment.user.preferred_language = language
    enrolment.user.save()
    certificate = services.certificate_issue(enrolment_id=make_eligible(enrolment).pk)
    certificate.completed_on = COMPLETED
    text = _pdf_text(pdf.certificate_pdf(certificate))
    assert title in text
    assert date.lower() in text.lower()


@pytest.mark.parametrize(("language", "_title", "_date", "short", "long"), EXPECTED)
def test_hours_on_the_page_use_the_languages_decimal_and_grouping(
    client,
    enrolment,  # noqa: F811
    language,
    _title,
    _date,
    short,
    long,
):
    enrolment.user.preferred_language = language
    enrolment.user.save()
    Enrolment.objects.filter(pk=enrolment.pk).update(active_seconds=9000)
    client.force_login(enrolment.user)
    page = client.get(reverse("my_hours", args=[enrolment.course_run_id])).content.decode()
    assert f"{short} h" in page
    with translation.override(language):
        assert hours(int(1234.5 * 3600)) == long

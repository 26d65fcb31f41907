"""Playing H5P content: the sandboxed frame, its capability URLs and safe file headers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from frontend.views import h5p
from tests.factories import H5PActivityFactory, H5PLibraryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def h5p_activity(small_enrolment):
    module = small_enrolment.course_run.course.modules.first()
    return H5PActivityFactory(module=module, position=9, title="Verdadero o falso")


@pytest.fixture
def stored(media, h5p_activity):
    """The activity's content and a library on disk, as the importer lays them out."""
    content = media / "h5p" / "content" / str(h5p_activity.h5p_id)
    (content / "content" / "images").mkdir(parents=True)
    (content / "h5p.json").write_text('{"title": "VF", "mainLibrary": "H5P.TrueFalse"}')
    (content / "content" / "content.json").write_text('{"question": "¿Sí?"}')
    (content / "content" / "images" / "logo.svg").write_text("<svg><script>x()</script></svg>")
    library = media / "h5p" / "libraries" / "H5P.TrueFalse-1.8"
    library.mkdir(parents=True)
    (library / "library.json").write_text('{"machineName": "H5P.TrueFalse"}')
    (library / "truefalse.js").write_text("var H5P = H5P || {};")
    (media / "secret.txt").write_text("not for you")
    return h5p_activity


def test_a_token_opens_its_content_today_and_tomorrow_only():
    now = timezone.now()
    token = h5p.content_token(7, now=now)

    assert h5p.content_id_from_token(token, now=now) == 7
    assert h5p.content_id_from_token(token, now=now + datetime.timedelta(days=1)) == 7
    assert h5p.content_id_from_token(token, now=now + datetime.timedelta(days=2)) is None
    forged = token.replace("7.", "8.", 1)
    assert h5p.content_id_from_token(forged, now=now) is None
    assert h5p.content_id_from_token("rubbish", now=now) is None


def test_the_activity_page_embeds_a_scripts_only_sandbox(client, small_enrolment, stored):
    client.force_login(small_enrolment.user)
    response = client.get(reverse("activity", args=[small_enrolment.course_run_id, stored.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'sandbox="allow-scripts"' in html
    assert "allow-same-origin" not in html
    assert reverse("api:scored_result", args=[small_enrolment.course_run_id, stored.pk]) in html
    assert "Se aprueba con el 70 %" in html


def test_the_player_page_is_framable_only_by_us_with_a_strict_policy(client, stored):
    url = h5p.player_url(stored.h5p, activity_id=stored.pk)
    response = client.get(url)  # no session: the sandboxed frame sends no cookies

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "https:" not in policy  # this content needs nothing from elsewhere
    # Opened on its own in a tab, the page still runs in an opaque origin.
    assert "sandbox allow-scripts" in policy
    assert "h5p-standalone/main.bundle.js" in response.content.decode()


def test_content_that_needs_the_internet_may_load_remote_media(client, stored):
    stored.h5p.needs_internet = True
    stored.h5p.save()
    response = client.get(h5p.player_url(stored.h5p))

    assert "media-src 'self' blob: https:" in response["Content-Security-Policy"]


def test_content_files_are_served_with_safe_headers(client, stored):
    token = h5p.content_token(stored.h5p_id)
    response = client.get(reverse("h5p_content_file", args=[token, "content/content.json"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert b"".join(response.streaming_content) == '{"question": "¿Sí?"}'.encode()

    svg = client.get(reverse("h5p_content_file", args=[token, "content/images/logo.svg"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert "script-src" not in svg["Content-Security-Policy"]  # default-src 'none' applies


@pytest.mark.parametrize(
    "path", ["../../secret.txt", "content/../../../secret.txt", "content/missing.json"]
)
def test_nothing_outside_the_content_folder_is_served(client, stored, path):
    token = h5p.content_token(stored.h5p_id)
    assert client.get(f"/h5p/content/{token}/{path}").status_code == 404


def test_a_forged_token_opens_nothing(client, stored):
    token = h5p.content_token(stored.h5p_id + 1000)
    real = stored.h5p_id
    forged = f"{real}.{token.split('.', 1)[1]}"
    response = client.get(reverse("h5p_content_file", args=[forged, "h5p.json"]))
    assert response.status_code == 404
    assert client.get(reverse("h5p_player", args=[forged])).status_code == 404


def test_library_files_are_public_and_cacheable(client, stored):
    H5PLibraryFactory()
    response = client.get(reverse("h5p_library_file", args=["H5P.TrueFalse-1.8", "truefalse.js"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "public" in response["Cache-Control"]
    assert client.get("/h5p/libraries/../secret.txt").status_code == 404
    assert client.get("/h5p/libraries/H5P.TrueFalse-1.8/../../../secret.txt").status_code == 404


def test_results_are_taken_only_from_the_enrolled_person(client, small_enrolment, stored):
    url = reverse("api:scored_result", args=[small_enrolment.course_run_id, stored.pk])
    statement = {
        "actor": {"mbox": "mailto:a@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "https://aula.example/activities/1"},
        "result": {"score": {"raw": 1, "max": 1, "min": 0, "scaled": 1}},
    }
    assert client.post(
        url, {"statement": statement}, content_type="application/json"
    ).status_code in (
        401,
        403,
    )
    client.force_login(UserFactory())
    assert (
        client.post(url, {"statement": statement}, content_type="application/json").status_code
        == 403
    )

    client.force_login(small_enrolment.user)
    response = client.post(url, {"statement": statement}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["completed"] is True
    assert response.json()["best_scaled"] == "1.0000000"

    bad = client.post(url, {"statement": {"verb": {}}}, content_type="application/json")
    assert bad.status_code == 400

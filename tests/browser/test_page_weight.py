"""Light pages (issue 8): every main page of every role, opened with an empty cache as
a first-time visitor on a slow municipal line would, transfers at most 100 KB; its own
assets come from this site; static files are fingerprinted and cached long; text is
sent compressed.

The pages are those of `main_page_tour` (conftest.py, tour.py), on a server that
serves static files as production does (collected by CompressedManifestStaticFilesStorage,
served by WhiteNoise; pages gzipped by GZipMiddleware). The bytes are what the browser
received, headers and compressed bodies, for the document and every sub-resource,
service worker fetches included; course media (/media/, videos linked from elsewhere)
and H5P content and its player are not counted.
"""

import re

import pytest

from tests.browser.tour import same_origin

# The tour (conftest.py) makes its data and removes it; the marker sets the test database up.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BUDGET = 100 * 1024
NOT_COUNTED = re.compile(r"^/(media/|h5p/|static/h5p-standalone/)")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
YEAR = 365 * 24 * 3600
TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _path(url: str, base: str) -> str:
    return url[len(base) :] if url.startswith(base) else url


def _counted(visit, base: str):
    return [
        request
        for request in visit.requests
        if same_origin(request.url, base) and not NOT_COUNTED.match(_path(request.url, base))
    ]


def test_every_main_page_transfers_at_most_100_kb(main_page_tour):
    tour = main_page_tour
    rows = []
    for visit in tour.visits:
        counted = _counted(visit, tour.base)
        rows.append((visit, sum(r.bytes for r in counted), len(counted)))
    print("\nBytes received per main page (first visit, empty cache, compressed, with headers):")
    for visit, total, count in rows:
        print(f"  {visit.role + ' · ' + visit.name:<52} {total / 1024:6.1f} KB  {count:2} requests")
    assert len(rows) >= 55, "the tour visits every main page"
    assert all(total > 0 for _visit, total, _count in rows)
    heavy = [f"{visit.label}: {total / 1024:.1f} KB" for visit, total, _ in rows if total > BUDGET]
    assert not heavy, f"above {BUDGET // 1024} KB: " + "; ".join(heavy)


def test_no_page_needs_another_host_for_its_own_assets(main_page_tour):
    tour = main_page_tour
    foreign = [
        f"{visit.label}: {request.url}"
        for visit in tour.visits
        for request in visit.requests
        if not same_origin(request.url, tour.base) and request.url not in tour.linked_media
    ]
    assert not foreign, "requests to other hosts: " + "; ".join(foreign)


def test_course_media_linked_from_elsewhere_is_marked_as_needing_the_internet(main_page_tour):
    tour = main_page_tour
    for media in tour.linked_media:
        pages = [v for v in tour.visits if any(r.url == media for r in v.requests)]
        assert pages, f"no page of the tour shows {media}"
        for visit in pages:
            # "This video is hosted elsewhere: it needs an internet connection."
            assert "necesita conexión a internet" in visit.text, visit.label


def test_text_is_sent_compressed(main_page_tour):
    tour = main_page_tour
    plain = []
    for visit in tour.visits:
        for request in _counted(visit, tour.base):
            kind = request.headers.get("content-type", "")
            if request.status != 200 or not kind.startswith(TEXT) or request.bytes < 1500:
                continue
            if request.headers.get("content-encoding") not in ("gzip", "br"):
                plain.append(f"{visit.label}: {_path(request.url, tour.base)} ({kind})")
    assert not plain, "sent uncompressed: " + "; ".join(plain)


def test_static_files_are_fingerprinted_and_cached_for_a_year(main_page_tour):
    tour = main_page_tour
    static, wrong = set(), []
    for visit in tour.visits:
        for request in _counted(visit, tour.base):
            path = _path(request.url, tour.base).split("?")[0]
            if not path.startswith("/static/") or request.status != 200:
                continue
            static.add(path)
            max_age = re.search(r"max-age=(\d+)", request.headers.get("cache-control", ""))
            if not FINGERPRINTED.search(path) or not max_age or int(max_age.group(1)) < YEAR:
                wrong.append(f"{path}: {request.headers.get('cache-control')}")
    assert len(static) >= 5  # aula.css, the favicon and the pages' scripts at least
    assert not wrong, "not fingerprinted or not cached long: " + "; ".join(sorted(set(wrong)))

"""Programme dashboards at scale: the overview and the municipality table at N = 50 and 5,000.

    .venv/bin/python bench/programme_pages.py [--sizes 50 5000] [--repeat 7]

Needs PostgreSQL (default postgres://postgres@127.0.0.1:5432/munet_bench_pages; override
with BENCH_DATABASE_URL). For each size it recreates the scratch database, migrates,
runs `generate_programme --municipalities N --officials-per-municipality 10` (timed),
then requests, in-process with Django's test client logged in as the programme's
manager, the overview (/manage/programmes/<id>/dashboard/: its figures computed, with
the cache emptied before each request, then found in the cache), the municipality table
(first page, and sorted by certified count), the table's CSV and XLSX exports and the
PDF report, several times each; prints the median time and the SQL queries of each.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import common

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/munet_bench_pages"
)
WORK = Path(tempfile.mkdtemp(prefix="munet-bench-pages-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DEBUG": "true",  # static files without a manifest; queries are counted either way
        "DATABASE_URL": DATABASE_URL,
        "CERTIFICATE_KEYS_DIR": str(WORK / "keys"),
        "MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "testserver,localhost",
    }
)
sys.path.insert(0, str(ROOT))


def _pages(programme_id: int) -> list[tuple[str, str, int]]:
    """(label, address, at most this many repetitions)."""
    base = f"/manage/programmes/{programme_id}"
    return [
        # The overview's figures are cached per programme (reporting.selectors): the
        # first row measures computing them (the cache emptied before each request),
        # the second a manager who finds them in the cache.
        ("overview", f"{base}/dashboard/", 99),
        ("overview, cached", f"{base}/dashboard/", 99),
        ("table, page 1", f"{base}/municipalities/table/", 99),
        ("table by certified", f"{base}/municipalities/table/?order=-certified&page=3", 99),
        # Exports are asked for with POST; without a broker the file comes back at once.
        ("table export (CSV)", f"{base}/municipalities/export.csv", 3),
        ("table export (XLSX)", f"{base}/municipalities/export.xlsx", 3),
        ("report (PDF)", f"{base}/report.pdf", 2),
    ]


def _get_or_post(client, url: str):
    return client.post(url) if "/export." in url or url.endswith("/report.pdf") else client.get(url)


def _measure(client, url: str, repeat: int, *, uncached: bool) -> tuple[float, int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        if uncached:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = _get_or_post(client, url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries = len(captured.captured_queries)
    return statistics.median(times), queries, len(content)


def run_size(size: int, repeat: int) -> list[tuple]:
    import django
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    common.recreate_database(DATABASE_URL)
    django.setup()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "generate_programme", municipalities=size, officials_per_municipality=10, seed=1, force=True
    )
    generated = time.perf_counter() - started
    from django.test import Client

    from programs.models import Membership, Programme, Role

    programme = Programme.objects.get()
    manager = Membership.objects.get(programme=programme, role=Role.MANAGER).user
    client = Client()
    client.force_login(manager)
    results = []
    for label, url, most in _pages(programme.pk):
        _get_or_post(client, url)  # warm: templates, the connection, PostgreSQL's caches
        median, queries, size_bytes = _measure(
            client, url, min(repeat, most), uncached=label == "overview"
        )
        results.append((size, label, median, queries, size_bytes))
    print(f"N = {size}: generate_programme took {generated:.1f} s")
    return results


def main(sizes: list[int], repeat: int) -> None:
    rows = []
    for size in sizes:
        rows += run_size(size, repeat)
    print(f"\n{'municipalities':>14}  {'page':<22}{'median ms':>10}{'queries':>9}{'KB':>8}")
    for size, label, median, queries, size_bytes in rows:
        print(f"{size:>14}  {label:<22}{1000 * median:>10.0f}{queries:>9}{size_bytes / 1024:>8.0f}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 5000])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    main(arguments.sizes, arguments.repeat)

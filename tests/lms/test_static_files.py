"""Production serves static files fingerprinted, compressed and cached long; the page-weight
tour (tests/browser) serves them the same way, so what it measures is what production sends."""

from tests.browser.tour import PRODUCTION_STATIC
from tests.test_settings import PRODUCTION, _manage


def test_production_static_files_are_the_ones_the_page_weight_tour_measures():
    code = (
        "from django.conf import settings as s;"
        "print(s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_USE_FINDERS,"
        " s.MIDDLEWARE.index('whitenoise.middleware.WhiteNoiseMiddleware') < 2,"
        " 'django.middleware.gzip.GZipMiddleware' in s.MIDDLEWARE)"
    )
    result = _manage("shell", "-v", "0", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    storage, finders, whitenoise_first, gzip = result.stdout.split()
    # Hashed names (cached for ten years by WhiteNoise) and .gz copies served as they are.
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert storage == PRODUCTION_STATIC["staticfiles"]["BACKEND"]
    assert (finders, whitenoise_first, gzip) == ("False", "True", "True")

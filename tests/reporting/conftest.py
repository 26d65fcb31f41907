import pytest
from django.core.cache import cache

# The course fixtures: a run with three 2-hour page activities in one module.
from tests.courses.conftest import (  # noqa: F401
    activities,
    enrolment,
    municipality,
    official,
    run,
    tutor,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The programme overview is cached (reporting.selectors); a rolled-back test's
    entry must not answer for the next test's programme, which may reuse its ids."""
    cache.clear()
    yield
    cache.clear()

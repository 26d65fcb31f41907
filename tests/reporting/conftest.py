# The course fixtures: a run with three 2-hour page activities in one module.
from tests.courses.conftest import (  # noqa: F401
    activities,
    enrolment,
    municipality,
    official,
    run,
    tutor,
)

# The course fixtures (a run with three page activities, an enrolled official).
from tests.courses.conftest import activities, enrolment, municipality, official, run  # noqa: F401

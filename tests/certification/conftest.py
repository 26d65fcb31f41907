import pytest

from certification import keys
from courses import selectors, services

# The course fixtures (a run with three page activities, an enrolled official).
from tests.courses.conftest import (  # noqa: F401
    activities,
    enrolment,
    municipality,
    official,
    run,
    tutor,
)


@pytest.fixture
def signing_key(settings, tmp_path):
    settings.CERTIFICATE_KEYS_DIR = tmp_path / "keys"
    return keys.signing_key_generate()


def make_eligible(learner):
    """Complete every activity of the course (no graded ones) and give it the time it needs."""
    course = learner.course_run.course
    total = sum(activity.nominal_seconds for activity in selectors.activities_of_course(course.pk))
    course.required_seconds = total
    course.save()
    for activity in selectors.activities_of_course(course.pk):
        services.activity_complete_by_result(
            enrolment_id=learner.pk, activity_id=activity.pk, source=activity.completion_rule
        )
    learner.refresh_from_db()
    learner.active_seconds = total
    learner.save()
    return learner

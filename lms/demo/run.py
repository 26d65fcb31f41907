"""The demo's course and its run.

The course itself is the package in `coursepacks/gem-100` (docs/course-package.md):
`seed_demo` imports it when the database has no course with its code. Dates
belong to a run, not to the package: the run's and the graded activities' dates
are here (the quizzes' closing and the project's due date and cut-off are in
`lms.demo.assessment`).
"""

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

COURSE_CODE = "GEM-100"
COURSEPACK = Path(settings.BASE_DIR) / "coursepacks" / "gem-100"


@dataclass(frozen=True)
class DemoRun:
    title: str
    starts_on: datetime.date
    ends_on: datetime.date


RUN = DemoRun(
    title="Cohorte 1 · 2026",
    starts_on=datetime.date(2026, 3, 2),
    ends_on=datetime.date(2026, 12, 11),
)


@cache
def activity_keys() -> tuple[tuple[int, int, bool], ...]:
    """(module position, activity position, required) in study order, from 1, as the
    package says (read without the database: the study plans are computed from it)."""
    return tuple(
        (module_position, activity_position, activity.required)
        for module_position, module in enumerate(_package().modules, start=1)
        for activity_position, activity in enumerate(module.activities, start=1)
    )


@cache
def activity_seconds() -> dict[tuple[int, int], int]:
    """Nominal seconds of each activity, by (module position, activity position)."""
    return {
        (module_position, activity_position): activity.seconds
        for module_position, module in enumerate(_package().modules, start=1)
        for activity_position, activity in enumerate(module.activities, start=1)
    }


@cache
def _package():
    from authoring.services import course_package_read

    return course_package_read(COURSEPACK)

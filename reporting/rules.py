"""Who is at risk, as rules over figures already read (DESIGN.md, issue 6).

An official is **behind** when their credited hours are below what the course
run's calendar expects by today: the hours of every module whose target date
has passed (a run without module targets expects the required hours spread
evenly from its start to its end). An official is **inactive** after
INACTIVE_DAYS without study (no heartbeat since; never studied: counted from
enrolment) — unless already credited with every required hour: someone who
has finished the hours may stop studying. At risk = behind or inactive.
"""

import datetime
from collections.abc import Iterable

INACTIVE_DAYS = 14


def expected_seconds(
    *,
    today: datetime.date,
    targets: Iterable[tuple[datetime.date, int]],
    starts_on: datetime.date,
    ends_on: datetime.date,
    required_seconds: int,
) -> int:
    """Credited seconds the calendar expects by `today`.

    `targets`: (target date, nominal seconds of the module) for each module
    with a target date in the run.
    """
    targets = list(targets)
    if targets:
        return sum(seconds for target_on, seconds in targets if target_on <= today)
    if today <= starts_on:
        return 0
    if today >= ends_on:
        return required_seconds
    elapsed = (today - starts_on).days / max((ends_on - starts_on).days, 1)
    return int(required_seconds * elapsed)


def inactive_since(today: datetime.date) -> datetime.date:
    """Studying last before this day (or never, enrolled before it) makes a person inactive."""
    return today - datetime.timedelta(days=INACTIVE_DAYS)

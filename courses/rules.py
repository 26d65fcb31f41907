"""Pure rules about time and completion: no database, no request.

Heartbeats: the page sends one every `heartbeat_interval_seconds()` while it is
visible and the person has been active in the last IDLE_AFTER_SECONDS. The
server never credits more than HEARTBEAT_MAX_SECONDS for one heartbeat, nor
more than the wall-clock time since the person's previous heartbeat (two open
tabs cannot double the time), nor more than the activity's cap.
"""

import math
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from django.conf import settings
from django.utils.translation import ngettext

HEARTBEAT_MAX_SECONDS = 60
HEARTBEAT_TOLERANCE_SECONDS = 2
IDLE_AFTER_SECONDS = 300


def heartbeat_interval_seconds() -> int:
    """How often pages report study time (the HEARTBEAT_INTERVAL_SECONDS setting)."""
    return settings.HEARTBEAT_INTERVAL_SECONDS


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_DOWN))


def min_active_seconds(activity, course) -> int:
    """Time a person must spend before an activity can count as done.

    The activity's own setting, else the lesser of the course's cap (default
    10 minutes) and a fraction (default 20%) of the activity's nominal time.
    """
    if activity.min_active_seconds is not None:
        return activity.min_active_seconds
    return min(
        course.min_active_cap_seconds,
        _whole(Decimal(activity.nominal_seconds) * course.min_active_fraction),
    )


def active_cap_seconds(*, nominal_seconds: int, factor: Decimal, minimum: int) -> int:
    """Most measured time one activity can count, never below its minimum."""
    return max(minimum, _whole(Decimal(nominal_seconds) * factor))


def heartbeat_credit(
    *,
    claimed_seconds: int,
    seconds_since_previous: float | None,
    activity_seconds_so_far: int,
    activity_cap_seconds: int,
) -> int:
    """Whole seconds a heartbeat may add to measured study time."""
    credit = min(max(claimed_seconds, 0), HEARTBEAT_MAX_SECONDS)
    if seconds_since_previous is not None:
        credit = min(credit, int(seconds_since_previous) + HEARTBEAT_TOLERANCE_SECONDS)
    credit = min(credit, activity_cap_seconds - activity_seconds_so_far)
    return max(credit, 0)


def open_page_credit(
    *, seconds_open: float, seconds_since_previous: float | None, missing_seconds: int
) -> int:
    """Seconds to count, at "mark as done", for a page open without heartbeats.

    The page's open time, no more than the time since the person's previous
    heartbeat (no double counting), and only what is still missing to reach
    the activity's minimum.
    """
    elapsed = (
        seconds_open
        if seconds_since_previous is None
        else min(seconds_open, seconds_since_previous)
    )
    return max(0, min(int(elapsed), missing_seconds))


# Which results complete an activity under each completion rule: a grade
# implies a submission, and passing implies a grade.
_SATISFIED_BY = {
    "viewed": {"viewed"},
    "marked_done": {"marked_done"},
    "submitted": {"submitted", "graded", "passed"},
    "graded": {"graded", "passed"},
    "passed": {"passed"},
}


def completion_satisfied(*, rule: str, source: str) -> bool:
    return source in _SATISFIED_BY.get(rule, set())


def hours(seconds: int) -> Decimal:
    """Seconds as hours with one decimal, rounded down: 99.96 h is not yet 100 h."""
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def duration_text(seconds: int) -> str:
    """A duration for people: '8 minutes', '1 h 05 min'. Rounded up to the minute."""
    minutes = math.ceil(max(seconds, 0) / 60)
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    whole_hours, rest = divmod(minutes, 60)
    return f"{whole_hours} h {rest:02d} min"


# Scored interactive content (H5P) passes at this share of its maximum unless
# the activity or the package says otherwise.
DEFAULT_SCORED_PASS_FRACTION = Decimal("0.700")


def scored_pass_fraction(*, activity_pass: Decimal | None, package_mastery: Decimal | None):
    """The pass mark of scored content: the activity's, else the package's mastery, else 70%."""
    if activity_pass is not None:
        return activity_pass
    if package_mastery is not None:
        return package_mastery
    return DEFAULT_SCORED_PASS_FRACTION


def hours_rounded_up(seconds: int) -> Decimal:
    """Seconds as hours with one decimal, rounded up: what is still missing is never shown as 0."""
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.1"), rounding=ROUND_UP)

"""The demo's calendar: written for one day, moved to the day it is first seeded.

Every date and time in `lms.demo` (the programme and the run, the quizzes'
closing, the project's due date and cut-off, the study sessions, the
submissions, the grading) is written as if today were `DEMO_WRITTEN_FOR`.
`seed_demo` moves them all by the same whole number of days, the days from
`DEMO_WRITTEN_FOR` to the day of the first seed (in the programme's time
zone), so the demo is always where it was written to be: the run under way,
the quizzes open, the project due in a few days. The weekday of a date may
change; the time of day does not.

The shift is applied where the data becomes model fields or service calls, by
`Shift`, to whole data objects (every date in them, however deep), so a date
added to the data later is moved too. Once the programme is in the database,
its start fixes the shift: a later seed adds what is missing on the same
calendar (and finds every row by its natural key, never by a date).
"""

import dataclasses
import datetime
import zoneinfo
from typing import TypeVar

from django.utils import timezone

from lms.demo.municipalities import PROGRAMME

DEMO_WRITTEN_FOR = datetime.date(2026, 11, 25)
TIME_ZONE = zoneinfo.ZoneInfo(PROGRAMME.time_zone)
MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip

T = TypeVar("T")


def today() -> datetime.date:
    """Today in the programme's time zone (tests pin it by patching this function)."""
    return timezone.now().astimezone(TIME_ZONE).date()


@dataclasses.dataclass(frozen=True)
class Shift:
    """Moves dates and times by `days` whole days: `shift(value)`.

    A date or a datetime is moved (a datetime keeps its time of day and zone);
    a dataclass, tuple or list is copied with everything in it moved; anything
    else is returned as it is.
    """

    days: int = 0

    def __call__(self, value: T) -> T:
        if isinstance(value, datetime.date):  # a datetime is a date too
            return value + datetime.timedelta(days=self.days)
        if not self.days:
            return value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            moved = {
                field.name: self(getattr(value, field.name))
                for field in dataclasses.fields(value)
                if field.init
            }
            return dataclasses.replace(value, **moved)
        if isinstance(value, tuple | list):
            return type(value)(self(item) for item in value)
        return value


def seed_shift(programme_starts_on: datetime.date | None = None) -> Shift:
    """The shift of this seed: the one the stored programme was seeded with (give
    its `starts_on`), or, on a first seed, the days from `DEMO_WRITTEN_FOR` to today."""
    if programme_starts_on is not None:
        return Shift((programme_starts_on - PROGRAMME.starts_on).days)
    return Shift((today() - DEMO_WRITTEN_FOR).days)


def long_date(value: datetime.date) -> str:
    """4 de diciembre de 2026 (a datetime: its date in its own time zone)."""
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"

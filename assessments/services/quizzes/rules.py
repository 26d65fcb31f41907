"""The quiz's rules for one person: attempts, dates, the deadline (pure)."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from assessments.models import (
    Attempt,
    Quiz,
    QuizOverride,
)

GRACE_SECONDS = 10
IN_PROGRESS = Attempt.State.IN_PROGRESS


@dataclass(frozen=True)
class QuizRules:
    """A quiz's settings for one person, with their override applied."""

    attempts_allowed: int  # 0: unlimited
    time_limit_seconds: int | None
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None


def quiz_rules(quiz: Quiz, override: QuizOverride | None) -> QuizRules:
    if override is None:
        return QuizRules(
            quiz.attempts_allowed, quiz.time_limit_seconds, quiz.opens_at, quiz.closes_at
        )
    return QuizRules(
        attempts_allowed=(
            override.attempts_allowed
            if override.attempts_allowed is not None
            else quiz.attempts_allowed
        ),
        time_limit_seconds=override.time_limit_seconds or quiz.time_limit_seconds,
        opens_at=quiz.opens_at,
        closes_at=override.closes_at or quiz.closes_at,
    )


def _when(moment: datetime.datetime, time_zone: str) -> str:
    return formats.date_format(moment.astimezone(zoneinfo.ZoneInfo(time_zone)), "DATETIME_FORMAT")


def start_refusal(
    rules: QuizRules, *, attempts_used: int, now: datetime.datetime, time_zone: str = "UTC"
) -> str | None:
    """Why a new attempt may not start now, in words; None when it may."""
    if rules.opens_at and now < rules.opens_at:
        return _("This quiz opens on %(date)s.") % {"date": _when(rules.opens_at, time_zone)}
    if rules.closes_at and now >= rules.closes_at:
        return _("This quiz closed on %(date)s.") % {"date": _when(rules.closes_at, time_zone)}
    if rules.attempts_allowed and attempts_used >= rules.attempts_allowed:
        return _("You have used all the attempts allowed (%(count)d).") % {
            "count": rules.attempts_allowed
        }
    return None


def attempt_deadline(rules: QuizRules, started_at: datetime.datetime) -> datetime.datetime | None:
    """min(start + time limit, closing date): the moment the server stops taking answers."""
    limits = [rules.closes_at] if rules.closes_at else []
    if rules.time_limit_seconds:
        limits.append(started_at + datetime.timedelta(seconds=rules.time_limit_seconds))
    return min(limits) if limits else None


def attempt_is_overdue(attempt: Attempt, now: datetime.datetime) -> bool:
    return (
        attempt.state == IN_PROGRESS
        and attempt.deadline_at is not None
        and now > attempt.deadline_at + datetime.timedelta(seconds=GRACE_SECONDS)
    )

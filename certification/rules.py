"""The certification rule, as pure functions over figures already read.

DESIGN.md: eligible when credited hours ≥ the course's required hours, measured
study time ≥ its share of them, every required activity is complete, and the
final grade ≥ the pass grade, and, when the course asks for it, a tutor has
signed off.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Gap:
    """A required activity not complete yet."""

    module_position: int
    module_title: str
    title: str
    kind: str
    nominal_seconds: int


@dataclass(frozen=True)
class Figures:
    required_seconds: int
    measured_share: Decimal
    credited_seconds: int
    active_seconds: int
    gaps: list[Gap] = field(default_factory=list)
    final_grade: Decimal | None = None
    pass_grade: Decimal = Decimal("0.6")
    graded: bool = True  # False: the course has no graded activity, so no grade to reach
    signoff_required: bool = False
    signed_off: bool = False


def measured_seconds_required(figures: Figures) -> int:
    """Whole seconds of measured study time needed, rounded up (never a second short)."""
    return math.ceil(figures.required_seconds * figures.measured_share)


def hours_met(figures: Figures) -> bool:
    return figures.credited_seconds >= figures.required_seconds


def measured_time_met(figures: Figures) -> bool:
    return figures.active_seconds >= measured_seconds_required(figures)


def activities_met(figures: Figures) -> bool:
    return not figures.gaps


def grade_met(figures: Figures) -> bool:
    if not figures.graded:
        return True
    return figures.final_grade is not None and figures.final_grade >= figures.pass_grade


def signoff_met(figures: Figures) -> bool:
    return figures.signed_off or not figures.signoff_required


def eligible(figures: Figures) -> bool:
    return (
        hours_met(figures)
        and measured_time_met(figures)
        and activities_met(figures)
        and grade_met(figures)
        and signoff_met(figures)
    )


def gaps_by_module(gaps: list[Gap]) -> list[tuple[int, str, int, list[Gap]]]:
    """(position, title, missing seconds, gaps) per module, in module order."""
    modules: dict[int, tuple[str, list[Gap]]] = {}
    for gap in gaps:
        modules.setdefault(gap.module_position, (gap.module_title, []))[1].append(gap)
    return [
        (position, title, sum(gap.nominal_seconds for gap in items), items)
        for position, (title, items) in sorted(modules.items())
    ]

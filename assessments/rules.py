"""The final course grade and the grade scales: pure rules, no database, no request.

The rule (also in docs/gradebook.md, with a worked example):

1. What an item counts for a person: the grade's final fraction (the tutor's
   override when there is one, else the computed grade) **if the grade is
   released**; a draft, a missing grade or an empty one counts **0**. The
   course grade is the grade "so far", conservative for certification.
2. A category's grade = Σ(item weight × counted fraction) / Σ(item weight),
   over the category's items. A category without items, or whose items all
   weigh 0, has no grade and is left out of step 3.
3. The final grade = Σ(category weight × category grade) / Σ(category weight),
   over the categories that have a grade. Without any (no graded activity, or
   every such category weighs 0) there is no final grade (None).
4. Passed = final grade ≥ the course's pass grade (a fraction), compared
   unrounded; no final grade means not judged (None).

Fractions are kept to 7 decimals (ROUND_HALF_UP), like `Grade.final_fraction`;
the final grade is computed from the unrounded category grades.
The gradebook's selectors compute the same rule in the database
(`assessments.selectors.gradebook`); the tests hold both to the same example.

Scales: fractions are stored, and each programme shows them as percent
(×100), 0–10 (×10) or 0–20 (×20), with one decimal rounded half up.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from programs.models import Programme

FRACTION_PLACES = Decimal("0.0000001")
SCALE_PLACES = Decimal("0.1")
ZERO = Decimal("0")

Scale = Programme.GradeScale
SCALE_MAXIMUM: dict[str, int] = {Scale.PERCENT: 100, Scale.TEN: 10, Scale.TWENTY: 20}


# --- Scales ----------------------------------------------------------------------


def scale_maximum(scale: str) -> int:
    """The top of a scale: 100, 10 or 20."""
    try:
        return SCALE_MAXIMUM[scale]
    except KeyError:
        raise ValueError(f"unknown grade scale: {scale!r}") from None


def on_scale(fraction: Decimal | float | None, scale: str) -> Decimal | None:
    """A fraction of the maximum shown on a scale, one decimal, half up (0.375 → 3.8 of 10)."""
    if fraction is None:
        return None
    value = Decimal(fraction).quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)
    return (value * scale_maximum(scale)).quantize(SCALE_PLACES, rounding=ROUND_HALF_UP)


def from_scale(value: Decimal, scale: str) -> Decimal:
    """A value typed on a scale (7.5 of 10) as a fraction (0.75); outside 0–max is refused."""
    maximum = scale_maximum(scale)
    value = Decimal(value)
    if value < 0 or value > maximum:
        raise ValueError(f"{value} is outside 0–{maximum}")
    return as_fraction(value / maximum)


# --- The final grade -----------------------------------------------------------------


def as_fraction(value: Decimal | float | int) -> Decimal:
    """A computed fraction with 7 decimals, half up (what the database rounds to as well)."""
    return Decimal(value).quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def counted_fraction(final_fraction: Decimal | None, *, released: bool) -> Decimal:
    """What one item counts for a person: the released final fraction, else 0."""
    if not released or final_fraction is None:
        return ZERO
    return Decimal(final_fraction)


def _category_value(items: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    total_weight = sum((Decimal(weight) for weight, _value in items), ZERO)
    if total_weight <= 0:
        return None
    return sum((Decimal(weight) * Decimal(value) for weight, value in items), ZERO) / total_weight


def _final_value(categories: list[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    graded = [(Decimal(weight), grade) for weight, grade in categories if grade is not None]
    total_weight = sum((weight for weight, _grade in graded), ZERO)
    if total_weight <= 0:
        return None
    return sum((weight * grade for weight, grade in graded), ZERO) / total_weight


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else as_fraction(value)


def category_grade(items: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Σ(weight × counted fraction) / Σ(weight) over (weight, counted fraction) pairs."""
    return _rounded(_category_value(list(items)))


def final_grade(categories: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Σ(weight × grade) / Σ(weight) over (category weight, category grade) pairs with a grade."""
    return _rounded(_final_value(list(categories)))


def passed(final: Decimal | None, pass_grade: Decimal) -> bool | None:
    """Final grade ≥ pass grade, unrounded; None when there is no final grade."""
    if final is None:
        return None
    return Decimal(final) >= Decimal(pass_grade)


@dataclass(frozen=True)
class ItemResult:
    """One gradebook item for one person: its category, weight and grade (if any)."""

    category: Hashable
    weight: Decimal
    final_fraction: Decimal | None = None
    released: bool = False


@dataclass(frozen=True)
class CourseGrade:
    categories: dict[Hashable, Decimal | None]
    final: Decimal | None
    passed: bool | None


def course_grade(
    *,
    category_weights: Mapping[Hashable, Decimal],
    items: Iterable[ItemResult],
    pass_grade: Decimal,
) -> CourseGrade:
    """The whole rule for one person: each category's grade, the final grade, passed."""
    by_category: dict[Hashable, list[tuple[Decimal, Decimal]]] = {
        key: [] for key in category_weights
    }
    for item in items:
        value = counted_fraction(item.final_fraction, released=item.released)
        by_category[item.category].append((Decimal(item.weight), value))
    # The final grade combines the unrounded category grades; both are rounded after.
    exact = {key: _category_value(pairs) for key, pairs in by_category.items()}
    final = _rounded(_final_value([(category_weights[key], exact[key]) for key in exact]))
    return CourseGrade(
        categories={key: _rounded(value) for key, value in exact.items()},
        final=final,
        passed=passed(final, pass_grade),
    )

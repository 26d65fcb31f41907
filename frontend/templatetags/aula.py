from django import template
from django.utils.formats import number_format

from certification import codes
from courses import rules

register = template.Library()


@register.filter
def hours(seconds) -> str:
    """Whole seconds shown as hours with one decimal, in the active language's format."""
    if seconds in (None, ""):
        return ""
    return number_format(rules.hours(int(seconds)), decimal_pos=1)


@register.filter
def duration(seconds) -> str:
    return rules.duration_text(int(seconds or 0))


@register.filter
def percent_of(part, whole) -> int:
    try:
        part, whole = int(part or 0), int(whole or 0)
    except (TypeError, ValueError):
        return 0
    return 0 if whole <= 0 else max(0, min(100, part * 100 // whole))


@register.filter
def percent(fraction) -> str:
    """A fraction (0–1) as a whole percentage: 0.7 → "70 %"."""
    if fraction in (None, ""):
        return ""
    return f"{number_format(round(float(fraction) * 100))} %"


@register.filter
def hours_up(seconds) -> str:
    """Hours still missing, with one decimal, rounded up: 1 second missing shows as 0,1 h."""
    if seconds in (None, ""):
        return ""
    return number_format(rules.hours_rounded_up(int(seconds)), decimal_pos=1)


@register.filter
def certificate_code(short_code: str) -> str:
    """A certificate's short code as printed: XXXX-XXXX-XXXX."""
    return codes.short_code_display(short_code)

import re

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from certification import codes
from courses import rules

register = template.Library()


@register.filter
def hours(seconds) -> str:
    """Whole seconds shown as hours with one decimal, in the active language's format."""
    if seconds in (None, ""):
        return ""
    return number_format(rules.hours(int(seconds)), decimal_pos=1, force_grouping=True)


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
    return number_format(rules.hours_rounded_up(int(seconds)), decimal_pos=1, force_grouping=True)


@register.filter
def certificate_code(short_code: str) -> str:
    """A certificate's short code as printed: XXXX-XXXX-XXXX."""
    return codes.short_code_display(short_code)


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)


@register.filter
def scrolling_tables(html):
    """Authors' tables in course HTML, each in a named region that scrolls sideways and
    takes the keyboard focus: a wide table on a phone scrolls inside the page, not the
    whole screen, and keyboard users can scroll it (WCAG 1.4.10, 2.1.1).

    The HTML must be safe already (sanitised course content); nested tables are left as
    they are.
    """
    html = conditional_escape(html)
    if "<table" not in html:
        return html
    tables = _TABLE.findall(html)
    if any(table.lower().count("<table") > 1 for table in tables):
        return html
    label = escape(gettext("Table"))
    return mark_safe(  # noqa: S308 (the input is safe, the label escaped)
        _TABLE.sub(
            lambda match: (
                f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">'
                f"{match.group(0)}</div>"
            ),
            html,
        )
    )

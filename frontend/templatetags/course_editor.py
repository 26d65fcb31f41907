from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def exact_hours(seconds) -> str:
    """Nominal seconds as hours with only the decimals needed: 100, 98,5, 0,25."""
    if seconds in (None, ""):
        return ""
    value = (Decimal(int(seconds)) / Decimal(3600)).quantize(Decimal("0.01"))
    places = 0 if value == value.to_integral_value() else (1 if (value * 10) % 1 == 0 else 2)
    return number_format(value, decimal_pos=places)

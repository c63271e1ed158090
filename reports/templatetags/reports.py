"""Number formats of the report page: shares and growth as percentages in the active language."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.3461 -> "34.6 %" ("34,6 %" in Latvian); None -> "–"."""
    if value is None:
        return "–"
    return f"{formats.number_format(round(value * 100, 1), 1, use_l10n=True)} %"


@register.filter
def signed_percent(value: float | None) -> str:
    """0.13 -> "+13.0 %", -0.02 -> "−2.0 %"; None -> "–"."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{percent(abs(value))}"

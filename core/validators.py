"""Validators for free text that the directory shows to the public."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Explicit directional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
# reorder the text around them, so "moc.evil" can read as "live.com". Ordinary right-to-left text
# needs none of them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_no_bidi_controls(value: str) -> None:
    """Refuse text containing a bidirectional control character, naming its code point."""
    found = sorted({char for char in str(value) if char in BIDI_CONTROLS})
    if found:
        raise ValidationError(
            _("Remove the invisible text-direction character %(codes)s; it can disguise the text."),
            code="bidi_control",
            params={"codes": ", ".join(f"U+{ord(char):04X}" for char in found)},
        )


TEXT_VALIDATORS = [validate_no_bidi_controls]


def strip_bidi_controls(value: str) -> str:
    """`value` without its bidirectional control characters: for text the code records from a
    source it does not control (an uploaded file's name, a sheet's name), where refusing would
    lose the record."""
    return "".join(char for char in value if char not in BIDI_CONTROLS)

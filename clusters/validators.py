"""Validators for Latvian identifiers used by the cluster models and the importers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.lv import pvn


def validate_registration_number(value: str) -> None:
    """A Latvian legal entity's registration number: 11 digits with a valid check digit.

    Numbers starting with 0-3 are personal codes of natural persons; they are refused so that
    nobody's personal code ends up in a public directory by mistake.
    """
    if not value.isdigit() or len(value) != 11:
        raise ValidationError(_("Enter the 11-digit registration number (digits only)."), code="format")
    if value[0] in "0123":
        raise ValidationError(
            _("This looks like a personal code, not a company registration number."),
            code="personal_code",
        )
    try:
        pvn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("The check digit of this registration number is wrong."), code="checksum"
        ) from exc

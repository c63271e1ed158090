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


REGISTRATION_NUMBER_NOISE = str.maketrans("", "", " \u00a0\u202f-.")


def normalise_registration_number(value: str) -> str:
    """A registration number as written on invoices, reduced to its digits.

    "LV 40003027416", "LV40003027416" and "40003-027416" give "40003027416": spaces, hyphens, dots and
    the "LV" of a VAT number are dropped. Anything else is left for ``validate_registration_number``
    to refuse. The one rule for forms, the admin and the importers.
    """
    compact = value.strip().translate(REGISTRATION_NUMBER_NOISE)
    if compact[:2].upper() == "LV":
        compact = compact[2:]
    return compact


def normalise_website(value: str) -> str:
    """A website address with its scheme: "www.tilde.lv" gives "https://www.tilde.lv".

    An address without a scheme is taken to be https; one with a scheme is left as written (the URL
    validator then refuses anything but http and https). Spaces are removed. Empty stays empty.
    """
    compact = "".join(value.split())
    if compact and "://" not in compact and not compact.lower().startswith(("mailto:", "javascript:")):
        compact = "https://" + compact
    return compact

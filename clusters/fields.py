"""Form fields shared by the portal and the admin: identifiers, and whole numbers typed with separators.

Identifiers: each field normalises what people paste (see ``clusters.validators``) before validating,
so the same input is accepted, and stored the same way, wherever it is typed.

Whole numbers (euros and counts): why not ``<input type="number">``? Chromium drops a comma it does
not understand before the form is sent, so a Latvian ``45000000,75`` (cents after a decimal comma)
reached the server as 4500000075. These fields are text inputs with a numeric keyboard; the server
reads the text itself, in the language of the page, and refuses whatever could be read two ways
instead of guessing.

What is read, in every language: digits, optionally grouped by three with spaces (ordinary,
non-breaking, narrow or thin), and an optional "EUR" or "€" around an amount. English also takes
commas as the thousands separator (``1,234,567``); Latvian takes dots (``1.234.567``). A comma or
dot that is not a correct group of three (``1,5``, ``45000000,75``, ``1.234,56``, ``12,34,567``) is
refused: it is a decimal mark, or a typing error, and whole units are wanted.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import normalise_registration_number, normalise_website, validate_registration_number


class RegistrationNumberField(forms.CharField):
    """An 11-digit registration number; "LV 40003027416" is accepted and stored as "40003027416".

    The model field's max_length is not put on the input: the browser would cut a pasted
    "LV 40003027416" to "LV 40003027" before the form could clean it.
    """

    default_validators = [validate_registration_number]

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_registration_number(super().to_python(value))


class WebsiteField(forms.URLField):
    """A website address: http or https only (no ftp:, javascript: or mailto: links); "www.tilde.lv"
    is accepted and stored as "https://www.tilde.lv"."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    # A text input: the browser's own check of type="url" would refuse "www.tilde.lv" before the
    # form could add the scheme.
    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"})

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(normalise_website(value or ""))


# Spaces people (and spreadsheets) put between groups of digits.
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u2007]")
_CURRENCY = re.compile(r"^(?:EUR|€)\s*|\s*(?:EUR|€)$", re.IGNORECASE)
_PLAIN = re.compile(r"\d+")
# The grouping separator each language writes; the other mark is its decimal mark.
_THOUSANDS_SEPARATOR = {"en": ",", "lv": "."}


def _grouped(separator: str) -> re.Pattern:
    return re.compile(r"\d{1,3}(?:" + re.escape(separator) + r"\d{3})+")


def parse_whole_number(text: str, *, language: str | None = None, currency: bool = False) -> int:
    """The whole number written in `text` (``"1 234 567"`` -> 1234567), read as `language` writes it.

    `language` defaults to the active one; `currency` allows a leading or trailing "EUR" / "€".
    Raises ValueError when the text is not a whole number written one unambiguous way.
    """
    text = text.strip()
    if currency:
        text = _CURRENCY.sub("", text).strip()
    if _PLAIN.fullmatch(text):
        return int(text)
    spaced = _GROUP_SPACES.sub(" ", text)
    if " " in spaced and _grouped(" ").fullmatch(spaced):
        return int(spaced.replace(" ", ""))
    separator = _THOUSANDS_SEPARATOR.get((language or get_language() or "en").split("-")[0], ",")
    if _grouped(separator).fullmatch(text):
        return int(text.replace(separator, ""))
    raise ValueError(f"not a whole number: {text!r}")


def group_digits(value: int | None) -> str:
    """1234567 -> "1 234 567" (spaces read back the same in every language), None -> ""."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", " ")


class WholeNumberInput(forms.TextInput):
    """A text input with a numeric keyboard on phones, showing the number grouped by thousands."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return group_digits(value)
        return super().format_value(value)


class WholeNumberField(forms.IntegerField):
    """A count, such as members or hours: ``1 234`` or ``1234`` (plus the page language's grouping)."""

    widget = WholeNumberInput
    currency = False
    default_error_messages = {"invalid": _("Enter a whole number, e.g. 1 234.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_whole_number(str(value), currency=self.currency)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        # No min/max/step: those belong to <input type="number">, which these fields avoid on purpose.
        return forms.Field.widget_attrs(self, widget)


class EuroAmountField(WholeNumberField):
    """An amount in whole euros: ``1 234 567``, ``1234567``, ``EUR 1 234 567``; never cents."""

    currency = True
    default_error_messages = {"invalid": _("Enter whole euros, e.g. 1 234 567.")}


# The figures fields of the models, by name, and the form field that reads each.
FIGURES_FIELD_CLASSES = {
    "members": WholeNumberField,
    "turnover_eur": EuroAmountField,
    "export_eur": EuroAmountField,
    "consultation_hours": WholeNumberField,
}


def whole_number_field_classes(model, names) -> dict[str, type[forms.Field]]:
    """``field_classes`` for a ModelForm: WholeNumberField for each of `names` that is a whole-number
    model field (others, such as decimals, keep their own form field)."""
    return {
        name: WholeNumberField
        for name in names
        if isinstance(model._meta.get_field(name), models.PositiveIntegerField | models.IntegerField)
    }

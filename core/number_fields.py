"""Numbers people type: text inputs read in the page's language, never ``<input type="number">``.

Why not ``<input type="number">``? Chromium drops a comma it does not understand before the form is
sent, so a Latvian ``45000000,75`` (cents after a decimal comma) reached the server as 4500000075 and
``1,5`` as 15. These fields are text inputs with a numeric keyboard; the server reads the text
itself, in the language of the page, and refuses whatever could be read two ways instead of guessing.

Whole numbers (``WholeNumberField``, ``EuroAmountField``, ``YearField``): digits, optionally grouped
by three with spaces (ordinary, non-breaking, narrow or thin), and an optional "EUR" or "€" around an
amount. English also takes commas as the thousands separator (``1,234,567``); Latvian takes dots
(``1.234.567``). A comma or dot that is not a correct group of three (``1,5``, ``45000000,75``,
``1.234,56``, ``12,34,567``) is refused: it is a decimal mark, or a typing error.

Decimals (``DecimalTextField``: percentages, FTE, euros with cents): digits with at most one decimal
mark, the page language's own (a comma in Latvian, a point in English), optionally grouped by three
with spaces. The other mark is refused (in English ``1,500`` could be 1500 or 1.5; in Latvian
``1.500`` could be 1500 or 1,5), and so are both marks together (``1.234,56``). Values are shown
with the page's decimal mark, so a form sent back unchanged reads the same.

Every form a person fills goes through these fields without each form naming them:
``TypedNumbersAdminMixin`` (admin classes, through ``core.admin_versioning``'s mixins) and
``TypedNumbersFormMixin`` (other forms) turn every integer, decimal or float field into its text
counterpart (``typed_number_field``). ``tests/test_number_inputs.py`` walks every admin and portal
form and fails on any ``type="number"``.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    StepValueValidator,
)
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Spaces people (and spreadsheets) put between groups of digits.
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u2007]")
_CURRENCY = re.compile(r"^(?:EUR|€)\s*|\s*(?:EUR|€)$", re.IGNORECASE)
_PLAIN = re.compile(r"\d+")
# The grouping separator each language writes for whole numbers; the other mark is its decimal mark.
_THOUSANDS_SEPARATOR = {"en": ",", "lv": "."}
_DECIMAL_MARK = {"en": ".", "lv": ","}
_MINUS = re.compile(r"^[-\u2212]\s*")


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


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
    separator = _THOUSANDS_SEPARATOR.get(_language(language), ",")
    if _grouped(separator).fullmatch(text):
        return int(text.replace(separator, ""))
    raise ValueError(f"not a whole number: {text!r}")


def parse_decimal(text: str, *, language: str | None = None, currency: bool = False) -> Decimal:
    """The decimal written in `text` (Latvian ``"1,5"`` or English ``"1.5"`` -> Decimal("1.5")).

    Whole digits may be grouped by three with spaces (``"2 990 156,29"``); a leading minus is kept;
    `currency` allows "EUR" / "€". Raises ValueError when the text uses the other language's decimal
    mark, a comma or dot as a thousands separator, both marks, or is not a number at all.
    """
    text = _GROUP_SPACES.sub(" ", text.strip())
    if currency:
        text = _CURRENCY.sub("", text).strip()
    sign = "-" if _MINUS.match(text) else ""
    text = _MINUS.sub("", text)
    mark = _DECIMAL_MARK.get(_language(language), ".")
    whole, separator, fraction = text.partition(mark)
    if not (_PLAIN.fullmatch(whole) or (" " in whole and _grouped(" ").fullmatch(whole))):
        raise ValueError(f"not a decimal: {text!r}")
    if separator and not _PLAIN.fullmatch(fraction):
        raise ValueError(f"not a decimal: {text!r}")
    try:
        return Decimal(f"{sign}{whole.replace(' ', '')}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        raise ValueError(f"not a decimal: {text!r}") from None


def group_digits(value: int | None) -> str:
    """1234567 -> "1 234 567" (spaces read back the same in every language), None -> ""."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", " ")


def format_decimal(value: Decimal | float | None, *, language: str | None = None) -> str:
    """Decimal("1.50") -> "1,50" in Latvian, "1.50" in English; no grouping (read back as typed)."""
    if value is None:
        return ""
    text = format(Decimal(str(value)), "f")
    return text.replace(".", _DECIMAL_MARK.get(_language(language), "."))


class WholeNumberInput(forms.TextInput):
    """A text input with a numeric keyboard on phones, showing the number grouped by thousands."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return group_digits(value)
        return super().format_value(value)


class YearInput(WholeNumberInput):
    """A year as written: 2024, never "2 024"."""

    def format_value(self, value):
        return forms.TextInput.format_value(self, value)


class DecimalTextInput(forms.TextInput):
    """A text input with a decimal keyboard on phones, showing the value with the page's decimal mark."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | float | int):
            return format_decimal(value)
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


class YearField(WholeNumberField):
    """A year, such as 2024."""

    widget = YearInput
    default_error_messages = {"invalid": _("Enter a year, e.g. 2024.")}


class DecimalTextField(forms.DecimalField):
    """A decimal (a percentage, FTE, euros with cents) written with the page language's decimal mark.

    Cleans to a ``Decimal``; ``max_digits`` and ``decimal_places`` are checked as by Django's
    DecimalField. `currency` (or a name ending in ``_eur``) allows "EUR" / "€".
    """

    widget = DecimalTextInput
    # Each language names its own mark: the Latvian text asks for a decimal comma, "7,5".
    default_error_messages = {
        "invalid": _(
            "Enter a number with a decimal point, e.g. 7.5 (thousands may be separated by spaces only)."
        )
    }

    def __init__(self, *, currency: bool = False, **kwargs):
        self.currency = currency
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int | float):  # a value, not text: the initial one of a model
            return Decimal(str(value))
        try:
            return parse_decimal(str(value), currency=self.currency)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        forms.Field.validate(self, value)

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)


TEXT_NUMBER_FIELDS = (WholeNumberField, DecimalTextField)
_NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
_REBUILT_VALIDATORS = (
    MinValueValidator,
    MaxValueValidator,
    DecimalValidator,
    StepValueValidator,
    ProhibitNullCharactersValidator,
)
_YEAR_NAME = re.compile(r"(?:^|_)year$|_since$")


def _text_class(field: forms.Field, name: str) -> type[forms.Field]:
    if isinstance(field, TEXT_NUMBER_FIELDS):
        return type(field)
    if _YEAR_NAME.search(name):
        return YearField
    if isinstance(field, forms.DecimalField | forms.FloatField):  # both subclass IntegerField
        return DecimalTextField
    return EuroAmountField if name.endswith("_eur") else WholeNumberField


def typed_number_field(field: forms.Field, *, name: str) -> forms.Field:
    """`field` itself, or, if it is a number a person types (an integer, decimal or float field shown
    as anything but a hidden input, or one of ours given the admin's ``type="number"`` widget), its
    text counterpart with the same label, help text, limits, initial value and extra validators.

    `name` chooses the counterpart: ``year``/``*_year``/``*_since`` a YearField, ``*_eur`` whole euros
    (or a DecimalTextField taking "EUR" for a decimal), other integers a WholeNumberField.
    """
    if not isinstance(field, _NUMBER_FIELDS) or isinstance(field.widget, forms.HiddenInput):
        return field
    if isinstance(field, TEXT_NUMBER_FIELDS) and not isinstance(field.widget, forms.NumberInput):
        return field
    text_class = _text_class(field, name)
    kwargs = {
        "required": field.required,
        "label": field.label,
        "initial": field.initial,
        "help_text": field.help_text,
        "disabled": field.disabled,
        "localize": field.localize,
        "show_hidden_initial": field.show_hidden_initial,
        "label_suffix": field.label_suffix,
        "min_value": getattr(field, "min_value", None),
        "max_value": getattr(field, "max_value", None),
        "validators": [v for v in field.validators if not isinstance(v, _REBUILT_VALIDATORS)],
    }
    if issubclass(text_class, DecimalTextField):
        kwargs["max_digits"] = getattr(field, "max_digits", None)
        kwargs["decimal_places"] = getattr(field, "decimal_places", None)
        kwargs["currency"] = getattr(field, "currency", False) or name.endswith("_eur")
    return text_class(**kwargs)


class TypedNumbersFormMixin:
    """For a form (put it first among the bases): every number field becomes its text counterpart."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            self.fields[name] = typed_number_field(field, name=name)


class TypedNumbersAdminMixin:
    """For a ModelAdmin or inline: every number field of its forms (add, change, list-editable) is a
    text field read in the page's language, whatever the admin's own widgets would have been."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return typed_number_field(field, name=db_field.name) if field is not None else None

"""Form fields shared by the portal and the admin: identifiers, and the figures' numbers.

Identifiers: each field normalises what people paste (see ``clusters.validators``) before validating,
so the same input is accepted, and stored the same way, wherever it is typed.

Numbers (euros, counts, decimals) are text fields read in the page's language, never
``<input type="number">``: they live in ``core.number_fields`` (the admin of every app uses them,
people's too) and are re-exported here for the figures' forms.
"""

from django import forms
from django.core.validators import URLValidator
from django.db import models

from core.number_fields import (  # noqa: F401 - re-exported for the figures' forms
    DecimalTextField,
    EuroAmountField,
    WholeNumberField,
    WholeNumberInput,
    group_digits,
    parse_decimal,
    parse_whole_number,
)

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


# The figures fields of the models, by name, and the form field that reads each.
FIGURES_FIELD_CLASSES = {
    "members": WholeNumberField,
    "turnover_eur": EuroAmountField,
    "export_eur": EuroAmountField,
    "consultation_hours": WholeNumberField,
}


def whole_number_field_classes(model, names) -> dict[str, type[forms.Field]]:
    """``field_classes`` for a ModelForm: WholeNumberField for each of `names` that is a whole-number
    model field, DecimalTextField for each decimal one."""
    classes: dict[str, type[forms.Field]] = {}
    for name in names:
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.IntegerField):
            classes[name] = WholeNumberField
        elif isinstance(model_field, models.DecimalField):
            classes[name] = DecimalTextField
    return classes

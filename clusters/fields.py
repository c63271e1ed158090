"""Form fields for the cluster models' identifiers, shared by the portal and the admin.

Each field normalises what people paste (see ``clusters.validators``) before validating, so the same
input is accepted, and stored the same way, wherever it is typed.
"""

from django import forms
from django.core.validators import URLValidator

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

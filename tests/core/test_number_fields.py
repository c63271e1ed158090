"""Decimals (percentages, FTE, euros with cents) typed in the page's language: read exactly, or refused."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.number_fields import (
    DecimalTextField,
    EuroAmountField,
    WholeNumberField,
    YearField,
    parse_decimal,
    typed_number_field,
)

NBSP = "\u00a0"

READ = [
    # (language, typed, value)
    ("lv", "1,5", Decimal("1.5")),
    ("lv", "7,5", Decimal("7.5")),
    ("lv", "45000000,75", Decimal("45000000.75")),
    ("lv", "2 990 156,29", Decimal("2990156.29")),
    ("lv", f"2{NBSP}990{NBSP}156,29", Decimal("2990156.29")),
    ("lv", "15", Decimal("15")),
    ("lv", "-3,2", Decimal("-3.2")),
    ("lv", "\u22123,2", Decimal("-3.2")),
    ("en", "1.5", Decimal("1.5")),
    ("en", "45000000.75", Decimal("45000000.75")),
    ("en", "2 990 156.29", Decimal("2990156.29")),
    ("en", "15", Decimal("15")),
]

REFUSED = [
    # the other language's decimal mark, a comma or dot between thousands, both marks, not a number
    ("en", "1,5"),
    ("en", "1,500"),
    ("en", "45000000,75"),
    ("en", "1,234.56"),
    ("en", "1.234,56"),
    ("en", "1.2.3"),
    ("en", "1 2345.5"),
    ("en", "12e6"),
    ("en", "1.5%"),
    ("en", "."),
    ("lv", "1.5"),
    ("lv", "1.500"),
    ("lv", "1.234,56"),
    ("lv", "1,234.56"),
    ("lv", "1,2,3"),
    ("lv", "2 99 156,29"),
    ("lv", "abc"),
    ("lv", ","),
]

MESSAGE = {
    "en": "Enter a number with a decimal point, e.g. 7.5 (thousands may be separated by spaces only).",
    "lv": "Ievadiet skaitli ar decimālkomatu, piem., 7,5 (tūkstošus drīkst atdalīt tikai ar atstarpēm).",
}


@pytest.mark.parametrize(("language", "typed", "value"), READ)
def test_decimals_are_read_with_the_page_languages_decimal_mark(language, typed, value):
    with translation.override(language):
        assert DecimalTextField().clean(typed) == value


@pytest.mark.parametrize(("language", "typed"), REFUSED)
def test_decimals_that_could_be_read_two_ways_are_refused_with_a_message(language, typed):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            DecimalTextField().clean(typed)
        assert refused.value.messages == [MESSAGE[language]]


def test_a_decimal_is_never_multiplied():
    # Whatever is accepted keeps its digits and puts the decimal mark where it was typed.
    for language, typed, value in READ:
        mark = "," if language == "lv" else "."
        whole, _, fraction = typed.partition(mark)
        assert len(fraction) == max(-value.as_tuple().exponent, 0)
        assert parse_decimal(typed, language=language) == value
        assert abs(value) < 10 ** len("".join(c for c in whole if c.isdigit()))


def test_the_limits_of_the_model_field_still_apply():
    field = DecimalTextField(max_digits=6, decimal_places=2, min_value=0)
    with translation.override("lv"):
        assert field.clean("1234,56") == Decimal("1234.56")
        for typed in ("45000000,75", "1,505", "-1"):
            with pytest.raises(ValidationError):
                field.clean(typed)


def test_euro_decimals_take_the_currency():
    with translation.override("lv"):
        assert DecimalTextField(currency=True).clean("2 990 156,29 €") == Decimal("2990156.29")
        with pytest.raises(ValidationError):
            DecimalTextField().clean("2 990 156,29 €")


@pytest.mark.parametrize(("language", "shown"), [("lv", 'value="1,50"'), ("en", 'value="1.50"')])
def test_a_decimal_is_shown_with_the_page_languages_mark(language, shown):
    with translation.override(language):
        html = DecimalTextField().widget.render("management_staff_fte", Decimal("1.50"))
    assert shown in html
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert "step=" not in html


def test_a_year_is_shown_as_written_and_read_as_a_whole_number():
    field = YearField()
    assert 'value="2024"' in field.widget.render("year", 2024)
    assert field.clean("2024") == 2024


@pytest.mark.parametrize(
    ("name", "field", "expected"),
    [
        ("members", forms.IntegerField(min_value=0), WholeNumberField),
        ("turnover_eur", forms.IntegerField(), EuroAmountField),
        ("year", forms.IntegerField(), YearField),
        ("founded_year", forms.IntegerField(), YearField),
        ("year", forms.DecimalField(), YearField),  # django-filter's NumberFilter
        ("management_staff_fte", forms.DecimalField(max_digits=6, decimal_places=2), DecimalTextField),
        ("share", forms.FloatField(), DecimalTextField),
        ("turnover_eur", EuroAmountField(widget=forms.NumberInput), EuroAmountField),
    ],
)
def test_every_number_field_becomes_its_text_counterpart(name, field, expected):
    typed = typed_number_field(field, name=name)
    assert type(typed) is expected
    assert not isinstance(typed.widget, forms.NumberInput)


def test_the_counterpart_keeps_label_limits_and_requiredness():
    original = forms.DecimalField(
        label="Staff", required=False, max_digits=6, decimal_places=2, min_value=0, help_text="FTE"
    )
    typed = typed_number_field(original, name="management_staff_fte")
    assert (typed.label, typed.required, typed.help_text) == ("Staff", False, "FTE")
    assert (typed.max_digits, typed.decimal_places, typed.min_value) == (6, 2, 0)
    with translation.override("en"), pytest.raises(ValidationError):
        typed.clean("-1")


def test_hidden_and_non_number_fields_are_left_alone():
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField()
    assert typed_number_field(hidden, name="figures") is hidden
    assert typed_number_field(text, name="year") is text


def test_values_that_are_already_numbers_are_kept_whatever_the_language():
    with translation.override("lv"):
        field = DecimalTextField()
        assert field.clean(Decimal("1.5")) == Decimal("1.5")
        assert field.clean(1.5) == Decimal("1.5")
        assert not field.has_changed(Decimal("1.50"), "1,5")

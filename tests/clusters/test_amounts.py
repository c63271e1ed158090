"""Amounts typed the way people write them are read right, in English and Latvian; ambiguous ones are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from clusters.fields import EuroAmountField, WholeNumberField, parse_whole_number
from clusters.forms import NetworkFiguresAdminForm
from clusters.models import NetworkFigures, YearlyFigures
from tests.factories import ClusterFactory, UserFactory

NBSP, NARROW_NBSP, THIN = "\u00a0", "\u202f", "\u2009"

READ = [
    # (language, typed, whole euros)
    ("en", "1234567", 1_234_567),
    ("en", "1 234 567", 1_234_567),
    ("en", f"1{NBSP}234{NBSP}567", 1_234_567),
    ("en", "1,234,567", 1_234_567),
    ("en", "  45 000 000 ", 45_000_000),
    ("en", "EUR 1,234,567", 1_234_567),
    ("en", "0", 0),
    ("lv", "1234567", 1_234_567),
    ("lv", "1 234 567", 1_234_567),
    ("lv", f"1{NBSP}234{NBSP}567", 1_234_567),
    ("lv", f"1{NARROW_NBSP}234{NARROW_NBSP}567", 1_234_567),
    ("lv", f"1{THIN}234{THIN}567", 1_234_567),
    ("lv", "1.234.567", 1_234_567),
    ("lv", "1 234 567 €", 1_234_567),
]

REFUSED = [
    # cents after a decimal comma or point, mixed or wrong grouping, the other language's separator
    ("en", "45000000,75"),
    ("en", "1,5"),
    ("en", "1.5"),
    ("en", "1.234.567"),
    ("en", "1.234,56"),
    ("en", "1,234.56"),
    ("en", "12,34,567"),
    ("en", "1 234,567"),
    ("en", "1 2345"),
    ("en", "-5"),
    ("en", "12e6"),
    ("en", "1,234 567"),
    ("lv", "45000000,75"),
    ("lv", "1,5"),
    ("lv", "1,234,567"),
    ("lv", "1.234,56"),
    ("lv", "12.34.567"),
    ("lv", "12,34,567"),
    ("lv", "1 234.567"),
    ("lv", "45 000 000,75"),
]


@pytest.mark.parametrize(("language", "typed", "value"), READ)
def test_amounts_are_read_in_the_spellings_of_the_page_language(language, typed, value):
    with translation.override(language):
        assert EuroAmountField().clean(typed) == value


AMOUNT_MESSAGE = {
    "en": "Enter whole euros, e.g. 1 234 567.",
    "lv": "Ievadiet summu veselos eiro, piem., 1 234 567.",
}


@pytest.mark.parametrize(("language", "typed"), REFUSED)
def test_cents_and_ambiguous_amounts_are_refused_with_a_message(language, typed):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            EuroAmountField().clean(typed)
        assert refused.value.messages == [AMOUNT_MESSAGE[language]]


@translation.override("en")
def test_counts_refuse_currency_and_fractions():
    field = WholeNumberField()
    assert field.clean("1 234") == 1234
    for typed in ("EUR 12", "12,5", "1.5"):
        with pytest.raises(ValidationError, match="whole number"):
            field.clean(typed)


def test_parsing_a_number_never_multiplies_it():
    # Whatever is accepted reads as the digits typed: no separator is ever read as a decimal mark.
    for language, typed, value in READ:
        digits = "".join(character for character in typed if character.isdigit())
        assert parse_whole_number(typed, language=language, currency=True) == int(digits) == value


def test_the_input_is_text_with_a_numeric_keyboard_and_shows_grouped_thousands():
    html = EuroAmountField().widget.render("turnover_eur", 45_000_000)
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'value="45 000 000"' in html
    assert "min=" not in html


@pytest.fixture
def manager_client(client, db):
    cluster = ClusterFactory(slug="it")
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)
    return client


def submit(client, language: str, **values):
    data = {
        "year": 2019,
        "members": "30",
        "turnover_eur": "1 000 000",
        "export_eur": "400 000",
        "version": "",
    }
    # The address chooses the language: English under /en/, Latvian at the plain one.
    with translation.override(language):
        url = reverse("portal:figures", args=["it"])
    return client.post(url, {**data, **values})


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [("en", "45,000,000", 45_000_000), ("lv", "45.000.000", 45_000_000), ("lv", "45 000 000", 45_000_000)],
)
def test_the_portal_saves_amounts_typed_with_separators(manager_client, language, typed, value):
    response = submit(manager_client, language, turnover_eur=typed, export_eur="1 000 000")
    assert response.status_code == 302
    assert YearlyFigures.objects.get().turnover_eur == value


@pytest.mark.parametrize(
    ("language", "message"),
    list(AMOUNT_MESSAGE.items()),
)
def test_the_portal_refuses_cents_at_the_field_and_saves_nothing(manager_client, language, message):
    response = submit(manager_client, language, turnover_eur="45000000,75")
    assert response.status_code == 200
    assert response.context["form"].errors["turnover_eur"] == [message]
    assert message in response.text
    assert not YearlyFigures.objects.exists()


@translation.override("en")
def test_the_admin_reads_network_totals_the_same_way(db):
    data = {"year": 2019, "members": "580", "turnover_eur": "1 762 000 000", "export_eur": "610,000,000"}
    form = NetworkFiguresAdminForm(data)
    assert form.is_valid(), form.errors
    assert form.save().turnover_eur == 1_762_000_000
    refused = NetworkFiguresAdminForm({**data, "year": 2020, "export_eur": "610000000,50"})
    assert not refused.is_valid()
    assert refused.errors["export_eur"] == ["Enter whole euros, e.g. 1 234 567."]
    assert NetworkFigures.objects.count() == 1

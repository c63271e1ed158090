"""Dates and numbers as each language writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from directory.charts import compact_number, percent
from directory.templatetags.directory import compact_eur, eur, percent_of

NBSP = "\xa0"


def render(source: str, **context) -> str:
    return Template("{% load humanize directory %}" + source).render(Context(context))


@pytest.mark.parametrize(("language", "expected"), [("lv", "01.03.2013."), ("en", "1 March 2013")])
def test_short_dates(language, expected):
    with translation.override(language):
        assert render('{{ day|date:"SHORT_DATE_FORMAT" }}', day=datetime.date(2013, 3, 1)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("lv", f"1{NBSP}762{NBSP}000{NBSP}000"), ("en", "1,762,000,000")],
)
def test_grouped_amounts(language, expected):
    with translation.override(language):
        assert render("{{ amount|intcomma }}", amount=1_762_000_000) == expected
        assert render('{{ amount|floatformat:"0g" }}', amount=1_762_000_000) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("lv", f"1{NBSP}762{NBSP}000{NBSP}000{NBSP}EUR"), ("en", f"EUR{NBSP}1,762,000,000")],
)
def test_money(language, expected):
    with translation.override(language):
        assert eur(1_762_000_000) == expected
    assert eur(None) == "–"


@pytest.mark.parametrize(
    ("language", "expected"), [("lv", f"1,76{NBSP}mljrd.{NBSP}EUR"), ("en", f"EUR{NBSP}1.76{NBSP}bn")]
)
def test_short_money_puts_the_currency_where_the_language_does(language, expected):
    # Headline figures of a single year: Latvian writes the currency after the amount, as on the home page.
    with translation.override(language):
        assert compact_eur(1_762_000_000) == expected
        assert render("{{ amount|compact_eur }}", amount=1_762_000_000) == expected
    assert compact_eur(None) == "–"


@pytest.mark.parametrize(
    ("language", "share", "compact"),
    [("lv", f"22,1{NBSP}%", "1,76 mljrd."), ("en", f"22.1{NBSP}%", "1.76 bn")],
)
def test_percentages_and_compact_numbers_use_the_decimal_separator(language, share, compact):
    with translation.override(language):
        assert percent_of(221, 1000) == share
        assert percent(22.1) == share
        assert compact_number(1_762_000_000) == compact


def test_years_are_never_grouped():
    with translation.override("lv"):
        assert render("{{ year }}", year=2023) == "2023"

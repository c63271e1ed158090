"""Dates typed as the site writes them: the Latvian "01.03.2020." (with the closing dot) is accepted
in every date input; a day/month order that could be read two ways ("03/01/2020") is refused."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from programmes.models import Programme
from tests.test_typed_numbers import page_form, url

MARCH_1 = datetime.date(2020, 3, 1)


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("typed", ["01.03.2020.", "01.03.2020", "1.3.2020.", "2020-03-01"])
def test_a_date_field_reads_the_latvian_short_form_with_or_without_the_closing_dot(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == MARCH_1


@pytest.mark.parametrize("typed", ["1 March 2020", "1 Mar 2020", "March 1, 2020"])
def test_english_pages_read_dates_as_they_show_them(typed):
    with translation.override("en"):
        assert forms.DateField().clean(typed) == MARCH_1


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_date_with_slashes_is_refused_not_read_month_first(language):
    with translation.override(language), pytest.raises(ValidationError):
        forms.DateField().clean("03/01/2020")


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_date_as_the_site_shows_it_is_read_back(language):
    with translation.override(language):
        for shown in (date_format(MARCH_1, "SHORT_DATE_FORMAT"), date_format(MARCH_1, "DATE_FORMAT")):
            assert forms.DateField().clean(shown) == MARCH_1, shown


@pytest.mark.parametrize("typed", ["01.03.2020.", "01.03.2020"])
def test_the_latvian_admin_saves_a_date_typed_with_the_closing_dot(staff_client, db, typed):
    page = url("lv", "admin:programmes_programme_add")
    data = page_form(staff_client.get(page))
    data.update(name_lv="Programma", name_en="Programme", slug="programma", fund_lv="ERAF", starts_on=typed)
    response = staff_client.post(page, {**data, "_save": "Saglabāt"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Programme.objects.get().starts_on == MARCH_1


def test_the_latvian_admin_datetime_split_field_reads_the_closing_dot():
    with translation.override("lv"):
        field = forms.SplitDateTimeField()
        cleaned = field.clean(["01.03.2020.", "14:30"])
    assert (cleaned.date(), cleaned.time()) == (MARCH_1, datetime.time(14, 30))

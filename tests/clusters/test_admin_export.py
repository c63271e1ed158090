"""The admin's Export: xlsx chosen by default, csv streamed and formula-safe, a huge xlsx refused."""

import pytest
from django.urls import reverse

from clusters import admin_export
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:clusters_company_export")


def test_xlsx_is_the_default_format(staff_client):
    form = staff_client.get(URL).context["form"]

    assert form.fields["format"].initial == "0"
    assert [label for _value, label in form.fields["format"].choices] == ["xlsx", "csv"]


def test_csv_is_streamed_with_every_row_and_formula_safe(staff_client):
    CompanyFactory(name="=HYPERLINK(1)", slug="formula")
    CompanyFactory(name="Ozols SIA", slug="ozols")

    response = staff_client.post(URL, {"format": "1", "resource": "0", "companyresource_name": "on"})

    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=HYPERLINK(1)", "Ozols SIA"]


def test_a_large_xlsx_export_is_refused_with_a_pointer_to_csv(staff_client, monkeypatch):
    monkeypatch.setattr(admin_export, "XLSX_MAX_ROWS", 1)
    CompanyFactory.create_batch(2)

    response = staff_client.post(
        URL, {"format": "0", "resource": "0", "companyresource_name": "on"}, follow=True
    )

    assert "Choose the csv format" in response.text
    assert not response.get("Content-Disposition")


def test_an_export_with_a_filter_the_list_does_not_know_is_a_bad_request(staff_client):
    assert staff_client.get(URL, {"nonsense": "1"}).status_code == 400

"""One website rule for forms, admin and importers: an address without a scheme is https."""

import pytest

from clusters.fields import WebsiteField
from clusters.importers import import_members
from clusters.models import Company
from imports import cells
from tests.clusters.spreadsheets import MEMBERS_HEADER, xlsx
from tests.factories import ClusterFactory, CompanyFactory, make_registration_number


@pytest.mark.parametrize(
    "written",
    [
        "www.tilde.lv",
        "tilde.lv",
        "tilde.lv/lv/par-mums",
        "http://www.tilde.lv",
        "https://www.tilde.lv/",
        "HTTPS://Tilde.lv",
    ],
)
def test_a_cell_is_stored_as_the_form_stores_it(written):
    assert cells.url(written) == WebsiteField().clean(written)


@pytest.mark.django_db
def test_reimporting_an_address_without_scheme_keeps_the_stored_https_one():
    # A list written before the company's website was corrected to https must not turn it back.
    cluster = ClusterFactory(name="Latvian IT Cluster")
    number = make_registration_number(4242)
    CompanyFactory(name="Tilde SIA", registration_number=number, website="https://www.tilde.lv")
    row = ["Tilde SIA", number, cluster.name, "", "www.tilde.lv", "", "", "", ""]
    import_members(xlsx([MEMBERS_HEADER, row]))

    report = import_members(xlsx([MEMBERS_HEADER, row]))

    assert Company.objects.get().website == "https://www.tilde.lv"
    assert (report.created, report.updated) == (0, 0)

"""The strict Content-Security-Policy breaks nothing: no page, public or admin, trips over it."""

import pytest

from clusters.models import Cluster, Company
from tests.browser.test_public_directory import PUBLIC_PAGES
from tests.factories import ReportingRoundFactory, StaffFactory

pytestmark = pytest.mark.browser

ADMIN_PAGES = [
    "/admin/",
    "/admin/clusters/cluster/",
    "/admin/clusters/cluster/add/",
    "/admin/clusters/company/",
    # Pages drawn by the libraries' templates (django-import-export, django-simple-history).
    "/admin/clusters/company/export/",
    "/en/admin/clusters/company/export/",
    "/admin/clusters/membership/export/",
    "/admin/clusters/company/import/",
]


def csp_violations(tab, url: str) -> list[str]:
    """Console messages in which the browser reports something the policy refused."""
    messages: list[str] = []
    tab.on("console", lambda message: messages.append(message.text))
    response = tab.goto(url)
    tab.wait_for_load_state("load")
    assert response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    return [text for text in messages if "Content Security Policy" in text]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_load_everything_under_the_policy(live_server, directory, tab, name):
    assert csp_violations(tab, live_server.url + PUBLIC_PAGES[name]) == []


def log_in_to_the_admin(live_server, tab) -> None:
    StaffFactory(email="staff@example.lv")
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", "staff@example.lv")
    tab.fill("#id_password", "correct horse battery")
    tab.click("input[type=submit]")
    tab.wait_for_url(live_server.url + "/admin/")


def test_admin_pages_load_everything_under_the_policy(live_server, directory, tab):
    log_in_to_the_admin(live_server, tab)
    # A change form with inlines, filter_horizontal and an autocomplete.
    # The reporting round's dashboard: its table is laid out by the project's admin style sheet.
    round = ReportingRoundFactory()
    pages = [
        *ADMIN_PAGES,
        f"/admin/clusters/cluster/{Cluster.objects.get(slug='latvian-wood').pk}/change/",
        f"/admin/reports/reportinground/{round.pk}/dashboard/",
        f"/admin/clusters/cluster/{Cluster.objects.get(slug='latvian-wood').pk}/history/",
        f"/admin/clusters/company/{Company.objects.order_by('pk').first().pk}/history/",
        f"/en/admin/clusters/company/{Company.objects.order_by('pk').first().pk}/history/",
    ]

    violations = {url: csp_violations(tab, live_server.url + url) for url in pages}

    assert violations == {url: [] for url in pages}


def test_select_all_on_the_export_page_clears_and_ticks_every_field(live_server, directory, tab):
    """It was an onchange attribute, which the policy blocks: the box did nothing."""
    log_in_to_the_admin(live_server, tab)
    tab.goto(live_server.url + "/admin/clusters/company/export/")
    fields = tab.locator('.selectable-field-export-row input[type="checkbox"]:visible')
    assert fields.count() > 2
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))

    tab.click("#select-all-toggle")
    assert not any(fields.nth(i).is_checked() for i in range(fields.count()))

    tab.click("label[for=select-all-toggle]")
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))

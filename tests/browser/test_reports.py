"""The yearly report in a real browser: both languages, phone and desktop, print, the chart download;
and staff opening a round in the admin."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone

from reports.models import ReportingRound
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser


def serious_violations(tab) -> list[str]:
    return [
        f"{violation['id']} at {node['target']}"
        for violation in Axe().run(tab).response["violations"]
        if violation["impact"] in {"serious", "critical"}
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_report_reads_in_both_languages_on_phone_and_desktop(
    live_server, directory, browser_context, screenshots_dir, viewport, language
):
    browser_context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    tab = browser_context.new_page()
    tab.set_viewport_size(viewport)
    tab.goto(live_server.url + "/reports/2018/")

    heading = {"en": "Latvian Clusters in Numbers (2018)", "lv": "Latvijas klasteri skaitļos (2018)"}
    assert tab.get_by_role("heading", level=1).inner_text() == heading[language]
    total = tab.locator("tfoot tr").inner_text()
    assert ("Total" if language == "en" else "Kopā") in total
    assert tab.locator("svg.report-chart rect[fill='#0b5ed7']").count() == 3 + 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert serious_violations(tab) == []
    width = "phone" if viewport == PHONE else "desktop"
    tab.screenshot(path=str(screenshots_dir / f"report-{language}-{width}.png"), full_page=True)


def test_the_report_prints_without_navigation_and_the_chart_downloads(
    live_server, directory, tab, screenshots_dir
):
    tab.goto(live_server.url + "/en/reports/2018/")
    tab.emulate_media(media="print")
    assert not tab.locator("header nav").is_visible()
    assert not tab.locator(".report-downloads").is_visible()
    assert tab.locator("table.report-table").is_visible()
    tab.pdf(path=str(screenshots_dir / "report-print.pdf"), prefer_css_page_size=True)
    tab.emulate_media(media="screen")

    with tab.expect_download() as download:
        tab.locator(".report-downloads").get_by_role("link", name="Download the chart (SVG)").click()
    assert download.value.suggested_filename == "lcn-clusters-in-numbers-2018.svg"
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("<svg")


def test_staff_open_a_round_and_see_it_on_the_dashboard(live_server, directory, tab, screenshots_dir):
    StaffFactory(email="staff@example.lv")
    cluster = directory["wood"]
    cluster.managers.add(StaffFactory(email="manager@wood.example.lv", is_staff=False, is_superuser=False))
    year = timezone.localdate().year - 1
    tab.goto(live_server.url + "/en/admin/login/")
    tab.get_by_label("Username").fill("staff@example.lv")
    tab.get_by_label("Password").fill("correct horse battery")
    tab.get_by_role("button", name="Log in").click()
    tab.goto(live_server.url + "/en/admin/reports/reportinground/add/")
    tab.get_by_label("Year").fill(str(year))
    tab.get_by_label("Deadline").fill((timezone.localdate() + timezone.timedelta(days=30)).isoformat())
    tab.get_by_role("button", name="Save", exact=True).click()

    tab.wait_for_url("**/dashboard/")
    assert "1 manager was e-mailed" in tab.locator(".messagelist").inner_text()
    assert [message.to for message in mail.outbox] == [["manager@wood.example.lv"]]
    assert ReportingRound.objects.get().year == year
    rows = tab.locator("#round-clusters tbody tr")
    # The two LCN member clusters; the non-member has no figures for the year, so it is not asked.
    assert rows.count() == 2
    tab.screenshot(path=str(screenshots_dir / "round-dashboard.png"), full_page=True)

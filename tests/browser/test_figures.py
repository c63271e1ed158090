"""Figures typed into the portal in a real browser: what Chromium sends is what the server reads."""

import pytest

from clusters.models import YearlyFigures
from tests.browser.conftest import PHONE
from tests.browser.test_portal import assert_accessible
from tests.factories import ClusterFactory, UserFactory, YearlyFiguresFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def cluster(transactional_db):
    cluster = ClusterFactory(name="Latvian Wood Cluster", slug="wood")
    YearlyFiguresFactory(
        cluster=cluster, year=2016, members=40, turnover_eur=40_000_000, export_eur=20_000_000
    )
    cluster.managers.add(UserFactory(email="daina@example.lv"))
    return cluster


def language_prefix(locale: str) -> str:
    return "/en" if locale.startswith("en") else ""


def open_figures_form(chromium, base: str, locale: str, viewport: dict | None = None):
    context = chromium.new_context(locale=locale, viewport=viewport or {"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # The address chooses the language: English under /en/, Latvian at the plain one.
    base = f"{base}{language_prefix(locale)}"
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("daina@example.lv")
    page.locator("#id_password").fill("correct horse battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/portal/**")
    page.goto(f"{base}/portal/wood/figures/")
    return context, page


def fill_figures(page, *, year: str, members: str, turnover: str, export: str) -> None:
    page.locator("#id_year").fill(year)
    page.locator("#id_members").fill(members)
    page.locator("#id_turnover_eur").fill(turnover)
    page.locator("#id_export_eur").fill(export)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("lv-LV", "Ievadiet summu veselos eiro, piem., 1 234 567."),
        ("en-GB", "Enter whole euros, e.g. 1 234 567."),
    ],
)
def test_cents_typed_in_chromium_are_refused_at_the_field_not_multiplied(
    live_server, chromium, cluster, screenshots_dir, locale, message
):
    context, page = open_figures_form(chromium, live_server.url, locale, PHONE)
    try:
        assert page.locator("#id_turnover_eur").get_attribute("type") == "text"
        assert page.locator("#id_turnover_eur").get_attribute("inputmode") == "numeric"
        fill_figures(page, year="2017", members="42", turnover="45000000,75", export="21 000 000")

        field_error = page.locator("#id_turnover_eur ~ .invalid-feedback, #error_1_id_turnover_eur")
        assert message in field_error.first.inner_text()
        assert page.locator("#id_turnover_eur").input_value() == "45000000,75"  # kept to correct
        page.screenshot(path=screenshots_dir / f"figures-refused-{locale}-390.png", full_page=True)
        assert not YearlyFigures.objects.filter(year=2017).exists()

        page.locator("#id_turnover_eur").fill("45 000 000")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/portal/wood/figures/")
        assert_accessible(page)
    finally:
        context.close()

    saved = YearlyFigures.objects.get(cluster=cluster, year=2017)
    assert (saved.turnover_eur, saved.export_eur, saved.members) == (45_000_000, 21_000_000, 42)


def test_implausible_figures_are_saved_once_the_manager_confirms_them(
    live_server, chromium, cluster, screenshots_dir
):
    context, page = open_figures_form(chromium, live_server.url, "en-GB")
    try:
        assert page.locator("#id_checked").get_attribute("type") == "hidden"
        fill_figures(page, year="2017", members="42", turnover="1 000 000", export="37,000,000")
        text = page.locator("main").inner_text()
        assert "Export (EUR 37,000,000) is greater than turnover (EUR 1,000,000)." in text
        assert "Turnover changed from 40,000,000 in 2016 to 1,000,000" in text
        page.screenshot(path=screenshots_dir / "figures-warnings-en.png", full_page=True)
        assert not YearlyFigures.objects.filter(year=2017).exists()

        page.get_by_label("I have checked these figures").check()
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/portal/wood/figures/")
    finally:
        context.close()

    assert YearlyFigures.objects.get(cluster=cluster, year=2017).export_eur == 37_000_000


@pytest.mark.parametrize("locale", ["lv-LV", "en-GB"])
def test_statistics_on_a_phone_label_every_chart_and_keep_it_inside_the_screen(
    live_server, chromium, directory, screenshots_dir, locale
):
    # One cluster reports a new year: the trend must not show the network collapsing.
    YearlyFiguresFactory(cluster=directory["wood"], year=2025, members=47, turnover_eur=125_000_000)
    context = chromium.new_context(locale=locale, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{language_prefix(locale)}/statistics/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        captions = page.locator("figcaption.chart-title")
        assert captions.count() == page.locator("svg.chart").count() == 6
        for index in range(captions.count()):
            assert captions.nth(index).is_visible()
            box = page.locator("svg.chart").nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        trend = page.locator("svg.chart").first.inner_html()
        assert "2018" in trend and "2025" not in trend
        main = page.locator("main").inner_text()
        assert ("1 no 2" if locale == "lv-LV" else "1 of 2") in main  # 2025: one of two member clusters
        if locale == "lv-LV":
            assert "milj." in page.locator("#ranking-title").locator("..").inner_html()
        page.screenshot(path=screenshots_dir / f"statistics-{locale}-390.png", full_page=True)
    finally:
        context.close()

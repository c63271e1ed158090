"""Amounts and decimals typed into Chromium: stored exactly or refused at the field, never multiplied.

With ``<input type="number">`` Chromium sent ``45000000,75`` as 4500000075 and ``1,5`` as 15; these
tests type the reported values into the admin's yearly figures and the portal's figures form, in
Latvian and in English, and read what the database holds.
"""

from decimal import Decimal

import pytest

from clusters.models import YearlyFigures
from tests.browser.test_figures import language_prefix, open_figures_form
from tests.factories import ClusterFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.browser

WHOLE_EUROS = {"lv-LV": "Ievadiet summu veselos eiro", "en-US": "Enter whole euros"}
DECIMAL = {"lv-LV": "Ievadiet skaitli ar decimālkomatu", "en-US": "Enter a number with a decimal point"}
# The staff FTE as each language writes 1.5, and shows 1.50.
FTE = {"lv-LV": ("1,5", "1,50"), "en-US": ("1.5", "1.50")}


def field_error(page, name: str) -> str:
    """The error shown next to a field: the admin's row, or the portal's feedback under the input."""
    errors = page.locator(f".field-{name} .errorlist, #id_{name} ~ .invalid-feedback")
    return " ".join(errors.all_inner_texts())


def type_in(page, name: str, value: str) -> None:
    """Key by key, as a person types: a number input would drop the keys it does not take."""
    field = page.locator(f"#id_{name}")
    field.clear()
    field.press_sequentially(value)


def assert_text_inputs(page, *names: str) -> None:
    for name in names:
        assert page.locator(f"#id_{name}").get_attribute("type") == "text", name


@pytest.fixture
def masoc(transactional_db):
    StaffFactory(email="staff@example.lv", is_superuser=True)
    return ClusterFactory(name="MASOC", slug="masoc")


def open_admin_figures_add(chromium, base: str, locale: str, cluster):
    context = chromium.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = f"{base}{language_prefix(locale)}"
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill("staff@example.lv")
    page.locator("#id_password").fill("correct horse battery")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{base}/admin/clusters/yearlyfigures/add/?cluster={cluster.pk}")
    return context, page


def fill_admin_figures(page, **values: str) -> None:
    for name, value in values.items():
        type_in(page, name, value)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("locale", ["lv-LV", "en-US"])
def test_admin_yearly_figures_typed_in_chromium_are_stored_exactly_or_refused(
    live_server, chromium, masoc, screenshots_dir, locale
):
    typed_fte, shown_fte = FTE[locale]
    context, page = open_admin_figures_add(chromium, live_server.url, locale, masoc)
    try:
        assert_text_inputs(page, "year", "members", "turnover_eur", "export_eur", "management_staff_fte")
        fill_admin_figures(
            page,
            year="2024",
            members="40",
            turnover_eur="45000000,75",
            export_eur="45000000,75",
            management_staff_fte="45000000,75",
        )
        assert WHOLE_EUROS[locale] in field_error(page, "turnover_eur")
        assert WHOLE_EUROS[locale] in field_error(page, "export_eur")
        assert field_error(page, "management_staff_fte")  # too many digits, or the wrong mark
        assert page.locator("#id_turnover_eur").input_value() == "45000000,75"  # kept to correct
        page.screenshot(path=screenshots_dir / f"admin-figures-refused-{locale}.png", full_page=True)
        assert not YearlyFigures.objects.exists()

        fill_admin_figures(page, turnover_eur="1 234 567", export_eur="1 234 567", management_staff_fte="1,5")
        if locale == "en-US":  # a comma is not the English decimal mark: 1,5 could be 1.5 or 15
            assert DECIMAL[locale] in field_error(page, "management_staff_fte")
            assert not YearlyFigures.objects.exists()
            fill_admin_figures(page, management_staff_fte=typed_fte)
        page.wait_for_url("**/admin/clusters/yearlyfigures/")
        figures = YearlyFigures.objects.get(cluster=masoc, year=2024)
        assert (figures.turnover_eur, figures.export_eur) == (1_234_567, 1_234_567)
        assert figures.management_staff_fte == Decimal("1.5")

        page.goto(
            f"{live_server.url}{language_prefix(locale)}/admin/clusters/yearlyfigures/{figures.pk}/change/"
        )
        assert page.locator("#id_management_staff_fte").input_value() == shown_fte
        assert page.locator("#id_turnover_eur").input_value() == "1 234 567"
    finally:
        context.close()


@pytest.fixture
def wood(transactional_db):
    cluster = ClusterFactory(name="Latvian Wood Cluster", slug="wood")
    cluster.managers.add(UserFactory(email="daina@example.lv"))
    return cluster


def fill_portal_figures(page, **values: str) -> None:
    for name, value in values.items():
        type_in(page, name, value)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("locale", ["lv-LV", "en-US"])
def test_portal_figures_typed_in_chromium_are_stored_exactly_or_refused(live_server, chromium, wood, locale):
    typed_fte, shown_fte = FTE[locale]
    context, page = open_figures_form(chromium, live_server.url, locale)
    try:
        assert_text_inputs(page, "members", "turnover_eur", "export_eur", "management_staff_fte")
        fill_portal_figures(
            page,
            year="2024",
            members="40",
            turnover_eur="45000000,75",
            export_eur="1 234 567",
            management_staff_fte="1,5",
        )
        assert WHOLE_EUROS[locale] in field_error(page, "turnover_eur")
        if locale == "en-US":
            assert DECIMAL[locale] in field_error(page, "management_staff_fte")
        else:
            assert field_error(page, "management_staff_fte") == ""
        assert not YearlyFigures.objects.exists()

        fill_portal_figures(page, turnover_eur="1 234 567", management_staff_fte=typed_fte)
        page.wait_for_url("**/portal/wood/figures/")
        figures = YearlyFigures.objects.get(cluster=wood, year=2024)
        assert (figures.turnover_eur, figures.export_eur) == (1_234_567, 1_234_567)
        assert figures.management_staff_fte == Decimal("1.5")

        page.goto(f"{live_server.url}{language_prefix(locale)}/portal/wood/figures/{figures.pk}/")
        assert page.locator("#id_management_staff_fte").input_value() == shown_fte
    finally:
        context.close()

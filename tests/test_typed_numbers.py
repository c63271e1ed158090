"""The reported cases, through the real pages: what a person types is stored exactly, or refused at the
field; never multiplied by 10 or 100 (as ``<input type="number">`` in Chromium did).

Each form is first loaded, and its rendered inputs sent back as a browser would (``page_form``), with
the typed values put in.
"""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from clusters.models import NetworkFigures, YearlyFigures
from programmes.models import Indicator, Project
from tests.factories import (
    ClusterFactory,
    IndicatorFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
    YearlyFiguresFactory,
)

WHOLE_EUROS = {
    "en": "Enter whole euros, e.g. 1 234 567.",
    "lv": "Ievadiet summu veselos eiro, piem., 1 234 567.",
}
DECIMAL = {
    "en": "Enter a number with a decimal point, e.g. 7.5 (thousands may be separated by spaces only).",
    "lv": "Ievadiet skaitli ar decimālkomatu, piem., 7,5 (tūkstošus drīkst atdalīt tikai ar atstarpēm).",
}


class _FormReader(HTMLParser):
    """The fields a browser would send for the page's form with the given id (or its first POST form)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: str | None = None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._multiple:  # a browser sends nothing for a multiple select left empty
                self.data.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_form(response) -> dict[str, str]:
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.text)
    reader.data.pop("csrfmiddlewaretoken", None)
    reader.data.pop("language", None)  # the language switcher's form
    reader.data.pop("next", None)
    return reader.data


def url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def masoc(db):
    return ClusterFactory(name="MASOC", slug="masoc")


# The admin's yearly figures (cluster MASOC, year 2024), the tester's first report.


def post_yearly_figures(client, language: str, cluster, **typed):
    page = url(language, "admin:clusters_yearlyfigures_add")
    data = page_form(client.get(page))
    data.update(cluster=str(cluster.pk), year="2024", members="40", checked="on", status="approved", **typed)
    return client.post(page, {**data, "_save": "Save"})


@pytest.mark.parametrize("language", ["lv", "en"])
def test_admin_yearly_figures_refuse_cents_in_turnover_and_export(staff_client, masoc, language):
    response = post_yearly_figures(
        staff_client, language, masoc, turnover_eur="45000000,75", export_eur="45000000,75"
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["turnover_eur"] == errors["export_eur"] == [WHOLE_EUROS[language]]
    assert WHOLE_EUROS[language] in response.text
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_admin_yearly_figures_refuse_a_decimal_comma_in_turnover(staff_client, masoc, language):
    response = post_yearly_figures(staff_client, language, masoc, turnover_eur="1,5", export_eur="1")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["turnover_eur"] == [WHOLE_EUROS[language]]
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_admin_yearly_figures_store_grouped_amounts_exactly(staff_client, masoc, language):
    response = post_yearly_figures(
        staff_client, language, masoc, turnover_eur="1 234 567", export_eur="234 567"
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    figures = YearlyFigures.objects.get(cluster=masoc, year=2024)
    assert (figures.turnover_eur, figures.export_eur) == (1_234_567, 234_567)


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [("lv", "1,5", Decimal("1.5")), ("en", "1.5", Decimal("1.5")), ("en", "1,5", None), ("lv", "1.5", None)],
)
def test_admin_yearly_figures_read_staff_fte_in_the_page_language(
    staff_client, masoc, language, typed, stored
):
    response = post_yearly_figures(
        staff_client, language, masoc, turnover_eur="1000", export_eur="100", management_staff_fte=typed
    )
    if stored is None:
        assert response.context["adminform"].form.errors["management_staff_fte"] == [DECIMAL[language]]
        assert not YearlyFigures.objects.exists()
    else:
        assert response.status_code == 302
        assert YearlyFigures.objects.get().management_staff_fte == stored


def test_the_latvian_admin_shows_staff_fte_with_a_decimal_comma(staff_client, masoc):
    figures = YearlyFiguresFactory(cluster=masoc, year=2023, management_staff_fte=Decimal("1.50"))
    data = page_form(staff_client.get(url("lv", "admin:clusters_yearlyfigures_change", figures.pk)))
    assert data["management_staff_fte"] == "1,50"
    assert data["turnover_eur"] == "100 000 000"


# The admin's network figures: turnover, export and the growth percentages.


def post_network_figures(client, language: str, **typed):
    page = url(language, "admin:clusters_networkfigures_add")
    data = page_form(client.get(page))
    data.update(year="2024", members="580", **typed)
    return client.post(page, {**data, "_save": "Save"})


@pytest.mark.parametrize("language", ["lv", "en"])
def test_admin_network_figures_refuse_cents_and_a_foreign_decimal_mark(staff_client, db, language):
    foreign = "7.5" if language == "lv" else "7,5"
    response = post_network_figures(
        staff_client,
        language,
        turnover_eur="45000000,75",
        export_eur="1,5",
        export_growth_latvia_pct=foreign,
        export_growth_clusters_pct="1,500" if language == "en" else "1.500",
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["turnover_eur"] == errors["export_eur"] == [WHOLE_EUROS[language]]
    assert errors["export_growth_latvia_pct"] == errors["export_growth_clusters_pct"] == [DECIMAL[language]]
    assert not NetworkFigures.objects.exists()


@pytest.mark.parametrize(("language", "typed"), [("lv", "7,5"), ("en", "7.5")])
def test_admin_network_figures_store_growth_percentages_exactly(staff_client, db, language, typed):
    response = post_network_figures(
        staff_client,
        language,
        turnover_eur="1 762 000 000",
        export_eur="610 000 000",
        export_growth_latvia_pct=typed,
        export_growth_clusters_pct="13",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    figures = NetworkFigures.objects.get(year=2024)
    assert figures.export_growth_latvia_pct == Decimal("7.5")
    assert (figures.export_growth_clusters_pct, figures.turnover_eur) == (Decimal("13"), 1_762_000_000)


# Programmes: a project's funding (euros with cents) and an indicator's values.


def post_project(client, language: str, **typed):
    page = url(language, "admin:programmes_project_add")
    data = page_form(client.get(page))
    data.update(programme=str(ProgrammeFactory().pk), title_lv="Projekts", title_en="Project", **typed)
    return client.post(page, {**data, "_save": "Save"})


@pytest.mark.parametrize(("language", "typed"), [("lv", "2 990 156,29"), ("en", "2 990 156.29")])
def test_admin_project_funding_keeps_its_cents(staff_client, db, language, typed):
    response = post_project(staff_client, language, erdf_funding_eur=typed, private_funding_eur="0")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Project.objects.get().erdf_funding_eur == Decimal("2990156.29")


@pytest.mark.parametrize(
    ("language", "typed"), [("lv", "2.990.156,29"), ("en", "2,990,156.29"), ("en", "2990156,29")]
)
def test_admin_project_funding_refuses_ambiguous_separators(staff_client, db, language, typed):
    response = post_project(staff_client, language, erdf_funding_eur=typed, private_funding_eur="0")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["erdf_funding_eur"] == [DECIMAL[language]]
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [("lv", "7,5", Decimal("7.5")), ("en", "7.5", Decimal("7.5")), ("en", "7,5", None), ("lv", "7.5", None)],
)
def test_admin_indicator_values_are_read_in_the_page_language(staff_client, db, language, typed, stored):
    page = url(language, "admin:programmes_indicator_add")
    data = page_form(staff_client.get(page))
    data.update(
        project=str(ProjectFactory().pk), name_lv="Rādītājs", name_en="Indicator", achieved_value=typed
    )
    response = staff_client.post(page, {**data, "_save": "Save"})
    if stored is None:
        assert response.context["adminform"].form.errors["achieved_value"] == [DECIMAL[language]]
        assert not Indicator.objects.exists()
    else:
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Indicator.objects.get().achieved_value == stored


def test_the_project_inline_of_indicators_reads_decimals_too(staff_client, db):
    indicator = IndicatorFactory(
        achieved_value=Decimal("10"), name_lv="Rādītājs", project__title_lv="Projekts"
    )
    page = url("lv", "admin:programmes_project_change", indicator.project.pk)
    data = page_form(staff_client.get(page))
    assert data["indicators-0-achieved_value"] == "10,00"
    data["indicators-0-achieved_value"] = "7,5"
    response = staff_client.post(page, {**data, "_save": "Save"})
    assert response.status_code == 302, [
        f.errors for f in response.context["inline_admin_formsets"][0].formset
    ]
    indicator.refresh_from_db()
    assert indicator.achieved_value == Decimal("7.5")


# The portal's figures: management staff, FTE, and the amounts.


@pytest.fixture
def manager_client(client, masoc):
    manager = UserFactory()
    masoc.managers.add(manager)
    client.force_login(manager)
    return client


def post_portal_figures(client, language: str, **typed):
    page = url(language, "portal:figures", "masoc")
    data = page_form(client.get(page))
    data.update(
        {"year": "2024", "members": "40", "turnover_eur": "1 000 000", "export_eur": "400 000", **typed}
    )
    return client.post(page, data)


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [("lv", "1,5", Decimal("1.5")), ("en", "1.5", Decimal("1.5")), ("en", "1,5", None), ("lv", "1.5", None)],
)
def test_portal_staff_fte_is_read_in_the_page_language(manager_client, language, typed, stored):
    response = post_portal_figures(manager_client, language, management_staff_fte=typed)
    if stored is None:
        assert response.status_code == 200
        assert response.context["form"].errors["management_staff_fte"] == [DECIMAL[language]]
        assert DECIMAL[language] in response.text
        assert not YearlyFigures.objects.exists()
    else:
        assert response.status_code == 302
        assert YearlyFigures.objects.get().management_staff_fte == stored


@pytest.mark.parametrize("language", ["lv", "en"])
def test_portal_staff_fte_refuses_what_does_not_fit(manager_client, language):
    # Read as 45 000 000.75 in Latvian: more digits than the field holds, refused, never 4500000075.
    response = post_portal_figures(manager_client, language, management_staff_fte="45000000,75")
    assert response.status_code == 200
    assert "management_staff_fte" in response.context["form"].errors
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_portal_turnover_refuses_cents(manager_client, language):
    response = post_portal_figures(manager_client, language, turnover_eur="45000000,75")
    assert response.context["form"].errors["turnover_eur"] == [WHOLE_EUROS[language]]
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize(("language", "shown"), [("lv", "1,50"), ("en", "1.50")])
def test_portal_shows_staff_fte_with_the_page_languages_mark(manager_client, masoc, language, shown):
    figures = YearlyFiguresFactory(
        cluster=masoc, year=2023, management_staff_fte=Decimal("1.50"), status=YearlyFigures.Status.SUBMITTED
    )
    data = page_form(manager_client.get(url(language, "portal:figures-edit", "masoc", figures.pk)))
    assert data["management_staff_fte"] == shown


def test_a_latvian_portal_edit_sent_back_unchanged_keeps_the_value(manager_client, masoc):
    figures = YearlyFiguresFactory(
        cluster=masoc, year=2023, management_staff_fte=Decimal("1.50"), status=YearlyFigures.Status.SUBMITTED
    )
    page = url("lv", "portal:figures-edit", "masoc", figures.pk)
    data = page_form(manager_client.get(page))
    response = manager_client.post(page, {**data, "checked": "on"})
    assert response.status_code == 302
    figures.refresh_from_db()
    assert figures.management_staff_fte == Decimal("1.50")

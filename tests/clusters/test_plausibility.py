"""Implausible figures are saved only once someone confirms they checked them; staff see the warnings."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from clusters.models import YearlyFigures
from clusters.plausibility import Baseline, figures_review, figures_warnings, figures_warnings_for
from tests.factories import ClusterFactory, MembershipFactory, UserFactory, YearlyFiguresFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
PREVIOUS = Baseline(
    previous_year=2017, previous={"members": 40, "turnover_eur": 1_000_000, "export_eur": 400_000}
)


def codes(**values) -> list[str]:
    figures = {"year": 2018, "members": 40, "turnover_eur": 1_000_000, "export_eur": 400_000}
    with translation.override("en"):
        return [warning.code for warning in figures_warnings(**{**figures, **values}, baseline=PREVIOUS)]


def test_plausible_figures_raise_no_warning():
    assert codes() == []
    assert codes(members=79, turnover_eur=1_999_999, export_eur=201_000) == []


def test_export_above_turnover_is_a_warning():
    assert codes(turnover_eur=780_000, export_eur=790_000) == ["export_above_turnover"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"members": 81}, ["members_change"]),
        ({"members": 19}, ["members_change"]),
        ({"turnover_eur": 45_000_000_075, "export_eur": 400_000}, ["turnover_eur_change"]),
        ({"export_eur": 100_000}, ["export_eur_change"]),
        ({"export_eur": 0}, ["export_eur_change"]),
    ],
)
def test_a_change_beyond_the_factor_from_the_previous_approved_year_is_a_warning(values, expected):
    assert codes(**values) == expected


def test_the_factor_is_a_setting(settings):
    settings.FIGURES_CHANGE_FACTOR = 1.5
    assert codes(members=61) == ["members_change"]


def test_members_far_from_the_memberships_listed_are_a_warning_for_recent_years():
    listed = Baseline(listed_members=10)
    figures = {"turnover_eur": 1, "export_eur": 1}
    assert (
        figures_warnings(year=LAST_YEAR, members=25, baseline=listed, **figures)[0].code == "members_listed"
    )
    assert figures_warnings(year=LAST_YEAR, members=15, baseline=listed, **figures) == []
    assert figures_warnings(year=LAST_YEAR - 5, members=25, baseline=listed, **figures) == []


def test_the_baseline_is_the_latest_approved_earlier_year_and_the_current_members():
    cluster = ClusterFactory()
    YearlyFiguresFactory(cluster=cluster, year=2015, members=10)
    YearlyFiguresFactory(cluster=cluster, year=2016, members=40)
    YearlyFiguresFactory(cluster=cluster, year=2017, members=400, status=YearlyFigures.Status.SUBMITTED)
    YearlyFiguresFactory(cluster=cluster, year=2019, members=400)
    with translation.override("en"):
        warnings = figures_warnings_for(
            cluster=cluster, year=2018, members=100, turnover_eur=100_000_000, export_eur=40_000_000
        )
    assert [warning.message for warning in warnings] == [
        "Members changed from 40 in 2016 to 100, by more than a factor of 2."
    ]


def test_the_review_compares_with_the_approved_figures_replaced_and_the_previous_year():
    cluster = ClusterFactory()
    YearlyFiguresFactory(cluster=cluster, year=2016, members=40, turnover_eur=800, export_eur=100)
    YearlyFiguresFactory(cluster=cluster, year=2017, members=47, turnover_eur=1000, export_eur=500)
    correction = YearlyFiguresFactory(
        cluster=cluster, year=2017, members=44, turnover_eur=1000, export_eur=1200, status="submitted"
    )
    with translation.override("en"):
        review = figures_review(YearlyFigures.objects.for_review().get(pk=correction.pk))
    members, turnover, export = review.measures
    assert (members.value, members.replaced, members.previous) == (44, 47, 40)
    assert members.replaced_change_pct == pytest.approx(-6.38, abs=0.01)
    assert members.previous_change_pct == pytest.approx(10.0)
    assert (turnover.replaced_change_pct, turnover.previous_change_pct) == (0.0, 25.0)
    assert review.previous_year == 2016
    assert [warning.code for warning in review.warnings] == ["export_above_turnover", "export_eur_change"]


@pytest.fixture
def manager_client(client):
    cluster = ClusterFactory(slug="it")
    YearlyFiguresFactory(cluster=cluster, year=LAST_YEAR - 1, members=3, turnover_eur=1_000_000, export_eur=0)
    for _ in range(3):
        MembershipFactory(cluster=cluster)
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)
    return client


def submit(client, **values):
    data = {"year": LAST_YEAR, "members": "3", "turnover_eur": "1 100 000", "export_eur": "0", "version": ""}
    return client.post(reverse("portal:figures", args=["it"]), {**data, **values}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_portal_asks_to_confirm_implausible_figures_and_saves_them_once_confirmed(manager_client):
    first = submit(manager_client, turnover_eur="1 000 000", export_eur="37 000 000")

    assert first.status_code == 200
    assert not YearlyFigures.objects.filter(year=LAST_YEAR).exists()
    assert "Export (EUR 37,000,000) is greater than turnover (EUR 1,000,000)." in first.text
    assert 'type="checkbox" name="checked"' in first.text
    assert "I have checked these figures" in first.text

    confirmed = submit(manager_client, turnover_eur="1 000 000", export_eur="37 000 000", checked="on")

    assert confirmed.status_code == 302
    saved = YearlyFigures.objects.get(year=LAST_YEAR)
    assert (saved.export_eur, saved.status) == (37_000_000, YearlyFigures.Status.SUBMITTED)


def test_the_confirmation_box_is_hidden_while_there_is_nothing_to_confirm(manager_client):
    page = manager_client.get(reverse("portal:figures", args=["it"]))
    assert 'type="checkbox" name="checked"' not in page.text
    assert submit(manager_client).status_code == 302  # plausible: saved without a question


def test_staff_editing_in_the_admin_get_the_same_warnings(staff_client):
    cluster = ClusterFactory()
    YearlyFiguresFactory(cluster=cluster, year=2016, members=40, turnover_eur=1000, export_eur=100)
    data = {
        "cluster": cluster.pk,
        "year": 2017,
        "members": "40",
        "turnover_eur": "1 000",
        "export_eur": "3 700",
        "consultation_hours": "",
        "status": "approved",
        "review_note": "",
    }
    url = reverse("admin:clusters_yearlyfigures_add")
    refused = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "is greater than turnover" in refused.text
    assert not YearlyFigures.objects.filter(year=2017).exists()

    saved = staff_client.post(url, {**data, "checked": "on"}, HTTP_ACCEPT_LANGUAGE="en")

    assert saved.status_code == 302
    figures = YearlyFigures.objects.get(year=2017)
    assert (figures.export_eur, figures.source) == (3700, YearlyFigures.Source.ENTERED)
    assert figures.reviewed_by is not None

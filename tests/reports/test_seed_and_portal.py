"""The seed's 2017 report is a published round; the portal form takes the optional indicators."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from clusters.models import YearlyFigures
from reports.models import ReportingRound
from tests.factories import YearlyFiguresFactory
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_fresh_install_shows_the_2017_report(client):
    call_command("load_seed", stdout=io.StringIO())
    call_command("load_seed", stdout=io.StringIO())  # safe to run again

    round = ReportingRound.objects.get()
    assert (round.year, round.is_published) == (2017, True)
    assert mail.outbox == []  # nobody is e-mailed for the seed
    report = client.get(reverse("reports:report", args=[2017])).context["report"]
    assert len(report.rows) == 14 and report.completeness == 100
    approved = YearlyFigures.objects.approved().filter(year=2017)
    assert report.turnover == sum(approved.values_list("turnover_eur", flat=True))


def test_the_portal_form_stores_known_indicators_and_leaves_unknown_ones_empty(managed_clusters):
    cluster = managed_clusters[0]
    client = Client()
    client.force_login(cluster.managers.get())
    data = {
        "year": 2020,
        "members": 40,
        "turnover_eur": 1000,
        "export_eur": 500,
        "consultation_hours": "",
        "members_sme": 30,
        "members_research": 0,
        "management_staff_fte": "2.5",
    }
    response = client.post(reverse("portal:figures", args=[cluster.slug]), data)
    assert response.status_code == 302
    figures = YearlyFigures.objects.get(cluster=cluster, year=2020)
    assert (figures.members_sme, figures.members_research, figures.management_staff_fte) == (
        30,
        0,
        Decimal("2.5"),
    )
    assert (
        figures.members_large is None
        and figures.export_missions is None
        and figures.consultation_hours is None
    )


def test_negative_staff_fte_is_refused_next_to_the_field(managed_clusters):
    cluster = managed_clusters[0]
    client = Client()
    client.force_login(cluster.managers.get())
    data = {
        "year": 2020,
        "members": 40,
        "turnover_eur": 1000,
        "export_eur": 500,
        "management_staff_fte": "-1",
    }
    response = client.post(reverse("portal:figures", args=[cluster.slug]), data)
    assert response.status_code == 200
    assert "management_staff_fte" in response.context["form"].errors
    assert not YearlyFigures.objects.filter(cluster=cluster, year=2020).exists()


@pytest.mark.parametrize(
    ("query", "year"), [("?year=2019", 2019), ("?year=abc", None), ("?year=99999", None)]
)
def test_the_link_of_a_rounds_e_mail_chooses_the_year(managed_clusters, query, year):
    cluster = managed_clusters[0]
    client = Client()
    client.force_login(cluster.managers.get())
    form = client.get(reverse("portal:figures", args=[cluster.slug]) + query).context["form"]
    assert form["year"].value() == (year or YEAR)


def test_the_portal_home_names_the_round_asking_for_figures_until_they_are_submitted(managed_clusters):
    cluster = managed_clusters[0]
    ReportingRound.objects.create(
        year=YEAR,
        deadline=datetime.date(YEAR + 1, 3, 31),
        opened_at=datetime.datetime(YEAR + 1, 1, 5, tzinfo=datetime.UTC),
    )
    client = Client()
    client.force_login(cluster.managers.get())
    url = reverse("portal:cluster", args=[cluster.slug])
    text = client.get(url).content.decode()
    assert f"asks for your figures for {YEAR}" in text and f"figures/?year={YEAR}" in text

    YearlyFiguresFactory(cluster=cluster, year=YEAR, status=YearlyFigures.Status.SUBMITTED)
    assert "asks for your figures" not in client.get(url).content.decode()

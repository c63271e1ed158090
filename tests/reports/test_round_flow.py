"""The yearly round as staff and managers live it: opened, submitted, returned, corrected, reminded,
approved, published, reported."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from clusters.models import YearlyFigures
from reports.models import ReportingRound, RoundReminder
from tests.reports.conftest import YEAR, deadline_in

pytestmark = pytest.mark.django_db


def manager_client(cluster):
    client = Client()
    client.force_login(cluster.managers.get())
    return client


def submit(client, cluster, pk=None, **values):
    data = {"year": YEAR, "members": 25, "turnover_eur": 120_000_000, "export_eur": 50_000_000}
    data.update(values)
    if pk is None:
        url = reverse("portal:figures", args=[cluster.slug])
    else:
        url = reverse("portal:figures-edit", args=[cluster.slug, pk])
        data["version"] = YearlyFigures.objects.get(pk=pk).updated_at.isoformat()
    data = {key: "" if value is None else value for key, value in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return YearlyFigures.objects.unapproved().get(cluster=cluster, year=YEAR)


def review(staff_client, round, figures, decision, reason=""):
    url = reverse("admin:reports_reportinground_review", args=[round.pk])
    data = {"figures": figures.pk, "decision": decision, "reason": reason}
    response = staff_client.post(url, data)
    assert response.status_code == 302
    return response


def test_a_whole_round_from_opening_to_the_published_report(staff_client, managed_clusters):
    client = Client()
    alpha, beta, gamma = managed_clusters
    # Staff open the round in the admin: every manager gets one e-mail with a link to the form.
    response = staff_client.post(
        reverse("admin:reports_reportinground_add"), {"year": YEAR, "deadline": deadline_in(7).isoformat()}
    )
    round = ReportingRound.objects.get(year=YEAR)
    assert response.status_code == 302 and round.opened_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        c.managers.get().email for c in managed_clusters
    )
    first = mail.outbox[0]
    assert first.alternatives and first.alternatives[0][1] == "text/html"
    assert f"/portal/{alpha.slug}/figures/" in next(
        m.body for m in mail.outbox if m.to[0].endswith(alpha.slug + ".example.lv")
    )

    # Alpha submits implausible figures (export above turnover): staff are told, return them with a reason.
    mail.outbox.clear()
    unconfirmed = manager_client(alpha).post(
        reverse("portal:figures", args=[alpha.slug]),
        {"year": YEAR, "members": 25, "turnover_eur": 120_000_000, "export_eur": 900_000_000},
    )
    assert unconfirmed.status_code == 200 and "is greater than turnover" in unconfirmed.content.decode()
    implausible = submit(
        manager_client(alpha), alpha, export_eur=900_000_000, member_employees=None, checked="on"
    )
    assert [message.to for message in mail.outbox] == [["staff@example.lv"]]
    assert "Alpha Cluster" in mail.outbox[0].subject
    mail.outbox.clear()
    review(staff_client, round, implausible, "return", reason="Export is larger than turnover.")
    implausible.refresh_from_db()
    assert implausible.status == YearlyFigures.Status.REJECTED
    assert mail.outbox[0].to == [alpha.managers.get().email]
    assert "Export is larger than turnover." in mail.outbox[0].body

    # Alpha corrects; Beta submits too; Gamma stays silent.
    corrected = submit(
        manager_client(alpha), alpha, pk=implausible.pk, export_eur=48_000_000, member_employees=1200
    )
    assert corrected.status == YearlyFigures.Status.SUBMITTED and corrected.member_employees == 1200
    assert corrected.members_sme is None  # unknown stays empty, never 0
    beta_figures = submit(
        manager_client(beta), beta, members=30, turnover_eur=90_000_000, export_eur=36_000_000
    )

    # Reminders: a week before the deadline only Gamma is reminded, once however often cron runs.
    mail.outbox.clear()
    for _run in range(3):
        call_command("send_round_reminders", "--today", deadline_in(0).isoformat(), stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[gamma.managers.get().email]]
    call_command("send_round_reminders", "--today", deadline_in(8).isoformat(), stdout=io.StringIO())
    call_command("send_round_reminders", "--today", deadline_in(8).isoformat(), stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert list(RoundReminder.objects.order_by("step").values_list("cluster__name", "step")) == [
        ("Gamma Cluster", -7),
        ("Gamma Cluster", 1),
    ]

    # Staff approve both; until the round is published the public totals leave the year out.
    review(staff_client, round, corrected, "approve")
    review(staff_client, round, beta_figures, "approve")
    statistics = client.get(reverse("clusters:statistics"))
    assert YEAR not in [row["year"] for row in statistics.context["per_year"]]
    assert client.get(reverse("reports:report", args=[YEAR])).status_code == 404

    staff_client.post(reverse("admin:reports_reportinground_publish", args=[round.pk]))
    round.refresh_from_db()
    assert round.is_published

    # The page, the XLSX and /statistics/ agree to the euro.
    page = client.get(reverse("reports:report", args=[YEAR]))
    report = page.context["report"]
    assert (report.members, report.turnover, report.export) == (55, 210_000_000, 84_000_000)
    year_row = next(
        row for row in client.get(reverse("clusters:statistics")).context["per_year"] if row["year"] == YEAR
    )
    assert (year_row["members"], year_row["turnover"], year_row["export"]) == (55, 210_000_000, 84_000_000)

    sheet = load_workbook(io.BytesIO(client.get(reverse("reports:report-xlsx", args=[YEAR])).content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=6, max_col=7)]
    assert table[0][:4] == ["Alpha Cluster", 25, 120_000_000, 48_000_000]
    assert table[1][:4] == ["Beta Cluster", 30, 90_000_000, 36_000_000]
    assert table[2][:4] == ["Total", 55, 210_000_000, 84_000_000]
    assert table[0][5] == pytest.approx(0.2)  # turnover 100 M -> 120 M
    assert table[2][6] == pytest.approx(84 / 80 - 1)  # export of both clusters, 80 M -> 84 M

"""The round dashboard: staff see where every cluster stands, review and publish from there."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from clusters.models import YearlyFigures
from reports.models import ReportingRound, RoundReminder
from reports.rounds import ClusterStatus, round_rows
from tests.factories import ClusterFactory, StaffFactory, UserFactory, YearlyFiguresFactory
from tests.reports.conftest import YEAR, deadline_in

pytestmark = pytest.mark.django_db


def open_round() -> ReportingRound:
    return ReportingRound.objects.create(
        year=YEAR, deadline=deadline_in(10), opened_at=datetime.datetime(YEAR + 1, 1, 5, tzinfo=datetime.UTC)
    )


def dashboard(round):
    return reverse("admin:reports_reportinground_dashboard", args=[round.pk])


def test_every_status_is_derived_from_the_figures(managed_clusters):
    alpha, beta, gamma = managed_clusters
    delta = ClusterFactory(name="Delta Cluster")
    epsilon = ClusterFactory(name="Epsilon Cluster")
    YearlyFiguresFactory(cluster=alpha, year=YEAR, status=YearlyFigures.Status.DRAFT)
    YearlyFiguresFactory(cluster=beta, year=YEAR, status=YearlyFigures.Status.SUBMITTED)
    YearlyFiguresFactory(cluster=gamma, year=YEAR, status=YearlyFigures.Status.REJECTED)
    YearlyFiguresFactory(cluster=delta, year=YEAR, status=YearlyFigures.Status.APPROVED, member_employees=5)
    YearlyFiguresFactory(
        cluster=delta, year=YEAR, status=YearlyFigures.Status.REJECTED
    )  # a returned correction

    rows = {row.cluster: row for row in round_rows(open_round())}

    assert [rows[c].status for c in [alpha, beta, gamma, delta, epsilon]] == [
        ClusterStatus.DRAFT,
        ClusterStatus.SUBMITTED,
        ClusterStatus.RETURNED,
        ClusterStatus.APPROVED,
        ClusterStatus.NOT_STARTED,
    ]
    # members, turnover, export and employees known: 4 of 14 indicators.
    assert (rows[delta].completeness, rows[epsilon].completeness) == (29, 0)


def test_the_dashboard_shows_status_submitter_and_last_reminder(staff_client, managed_clusters):
    alpha, beta, _gamma = managed_clusters
    round = open_round()
    YearlyFiguresFactory(cluster=alpha, year=YEAR, status="submitted", submitted_by=alpha.managers.get())
    YearlyFiguresFactory(cluster=beta, year=YEAR, status="approved")
    call_command("send_round_reminders", "--today", str(round.deadline), stdout=io.StringIO())

    page = staff_client.get(dashboard(round))

    text = page.content.decode()
    assert page.status_code == 200
    assert alpha.managers.get().email in text and "Approve" in text
    assert page.context["completeness"] == 33
    assert RoundReminder.objects.get().cluster.name == "Gamma Cluster"
    assert "step -7 days" in text


@pytest.mark.parametrize("clusters", [2, 8])
def test_the_dashboard_queries_do_not_grow_with_the_clusters(
    staff_client, django_assert_num_queries, clusters
):
    round = open_round()
    for n in range(clusters):
        cluster = ClusterFactory()
        cluster.managers.add(UserFactory())
        YearlyFiguresFactory(
            cluster=cluster, year=YEAR, status="submitted", submitted_by=cluster.managers.get()
        )
        RoundReminder.objects.create(round=round, cluster=cluster, step=n)
    staff_client.get(dashboard(round))  # warm the session and permission caches
    # The session is read from the cache (cached_db sessions), not the database.
    with django_assert_num_queries(6):
        staff_client.get(dashboard(round))


def test_returning_needs_a_reason_and_foreign_figures_answer_404(staff_client, managed_clusters):
    alpha = managed_clusters[0]
    round = open_round()
    submitted = YearlyFiguresFactory(
        cluster=alpha, year=YEAR, status="submitted", submitted_by=alpha.managers.get()
    )
    other_year = YearlyFiguresFactory(cluster=alpha, year=YEAR - 5, status="submitted")
    review = reverse("admin:reports_reportinground_review", args=[round.pk])

    staff_client.post(review, {"figures": submitted.pk, "decision": "return", "reason": "  "})
    assert YearlyFigures.objects.get(pk=submitted.pk).status == "submitted" and mail.outbox == []
    response = staff_client.post(review, {"figures": other_year.pk, "decision": "approve"})
    assert response.status_code == 404
    assert YearlyFigures.objects.get(pk=other_year.pk).status == "submitted"


@pytest.mark.parametrize("who", ["anonymous", "manager", "staff without permissions"])
def test_only_staff_with_permission_see_review_and_publish(who, managed_clusters):
    alpha = managed_clusters[0]
    round = open_round()
    submitted = YearlyFiguresFactory(cluster=alpha, year=YEAR, status="submitted")
    YearlyFiguresFactory(cluster=managed_clusters[1], year=YEAR, status="approved")
    client = Client()
    if who == "manager":
        client.force_login(alpha.managers.get())
    elif who == "staff without permissions":
        client.force_login(StaffFactory(is_superuser=False))

    responses = [
        client.get(dashboard(round)),
        client.post(
            reverse("admin:reports_reportinground_review", args=[round.pk]),
            {"figures": submitted.pk, "decision": "approve"},
        ),
        client.post(reverse("admin:reports_reportinground_publish", args=[round.pk])),
    ]

    assert all(response.status_code in {302, 403} for response in responses)
    if who != "staff without permissions":
        assert all("/admin/login/" in response["Location"] for response in responses)
    round.refresh_from_db()
    assert not round.is_published and YearlyFigures.objects.get(pk=submitted.pk).status == "submitted"


def test_staff_who_may_view_rounds_but_not_review_see_no_review_forms(managed_clusters):
    round = open_round()
    YearlyFiguresFactory(cluster=managed_clusters[0], year=YEAR, status="submitted")
    viewer = StaffFactory(is_superuser=False)
    viewer.user_permissions.add(Permission.objects.get(codename="view_reportinground"))
    client = Client()
    client.force_login(viewer)
    page = client.get(dashboard(round))
    assert page.status_code == 200 and 'name="decision"' not in page.content.decode()


def test_publishing_needs_approved_figures_and_happens_once(staff_client, managed_clusters):
    round = open_round()
    publish = reverse("admin:reports_reportinground_publish", args=[round.pk])

    response = staff_client.post(publish, follow=True)
    round.refresh_from_db()
    assert not round.is_published and "approve some before publishing" in response.content.decode()

    YearlyFiguresFactory(cluster=managed_clusters[0], year=YEAR, status="approved")
    staff_client.post(publish)
    round.refresh_from_db()
    first = round.published_at
    assert round.is_published and round.published_by.email == "staff@example.lv"
    staff_client.post(publish)
    round.refresh_from_db()
    assert round.published_at == first


def test_a_second_round_for_the_same_year_is_refused_with_a_message(staff_client, managed_clusters):
    open_round()
    response = staff_client.post(
        reverse("admin:reports_reportinground_add"), {"year": YEAR, "deadline": deadline_in(5).isoformat()}
    )
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert ReportingRound.objects.count() == 1 and mail.outbox == []


def test_a_deadline_in_the_past_is_refused(staff_client, managed_clusters):
    response = staff_client.post(
        reverse("admin:reports_reportinground_add"), {"year": YEAR, "deadline": deadline_in(-1).isoformat()}
    )
    assert "cannot be in the past" in response.content.decode()
    assert not ReportingRound.objects.exists()


def test_the_round_list_counts_approved_clusters(staff_client):
    for year in [2015, 2016, 2017]:
        ReportingRound.objects.create(year=year, deadline=datetime.date(year + 1, 3, 31))
        YearlyFiguresFactory.create_batch(2, year=year)
    page = staff_client.get(reverse("admin:reports_reportinground_changelist"))
    assert page.status_code == 200
    assert [r._approved for r in page.context["cl"].result_list] == [2, 2, 2]


@pytest.mark.parametrize("rounds", [2, 6])
def test_the_round_list_queries_do_not_grow_with_the_rounds(staff_client, django_assert_num_queries, rounds):
    for year in range(2010, 2010 + rounds):
        ReportingRound.objects.create(year=year, deadline=datetime.date(year + 1, 3, 31))
        YearlyFiguresFactory(year=year)
    url = reverse("admin:reports_reportinground_changelist")
    staff_client.get(url)
    # The session is read from the cache (cached_db sessions), not the database.
    with django_assert_num_queries(4):
        staff_client.get(url)

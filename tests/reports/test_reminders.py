"""send_round_reminders: safe to run daily, each step once, only to clusters that owe figures."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from clusters.models import YearlyFigures
from reports.models import ReportingRound, RoundReminder
from reports.rounds import due_step, reminders_send
from tests.factories import YearlyFiguresFactory
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(YEAR + 1, 3, 31)
STEPS = [-7, 1, 7]


def open_round(**values) -> ReportingRound:
    return ReportingRound.objects.create(
        year=YEAR,
        deadline=DEADLINE,
        opened_at=datetime.datetime(YEAR + 1, 1, 5, tzinfo=datetime.UTC),
        **values,
    )


def remind(day: datetime.date) -> int:
    return reminders_send(today=day, steps=STEPS, base_url="https://lcn.example.lv/")


@pytest.mark.parametrize(("days", "step"), [(-8, None), (-7, -7), (0, -7), (1, 1), (6, 1), (7, 7), (300, 7)])
def test_the_due_step_is_the_latest_that_has_come(days, step):
    assert due_step(DEADLINE, DEADLINE + datetime.timedelta(days=days), STEPS) == step


def test_each_step_reminds_each_waiting_cluster_exactly_once(managed_clusters):
    open_round()
    for days in [-10, -7, -7, -3, 0, 1, 2, 7, 8, 30]:
        remind(DEADLINE + datetime.timedelta(days=days))
    assert len(mail.outbox) == 3 * len(STEPS)
    assert RoundReminder.objects.count() == 9
    for cluster in managed_clusters:
        assert sorted(cluster.round_reminders.values_list("step", flat=True)) == STEPS


def test_a_scheduler_that_missed_days_sends_only_the_latest_step(managed_clusters):
    open_round()
    assert remind(DEADLINE + datetime.timedelta(days=10)) == 3
    assert set(RoundReminder.objects.values_list("step", flat=True)) == {7}
    assert remind(DEADLINE + datetime.timedelta(days=11)) == 0


def test_clusters_that_submitted_or_were_approved_are_not_reminded(managed_clusters):
    alpha, beta, gamma = managed_clusters
    open_round()
    YearlyFiguresFactory(cluster=alpha, year=YEAR, status=YearlyFigures.Status.SUBMITTED)
    YearlyFiguresFactory(cluster=beta, year=YEAR, status=YearlyFigures.Status.APPROVED)
    YearlyFiguresFactory(cluster=gamma, year=YEAR, status=YearlyFigures.Status.REJECTED, review_note="x")

    assert remind(DEADLINE) == 1
    assert mail.outbox[0].to == [gamma.managers.get().email]
    assert "statuss: Atgriezts." in mail.outbox[0].body  # Latvian unless the manager chose otherwise


def test_published_rounds_and_rounds_not_opened_send_nothing(managed_clusters):
    now = datetime.datetime(YEAR + 1, 4, 5, tzinfo=datetime.UTC)
    open_round(published_at=now)
    ReportingRound.objects.create(year=YEAR - 5, deadline=DEADLINE)
    assert remind(DEADLINE + datetime.timedelta(days=7)) == 0
    assert mail.outbox == []


def test_the_command_takes_a_day_and_refuses_a_wrong_one(managed_clusters, settings):
    settings.REPORTING_REMINDER_DAYS = [1]
    open_round()
    out = io.StringIO()
    call_command("send_round_reminders", "--today", str(DEADLINE + datetime.timedelta(days=1)), stdout=out)
    assert "Clusters reminded: 3." in out.getvalue()
    with pytest.raises(CommandError, match="--today"):
        call_command("send_round_reminders", "--today", "31.03.2026")


def test_the_command_refuses_to_send_links_without_the_site_address(managed_clusters, settings):
    # In production without SITE_URL, the reminders' links would have been relative, leading nowhere.
    settings.SITE_URL = ""
    open_round()

    with pytest.raises(CommandError, match="--base-url"):
        call_command("send_round_reminders", "--today", str(DEADLINE), stdout=io.StringIO())

    assert mail.outbox == []
    assert not RoundReminder.objects.exists()


def test_the_command_builds_links_from_base_url(managed_clusters):
    open_round()

    call_command(
        "send_round_reminders",
        "--today",
        str(DEADLINE),
        "--base-url",
        "https://lcn.example.lv",
        stdout=io.StringIO(),
    )

    assert len(mail.outbox) == 3
    assert all("https://lcn.example.lv/" in message.body for message in mail.outbox)

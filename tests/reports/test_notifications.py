"""The round's e-mails: in the reader's language, plain text and HTML, saying why they come."""

import pytest
from django.core import mail
from django.urls import reverse

from clusters.models import YearlyFigures
from reports import notifications
from reports.models import LanguagePreference, ReportingRound
from reports.rounds import round_clusters, round_open
from tests.factories import StaffFactory, UserFactory, YearlyFiguresFactory
from tests.reports.conftest import YEAR, deadline_in

pytestmark = pytest.mark.django_db


def test_opening_writes_latvian_by_default_and_english_to_who_chose_it(managed_clusters, staff_user):
    alpha, beta, _gamma = managed_clusters
    LanguagePreference.objects.create(user=beta.managers.get(), language="en")

    _round, sent = round_open(
        year=YEAR, deadline=deadline_in(14), user=staff_user, base_url="https://lcn.lv/"
    )

    assert sent == 3
    by_recipient = {message.to[0]: message for message in mail.outbox}
    latvian = by_recipient[alpha.managers.get().email]
    english = by_recipient[beta.managers.get().email]
    assert str(YEAR) in latvian.subject and "skaitļ" in latvian.subject
    assert english.subject == f"Please submit your cluster's figures for {YEAR}"
    assert "because you manage a member cluster" in english.body
    html = english.alternatives[0][0]
    assert (
        f'href="https://lcn.lv/en/portal/{beta.slug}/figures/?year={YEAR}"' in html
        and '<html lang="en">' in html
    )


def test_a_manager_of_two_clusters_gets_one_e_mail_naming_both(managed_clusters, staff_user):
    alpha, beta, _gamma = managed_clusters
    both = UserFactory(email="both@example.lv")
    alpha.managers.add(both)
    beta.managers.add(both)

    round_open(year=YEAR, deadline=deadline_in(14), user=staff_user, base_url="https://lcn.lv/")

    mine = [message for message in mail.outbox if message.to == ["both@example.lv"]]
    assert len(mine) == 1 and alpha.name in mine[0].body and beta.name in mine[0].body


def test_inactive_users_and_users_without_an_address_get_nothing(managed_clusters):
    alpha = managed_clusters[0]
    alpha.managers.add(UserFactory(email="gone@example.lv", is_active=False))
    round = ReportingRound.objects.create(year=YEAR, deadline=deadline_in(3))
    clusters = [c for c in round_clusters(YEAR) if c.pk == alpha.pk]
    assert notifications.round_opened(round, clusters=clusters, base_url="https://lcn.lv/") == 1


def test_html_escapes_what_managers_and_staff_typed(managed_clusters):
    cluster = managed_clusters[0]
    submitter = cluster.managers.get()
    figures = YearlyFiguresFactory(
        cluster=cluster,
        year=YEAR,
        status=YearlyFigures.Status.REJECTED,
        submitted_by=submitter,
        review_note="<script>alert(1)</script>",
    )
    notifications.figures_reviewed([figures], base_url="https://lcn.lv/")
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in mail.outbox[0].body  # plain text is not HTML


def test_the_admin_actions_e_mail_the_submitter(staff_client, managed_clusters):
    cluster = managed_clusters[0]
    figures = YearlyFiguresFactory(
        cluster=cluster, year=YEAR, status=YearlyFigures.Status.SUBMITTED, submitted_by=cluster.managers.get()
    )
    changelist = reverse("admin:clusters_yearlyfigures_changelist")
    staff_client.post(changelist, {"action": "approve_figures", "_selected_action": [figures.pk]})
    assert [message.to for message in mail.outbox] == [[cluster.managers.get().email]]
    # Approving again changes nothing and sends nothing.
    staff_client.post(changelist, {"action": "approve_figures", "_selected_action": [figures.pk]})
    assert len(mail.outbox) == 1


def test_submissions_go_to_staff_who_review_figures_only(managed_clusters):
    reviewer = StaffFactory(email="reviewer@example.lv")
    StaffFactory(email="editor@example.lv", is_superuser=False)  # staff without the permission
    figures = YearlyFiguresFactory(
        cluster=managed_clusters[0],
        year=YEAR,
        status="submitted",
        submitted_by=managed_clusters[0].managers.get(),
    )
    notifications.figures_submitted(figures, base_url="https://lcn.lv/")
    assert [message.to for message in mail.outbox] == [[reviewer.email]]
    assert "/admin/clusters/yearlyfigures/" in mail.outbox[0].body


def test_the_admin_reject_action_e_mails_the_reason(staff_client, managed_clusters):
    cluster = managed_clusters[0]
    figures = YearlyFiguresFactory(
        cluster=cluster, year=YEAR, status=YearlyFigures.Status.SUBMITTED, submitted_by=cluster.managers.get()
    )
    changelist = reverse("admin:clusters_yearlyfigures_changelist")
    data = {"action": "reject_figures", "_selected_action": [figures.pk]}
    staff_client.post(changelist, data)  # the form asking for the reason
    assert mail.outbox == []
    staff_client.post(changelist, {**data, "apply": "1", "reason": "Turnover is in thousands, not euros."})
    assert [message.to for message in mail.outbox] == [[cluster.managers.get().email]]
    assert "Turnover is in thousands, not euros." in mail.outbox[0].body

"""Staff review submitted figures in the admin and see what managers did on the dashboard."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from clusters.models import YearlyFigures
from clusters.services import REPLACED_CHANGE_REASON
from tests.factories import ClusterFactory, UserFactory, YearlyFiguresFactory
from tests.portal.conftest import LAST_YEAR

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:clusters_yearlyfigures_changelist"


def run_action(client, action: str, figures, **data):
    pks = [item.pk for item in figures]
    return client.post(reverse(CHANGELIST), {"action": action, "_selected_action": pks, **data})


def test_approving_makes_submitted_figures_public(staff_client, staff_user):
    figures = YearlyFiguresFactory(status=YearlyFigures.Status.SUBMITTED)

    response = run_action(staff_client, "approve_figures", [figures])

    assert response.status_code == 302
    figures.refresh_from_db()
    assert (figures.status, figures.reviewed_by) == (YearlyFigures.Status.APPROVED, staff_user)
    assert figures.reviewed_at is not None
    assert YearlyFigures.objects.approved().filter(pk=figures.pk).exists()


def test_approving_a_correction_replaces_the_approved_figures(staff_client, ours):
    correction = YearlyFiguresFactory(cluster=ours.cluster, year=2017, members=31, status="submitted")

    run_action(staff_client, "approve_figures", [correction])

    approved = YearlyFigures.objects.approved().get(cluster=ours.cluster, year=2017)
    assert (approved.pk, approved.members) == (correction.pk, 31)
    replaced = YearlyFigures.history.filter(id=ours.approved.pk).latest()
    assert (replaced.history_type, replaced.history_change_reason) == ("-", REPLACED_CHANGE_REASON)


def test_only_figures_waiting_for_review_are_approved(staff_client, ours):
    response = run_action(staff_client, "approve_figures", [ours.rejected])

    assert YearlyFigures.objects.get(pk=ours.rejected.pk).status == YearlyFigures.Status.REJECTED
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("not waiting for review" in message for message in messages)


def test_rejecting_asks_for_a_reason_that_the_manager_then_sees(staff_client, ours):
    submitted = YearlyFiguresFactory(cluster=ours.cluster, year=2016, status=YearlyFigures.Status.SUBMITTED)

    form_page = run_action(staff_client, "reject_figures", [submitted])
    assert form_page.status_code == 200
    assert 'name="reason"' in form_page.text
    without_reason = run_action(staff_client, "reject_figures", [submitted], apply="1", reason="")
    assert without_reason.status_code == 200
    assert YearlyFigures.objects.get(pk=submitted.pk).status == YearlyFigures.Status.SUBMITTED

    response = run_action(
        staff_client, "reject_figures", [submitted], apply="1", reason="Members differ from the register."
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == ("rejected", "Members differ from the register.")
    manager = Client()
    manager.force_login(ours.manager)
    overview = manager.get(reverse("portal:cluster", args=[ours.cluster.slug]))
    assert "Members differ from the register." in overview.text


def test_staff_without_permission_to_add_users_cannot_invite(client):
    cluster = ClusterFactory()
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_cluster", "change_cluster"]))
    client.force_login(editor)

    response = client.post(
        reverse("admin:clusters_cluster_changelist"),
        {"action": "invite_manager", "_selected_action": [cluster.pk], "apply": "1", "email": "x@example.lv"},
    )

    # Back to the changelist ("no action selected"): the action is not offered to this user.
    assert response.status_code == 302
    assert response.url == reverse("admin:clusters_cluster_changelist")
    assert not cluster.managers.exists()


def test_dashboard_shows_pending_submissions_missing_figures_and_portal_changes(staff_client, ours, theirs):
    pending = YearlyFiguresFactory(cluster=theirs.cluster, year=2016, status=YearlyFigures.Status.SUBMITTED)
    complete = ClusterFactory(name="Complete Cluster")
    YearlyFiguresFactory(cluster=complete, year=LAST_YEAR)
    manager = Client()
    manager.force_login(ours.manager)
    manager.post(reverse("portal:contact-delete", args=[ours.cluster.slug, ours.contact.pk]))

    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == 200
    dashboard = response.context
    assert dashboard["pending"] == [pending]
    assert [cluster.name for cluster in dashboard["missing"]] == ["Latvian IT Cluster", "Wood Cluster"]
    [change] = dashboard["changes"]
    assert (change.user, change.kind, change.action) == (ours.manager.username, "contact person", "Deleted")
    assert ours.contact.full_name in change.label
    assert change.history_url in response.text
    assert staff_client.get(change.history_url).status_code == 200


def test_changes_made_in_the_admin_are_not_listed_as_portal_changes(staff_client, ours):
    staff_client.post(
        reverse("admin:clusters_yearlyfigures_changelist"),
        {"action": "approve_figures", "_selected_action": [ours.rejected.pk]},
    )
    ours.cluster.description = "Edited by staff"
    ours.cluster.save()

    response = staff_client.get(reverse("admin:index"))

    assert response.context["changes"] == []


def test_staff_without_permission_to_view_figures_do_not_see_the_dashboard(client):
    YearlyFiguresFactory(cluster__name="Secret Cluster", status=YearlyFigures.Status.SUBMITTED)
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_company"))
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Secret Cluster" not in response.text
    assert "Figures waiting for review" not in response.text


def test_the_review_shows_formatted_values_what_they_replace_last_year_and_warnings(staff_client):
    cluster = ClusterFactory(name="Port Cluster")
    YearlyFiguresFactory(
        cluster=cluster, year=2016, members=40, turnover_eur=45_000_000, export_eur=1_000_000
    )
    YearlyFiguresFactory(
        cluster=cluster, year=2017, members=47, turnover_eur=50_000_000, export_eur=2_000_000
    )
    correction = YearlyFiguresFactory(
        cluster=cluster,
        year=2017,
        members=44,
        turnover_eur=4_500_000_075,
        export_eur=2_000_000,
        status=YearlyFigures.Status.SUBMITTED,
    )

    text = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").text

    assert "Port Cluster 2017" in text
    assert "correction of approved figures" in text
    assert "4,500,000,075" in text and "4500000075" not in text
    assert "47" in text and "-6.4 %" in text  # 47 -> 44 members
    assert "+8900.0 %" in text  # turnover against the approved 50 000 000
    assert "Approved 2016" in text
    assert "Turnover changed from 45,000,000 in 2016 to 4,500,000,075" in text
    change_page = staff_client.get(reverse("admin:clusters_yearlyfigures_change", args=[correction.pk]))
    assert "Turnover changed from 45,000,000 in 2016" in change_page.text

    staff_client.post(
        reverse("admin:clusters_yearlyfigures_changelist"),
        {"action": "approve_figures", "_selected_action": [correction.pk]},
    )
    assert YearlyFigures.objects.approved().get(cluster=cluster, year=2017).members == 44


def test_the_review_can_be_started_from_the_dashboard_with_a_reject_reason(staff_client):
    submitted = YearlyFiguresFactory(status=YearlyFigures.Status.SUBMITTED)
    dashboard = staff_client.get(reverse("admin:index")).text
    assert 'name="action" value="reject_figures"' in dashboard
    form_page = run_action(staff_client, "reject_figures", [submitted])
    assert 'name="reason"' in form_page.text

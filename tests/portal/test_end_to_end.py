"""The whole story as people live it, through HTTP only: invite, set password, edit, submit, approve, publish."""

import re

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core import mail
from django.test import Client
from django.urls import reverse

from clusters.models import YearlyFigures
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Kurzeme coastline 2026"


def test_invite_set_password_edit_submit_approve_and_the_public_page_shows_the_figures(staff_client):
    cluster = ClusterFactory(name="Latvian Maritime Cluster", description="Old text")
    manager = Client()

    # Staff invite the manager from the cluster list in the admin.
    staff_client.post(
        reverse("admin:clusters_cluster_changelist"),
        {
            "action": "invite_manager",
            "_selected_action": [cluster.pk],
            "apply": "1",
            "email": "liga@example.lv",
            "language": "en",
        },
    )
    [invitation] = mail.outbox
    link = re.search(r"http://testserver(/en/accounts/reset/\S+/)", invitation.body).group(1)

    # The manager sets a password through the link and is logged in, straight into their one cluster.
    set_password_page = manager.get(link, follow=True)
    assert set_password_page.status_code == 200
    form_url = set_password_page.redirect_chain[-1][0]
    set_done = manager.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert set_done.redirect_chain[-1][0] == reverse("portal:cluster", args=[cluster.slug])
    assert "Your password was set and you are logged in." in set_done.text
    # Later they log in with the e-mail address.
    manager.post(reverse("logout"))
    login = manager.post(reverse("login"), {"username": "liga@example.lv", "password": PASSWORD}, follow=True)
    assert login.redirect_chain[-1][0] == reverse("portal:cluster", args=[cluster.slug])
    assert "Latvian Maritime Cluster" in login.text

    # The overview asks for last year's figures; the manager edits the profile and submits them.
    overview = manager.get(reverse("portal:cluster", args=[cluster.slug]))
    assert "No figures for" in overview.text
    profile_url = reverse("portal:profile", args=[cluster.slug])
    profile = manager.get(profile_url).context["form"]
    unchanged = {
        name: profile[name].value() or "" for name in ["email", "city", "website", "phone", "version"]
    }
    manager.post(profile_url, {**unchanged, "description_en": "Ports, shipping and logistics."})
    figures_url = reverse("portal:figures", args=[cluster.slug])
    year = manager.get(figures_url).context["form"]["year"].value()
    submitted = manager.post(
        figures_url,
        {"year": year, "members": 57, "turnover_eur": 123_456_789, "export_eur": 65_432_100, "version": ""},
        follow=True,
    )
    assert "they become public once staff approve them" in submitted.text
    public_url = cluster.get_absolute_url()
    assert intcomma(123_456_789) not in Client().get(public_url).text

    # Staff see the submission on the dashboard and approve it.
    dashboard = staff_client.get(reverse("admin:index"))
    [pending] = dashboard.context["pending"]
    assert {change.kind for change in dashboard.context["changes"]} == {"cluster", "yearly figures"}
    staff_client.post(
        reverse("admin:clusters_yearlyfigures_changelist"),
        {"action": "approve_figures", "_selected_action": [pending.pk]},
    )

    # The public directory shows the new description and the approved figures.
    assert YearlyFigures.objects.approved().filter(cluster=cluster, year=year, members=57).exists()
    public_page = Client().get(public_url)
    assert public_page.status_code == 200
    assert "Ports, shipping and logistics." in public_page.text
    assert intcomma(123_456_789) in public_page.text

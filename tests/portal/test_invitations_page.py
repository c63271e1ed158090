"""Staff see the invitations that wait for a password, expired or not, and send them again."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clusters.services import manager_invite
from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("staff-invitations")


def test_pending_and_expired_invitations_are_listed_and_active_managers_are_not(staff_client, settings):
    cluster = ClusterFactory(name="Wood Cluster")
    fresh = manager_invite(email="fresh@example.lv", clusters=[cluster], base_url="https://lcn.example/")
    old = manager_invite(email="old@example.lv", clusters=[cluster], base_url="https://lcn.example/")
    old.date_joined = timezone.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    old.save()
    active = UserFactory(email="active@example.lv")
    cluster.managers.add(active)

    response = staff_client.get(URL)

    states = {user.email: state for user, state in response.context["rows"]}
    assert states == {fresh.email: "pending", old.email: "expired"}
    assert "Wood Cluster" in response.text


def test_inviting_again_sends_a_link_from_the_configured_site_address(staff_client, settings):
    settings.SITE_URL = "https://lcn.example.lv/"
    user = manager_invite(email="late@example.lv", clusters=[ClusterFactory()], base_url="http://old:8000/")
    mail.outbox.clear()

    response = staff_client.post(URL, {"user": user.pk})

    assert response.status_code == 302
    [message] = mail.outbox
    assert re.search(r"https://lcn\.example\.lv/accounts/reset/\S+/", message.body)


def test_without_a_configured_address_the_link_uses_the_address_in_use(staff_client, settings):
    settings.SITE_URL = ""
    user = manager_invite(email="late@example.lv", clusters=[ClusterFactory()], base_url="http://old:8000/")
    mail.outbox.clear()

    staff_client.post(URL, {"user": user.pk})

    assert "http://testserver/accounts/reset/" in mail.outbox[0].body


def test_managers_cannot_see_or_resend_invitations(client):
    manager = UserFactory()
    ClusterFactory().managers.add(manager)
    client.force_login(manager)

    assert client.get(URL).status_code == 302  # to the admin's log-in
    assert client.post(URL, {"user": manager.pk}).status_code == 302
    assert mail.outbox == []


def test_the_command_asks_for_the_site_address_when_none_is_configured(settings):
    from django.core.management import CommandError, call_command

    settings.SITE_URL = ""
    cluster = ClusterFactory()

    with pytest.raises(CommandError, match="--base-url"):
        call_command("invite_manager", "someone@example.lv", cluster.slug)
    assert mail.outbox == []

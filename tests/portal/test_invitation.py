"""Staff invite a manager; the invitee sets a password once through the e-mailed link and logs in."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import ClusterFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def link_in(message) -> str:
    match = re.search(r"https?://\S+/accounts/reset/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def set_password(client, link: str, password: str):
    """Follow the e-mailed link the way a browser does, then post the new password."""
    response = client.get(link)
    if response.status_code != 302:
        return response
    return client.post(response["Location"], {"new_password1": password, "new_password2": password})


def test_command_creates_a_manager_and_mails_a_one_time_set_password_link(client):
    cluster = ClusterFactory(name="Green Energy Cluster")

    call_command(
        "invite_manager", "Ilze.Ozola@Example.lv", cluster.slug, "--base-url", "https://lcn.example/"
    )

    user = User.objects.get(username="ilze.ozola@example.lv")
    assert user.email == "ilze.ozola@example.lv"
    assert not user.has_usable_password()
    assert list(user.managed_clusters.all()) == [cluster]
    [message] = mail.outbox
    assert message.to == ["ilze.ozola@example.lv"]
    assert "Green Energy Cluster" in message.body
    link = link_in(message)
    assert link.startswith("https://lcn.example/accounts/reset/")

    path = link.removeprefix("https://lcn.example")
    response = set_password(client, path, "a long and unusual passphrase")
    assert response.status_code == 302
    with translation.override("lv"):  # the e-mail, and so its link, is in Latvian by default
        assert response["Location"] == reverse("portal:index")
        assert client.get(reverse("portal:index")).status_code == 302  # logged in, sent to the one cluster

    client.logout()
    logged_in = client.post(
        reverse("login"), {"username": "ilze.ozola@example.lv", "password": "a long and unusual passphrase"}
    )
    assert logged_in.status_code == 302
    assert logged_in["Location"] == reverse("portal:index")
    assert "Green Energy Cluster" in client.get(reverse("portal:index"), follow=True).text

    client.logout()
    reused = client.get(path, follow=True)
    assert "saite vairs nedarbojas" in reused.text  # the link, and so the page, is Latvian
    assert set_password(client, path, "another passphrase 123").status_code == 200
    assert User.objects.get(pk=user.pk).check_password("a long and unusual passphrase")


def test_inviting_an_existing_user_reuses_the_account_and_keeps_the_password():
    first, second = ClusterFactory(), ClusterFactory()
    user = UserFactory(email="janis@example.lv")
    first.managers.add(user)

    call_command("invite_manager", "janis@example.lv", second.slug)

    assert User.objects.filter(username="janis@example.lv").count() == 1
    user.refresh_from_db()
    assert user.check_password("correct horse battery")
    assert set(user.managed_clusters.all()) == {first, second}
    [message] = mail.outbox
    assert "/accounts/reset/" not in message.body
    assert "/accounts/login/" in message.body


def test_command_refuses_unknown_clusters_and_invites_nobody():
    with pytest.raises(CommandError, match="no-such-cluster"):
        call_command("invite_manager", "anna@example.lv", "no-such-cluster")

    assert not User.objects.filter(username="anna@example.lv").exists()
    assert mail.outbox == []


def test_command_refuses_a_deactivated_account():
    cluster = ClusterFactory()
    UserFactory(email="gone@example.lv", is_active=False)

    with pytest.raises(CommandError, match="deactivated"):
        call_command("invite_manager", "gone@example.lv", cluster.slug)

    assert not cluster.managers.exists()
    assert mail.outbox == []


def test_staff_invite_a_manager_through_the_admin_action(staff_client):
    cluster = ClusterFactory(name="Wood Cluster")
    url = reverse("admin:clusters_cluster_changelist")

    form_page = staff_client.post(url, {"action": "invite_manager", "_selected_action": [cluster.pk]})
    assert form_page.status_code == 200
    assert "Wood Cluster" in form_page.text

    response = staff_client.post(
        url,
        {
            "action": "invite_manager",
            "_selected_action": [cluster.pk],
            "apply": "1",
            "email": "new@example.lv",
            "language": "lv",
        },
    )

    assert response.status_code == 302
    assert cluster.managers.get().username == "new@example.lv"
    [message] = mail.outbox
    assert link_in(message).startswith("http://testserver/accounts/reset/")


@pytest.mark.parametrize(
    ("options", "prefix", "greeting"),
    [
        ({}, "https://lcn.example/accounts/reset/", "Latvijas Klasteru tīkl"),
        ({"language": "en"}, "https://lcn.example/en/accounts/reset/", "Latvian Cluster Network"),
    ],
)
def test_the_invitation_is_written_in_the_invitees_language(options, prefix, greeting):
    cluster = ClusterFactory(name="Wood Cluster")
    with translation.override("en"):  # whatever the sender's language
        call_command(
            "invite_manager", "new@example.lv", cluster.slug, base_url="https://lcn.example/", **options
        )
    [message] = mail.outbox
    assert link_in(message).startswith(prefix)
    assert greeting in message.subject + message.body


def test_the_admin_action_shows_a_bad_address_next_to_the_field(staff_client):
    cluster = ClusterFactory()

    response = staff_client.post(
        reverse("admin:clusters_cluster_changelist"),
        {
            "action": "invite_manager",
            "_selected_action": [cluster.pk],
            "apply": "1",
            "email": "not an address",
        },
    )

    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert not cluster.managers.exists()


def test_password_reset_pages_render(client):
    UserFactory(email="someone@example.lv")

    assert client.get(reverse("password_reset")).status_code == 200
    response = client.post(reverse("password_reset"), {"email": "someone@example.lv"}, follow=True)

    assert response.status_code == 200
    [message] = mail.outbox
    assert "/accounts/reset/" in message.body


def test_command_prints_the_address_its_links_start_with(settings):
    settings.SITE_URL = "https://lcn.example/"
    cluster = ClusterFactory()
    out = io.StringIO()

    call_command("invite_manager", "anna@example.lv", cluster.slug, stdout=out)

    assert "https://lcn.example/ (from SITE_URL)" in out.getvalue()
    assert "https://lcn.example/accounts/reset/" in mail.outbox[0].body


def test_command_prints_the_given_base_url_and_completes_it_with_a_slash(settings):
    cluster = ClusterFactory()
    out = io.StringIO()

    call_command(
        "invite_manager", "anna@example.lv", cluster.slug, "--base-url", "http://127.0.0.1:8370", stdout=out
    )

    assert "http://127.0.0.1:8370/ (from --base-url)" in out.getvalue()
    assert "http://127.0.0.1:8370/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("site_url", ["", "http://localhost:8000/"])
def test_command_refuses_to_guess_the_address_and_invites_nobody(settings, site_url):
    """In development SITE_URL falls back to runserver's usual address, which is only a guess: a
    server started with another ADDRESS (scripts/serve) sets SITE_URL for itself only."""
    settings.SITE_URL, settings.SITE_URL_GUESSED = site_url, True
    cluster = ClusterFactory()

    with pytest.raises(CommandError, match="--base-url"):
        call_command("invite_manager", "anna@example.lv", cluster.slug)

    assert not User.objects.filter(username="anna@example.lv").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("base_url", ["127.0.0.1:8370", "lcn.example", "ftp://lcn.example/"])
def test_command_refuses_an_address_that_is_not_a_web_address(base_url):
    cluster = ClusterFactory()

    with pytest.raises(CommandError, match="not a web address"):
        call_command("invite_manager", "anna@example.lv", cluster.slug, "--base-url", base_url)

    assert mail.outbox == []


def test_serve_prints_the_invite_command_for_its_own_address(settings):
    script = (Path(settings.BASE_DIR) / "scripts" / "serve").read_text()

    assert "invite_manager EMAIL CLUSTER_SLUG --base-url $SITE_URL" in script
    assert script.index("invite_manager EMAIL") > script.index("export SITE_URL=")

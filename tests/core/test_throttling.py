"""Log-in and password-reset floods are throttled, by account and by address, revealing nothing."""

import pytest
from django.core import mail

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

# Both log-in pages in both languages: Latvian at the plain address, English under /en/.
LOGIN_PAGES = ["/accounts/login/", "/admin/login/", "/en/accounts/login/", "/en/admin/login/"]


def wrong_tries(client, url: str, username: str, count: int, **extra) -> list[int]:
    return [
        client.post(url, {"username": username, "password": f"wrong {n}"}, **extra).status_code
        for n in range(count)
    ]


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_fifty_wrong_passwords_are_throttled(client, settings, url):
    user = StaffFactory(email="anna@example.lv")

    statuses = wrong_tries(client, url, user.username, 50)

    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert statuses[limit:] == [429] * (50 - limit)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_locked_account_is_refused_even_with_the_right_password(client, settings, url):
    # The lockout is decided before the password is checked, so a flood costs no password hashing.
    user = StaffFactory(email="anna@example.lv")
    wrong_tries(client, url, user.username, settings.AXES_FAILURE_LIMIT)

    response = client.post(url, {"username": user.username, "password": "correct horse battery"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_counts_the_account_however_it_is_capitalised(client, settings):
    user = UserFactory(email="anna@example.lv")
    spellings = ["Anna@example.lv", "ANNA@EXAMPLE.LV", " anna@example.lv"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": spellings[n % 3], "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{n + 1}",
        )

    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "correct horse battery"},
        REMOTE_ADDR="10.0.1.1",
    )

    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_locked_out(client, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": f"guess{n}@example.lv", "password": "x"})
    user = UserFactory(email="anna@example.lv")

    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "correct horse battery"}
    )

    assert response.status_code == 429


def test_other_addresses_and_accounts_can_still_log_in(client, settings):
    wrong_tries(client, "/accounts/login/", "anna@example.lv", settings.AXES_FAILURE_LIMIT)
    user = UserFactory(email="berta@example.lv")

    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "correct horse battery"},
        REMOTE_ADDR="192.0.2.7",
    )

    assert response.status_code == 302


def test_an_unknown_account_gets_the_same_answers_as_a_known_one(client, settings):
    UserFactory(email="anna@example.lv")
    known = wrong_tries(client, "/accounts/login/", "anna@example.lv", 8, REMOTE_ADDR="192.0.2.1")
    unknown_responses = [
        client.post(
            "/accounts/login/", {"username": "nobody@example.lv", "password": "x"}, REMOTE_ADDR="192.0.2.2"
        )
        for _ in range(8)
    ]

    assert [r.status_code for r in unknown_responses] == known
    assert b"nobody@example.lv" not in unknown_responses[-1].content


def test_password_reset_e_mails_are_limited_per_account(client, settings):
    UserFactory(email="anna@example.lv")
    limit = settings.PASSWORD_RESET_RATE_LIMIT

    statuses = [
        client.post(
            "/accounts/password_reset/", {"email": "anna@example.lv"}, REMOTE_ADDR=f"192.0.2.{n}"
        ).status_code
        for n in range(limit + 3)
    ]

    assert statuses == [302] * limit + [429] * 3
    assert len(mail.outbox) == limit


def test_password_reset_is_limited_per_address_for_unknown_accounts_too(client, settings):
    limit = settings.PASSWORD_RESET_RATE_LIMIT

    statuses = [
        client.post("/accounts/password_reset/", {"email": f"nobody{n}@example.lv"}).status_code
        for n in range(limit + 1)
    ]

    assert statuses == [302] * limit + [429]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the header is the client's own, ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # a forged first entry changes nothing
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    ],
)
def test_the_client_address_is_taken_from_trusted_proxies_only(rf, settings, proxies, forwarded, expected):
    from core.throttling import client_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")

    assert client_address(request) == expected


def test_behind_a_proxy_each_client_address_is_throttled_on_its_own(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}@example.lv", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    user = UserFactory(email="anna@example.lv")

    blocked = client.post(
        "/accounts/login/", {"username": "x@example.lv", "password": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    other = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "correct horse battery"},
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )

    assert blocked.status_code == 429
    assert other.status_code == 302


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_throttled_try_is_answered_before_the_login_form_runs(
    client, settings, django_assert_max_num_queries, url
):
    wrong_tries(client, url, "anna@example.lv", settings.AXES_FAILURE_LIMIT)

    # At most the lockout lookup (none with Redis): no session, no user, no form, no page of data.
    with django_assert_max_num_queries(2):
        response = client.post(url, {"username": "anna@example.lv", "password": "another guess"})

    assert response.status_code == 429
    assert 'name="password"' not in response.content.decode()
    heading = "Too many attempts" if url.startswith("/en/") else "Pārāk daudz mēģinājumu"
    assert heading in response.content.decode()

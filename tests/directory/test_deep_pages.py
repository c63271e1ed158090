"""Deep pages of the company list: numbered near the start, then by cursor, so page 2 000 costs what
page 1 costs; every company once, in Latvian order, whichever way a visitor walks."""

import base64
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

# Latvian dictionary order, legal forms ignored: c < č, k < ķ, s < š.
NAMES_IN_ORDER = [
    "Cakes SIA",
    'SIA "Čiekurs"',
    "Kalns AS",
    "Ķekava SIA",
    "Saule SIA",
    "Šķūnis SIA",
    "Zilonis SIA",
]


@pytest.fixture
def small_pages(monkeypatch):
    """Two companies a page and two numbered pages, so that seven companies reach the cursor pages."""
    monkeypatch.setattr("directory.views.COMPANIES_PER_PAGE", 2)
    monkeypatch.setattr("core.pagination.NUMBERED_PAGES", 2)
    for name in reversed(NAMES_IN_ORDER):
        CompanyFactory(name=name)


def link(response, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', response.content.decode())
    return unescape(found.group(1)) if found else None


def names(response) -> list[str]:
    return [company.name for company in response.context["page"]]


def cursor(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def test_next_links_walk_every_company_once_in_latvian_order(client, small_pages):
    address, seen, links = reverse("clusters:company-list"), [], []
    response = client.get(address)
    while True:
        seen += names(response)
        following = link(response, "next")
        if following is None:
            break
        links.append(following)
        response = client.get(address + following)

    assert seen == NAMES_IN_ORDER
    assert links[0] == "?page=2"
    assert all(following.startswith("?after=") for following in links[1:])


def test_previous_link_of_a_cursor_page_shows_the_page_before(client, small_pages):
    address = reverse("clusters:company-list")
    second = client.get(address, {"page": 2})
    third = client.get(address + link(second, "next"))
    fourth = client.get(address + link(third, "next"))

    back = client.get(address + link(fourth, "prev"))

    assert names(third) == ["Saule SIA", "Šķūnis SIA"]
    assert names(fourth) == ["Zilonis SIA"]
    assert names(back) == names(third)
    assert "First page" in back.content.decode()
    assert 'href="?page=2"' not in fourth.content.decode()


def test_a_cursor_page_keeps_the_search_and_its_best_match_order(client, monkeypatch):
    monkeypatch.setattr("directory.views.COMPANIES_PER_PAGE", 1)
    monkeypatch.setattr("core.pagination.NUMBERED_PAGES", 1)
    for name in ["Koks SIA", "Bērzs un koks SIA", "Akmens SIA", "Ozolkoks SIA"]:
        CompanyFactory(name=name)
    address = reverse("clusters:company-list")
    response, seen = client.get(address, {"q": "koks"}), []
    while response is not None:
        seen += names(response)
        following = link(response, "next")
        response = client.get(address + following) if following else None

    # The whole name first, then a word's start, then inside a word.
    assert seen == ["Koks SIA", "Bērzs un koks SIA", "Ozolkoks SIA"]


def test_a_deep_page_costs_the_queries_of_the_first(client, small_pages, django_assert_num_queries):
    address = reverse("clusters:company-list")
    third = link(client.get(address, {"page": 2}), "next")

    # As the first page: the filter's clusters, the page, its memberships, the sectors.
    with django_assert_num_queries(4):
        response = client.get(address + third)

    assert names(response) == ["Saule SIA", "Šķūnis SIA"]


def test_a_page_number_beyond_the_numbered_pages_is_not_found(client, small_pages):
    assert client.get(reverse("clusters:company-list"), {"page": 3}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"after": "not base64 at all!"},
        {"after": cursor(["Saule", "not an id"])},
        {"after": cursor(["Saule"])},
        {"after": cursor([7, 7])},
        {"after": cursor(["Saule\x00", 1])},
        {"after": cursor(["Saule", 10**30])},
        {"after": cursor({"name": "Saule"})},
        {"before": cursor(["Saule", True])},
        {"after": "A" * 5000},
    ],
    ids=["garbage", "text id", "short", "number name", "nul", "huge id", "object", "bool id", "long"],
)
def test_a_cursor_that_is_not_a_sort_key_of_the_list_is_not_found(client, small_pages, query):
    assert client.get(reverse("clusters:company-list"), query).status_code == 404


def test_a_cursor_past_the_last_company_shows_none_and_a_way_back(client, small_pages):
    response = client.get(reverse("clusters:company-list"), {"after": cursor(["Ž", 10**6])})

    assert response.status_code == 200
    assert names(response) == []
    assert "First page" in response.content.decode()

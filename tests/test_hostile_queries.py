"""Every URL of the site (public, portal, admin), resolved from the URLconf, answers hostile query strings
without a server error: absurd page numbers, NUL bytes, very long values, unknown filters."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from clusters.models import Cluster
from tests.factories import (
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    StaffFactory,
    UserFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "page=99999999999999999999&p=99999999999999999999",
    "page=-1&p=-1&year=-1",
    "page=abc&p=abc&o=zz.-9&year=abc&all=",
    "q=%00&search=%00&cluster=%00&sector=%00&category=%00&ordering=%00&lcn_member=%00&show=%00&o=%00",
    "q=" + "A" * 5000 + "&cluster=" + "b" * 5000 + "&unknown_filter=1&sector=no-such&lcn_member=maybe",
    "cluster=99999999999999999999&company=99999999999999999999&sector=99999999999999999999&year=99999999999",
    "cluster__id__exact=abc&company__id__exact=%00&until__isnull=maybe&status__exact=%00&_to_field=id",
    "after=%00&before=abc",
    "after=WyJhIiwxXQ&before=W10",
]
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def patterns(resolver: URLResolver, prefix: str = "") -> list[str]:
    """Every route of the URLconf as a path template, e.g. "admin/clusters/cluster/<path:object_id>/change/"."""
    routes = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
        if isinstance(entry, URLResolver):
            routes += patterns(entry, route)
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


def concrete(route: str, cluster: Cluster) -> str | None:
    """The route with its parameters filled by rows that exist; None for regex-only routes."""
    if "(?P" in route or "(" in route:
        return None
    values = {"slug": cluster.slug, "section": "companies", "uidb64": "MQ", "token": "set-password"}
    path = CONVERTER.sub(lambda m: str(values.get(m.group(2), "1")), route)
    return "/" + path


@pytest.fixture
def world():
    membership = MembershipFactory(company__slug="company-1")
    cluster = membership.cluster
    YearlyFiguresFactory(cluster=cluster)
    ContactFactory(cluster=cluster)
    NetworkFiguresFactory()
    IndicatorFactory()
    manager = UserFactory()
    cluster.managers.add(manager)
    return cluster, manager


def test_no_url_answers_a_hostile_query_string_with_a_server_error(world):
    cluster, manager = world
    paths = sorted({path for route in patterns(get_resolver()) if (path := concrete(route, cluster))})
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in {"staff": StaffFactory(), "manager": manager}.items():
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    failures = []

    for path in paths:
        for role, client in clients.items():
            if role == "anonymous" or path.startswith(("/admin/", "/portal/")):
                for query in HOSTILE:
                    response = client.get(f"{path}?{query}")
                    if response.status_code >= 500:
                        failures.append(f"{role} {path}?{query[:80]} -> {response.status_code}")

    assert len(paths) > 60  # the walk found the admin, portal and public URLs
    assert failures == [], "\n".join(failures)


def test_an_absurd_page_of_the_company_list_is_not_found(client):
    assert client.get("/companies/", {"page": "99999999999999999999"}).status_code == 404
    assert client.get("/companies/", {"page": "²"}).status_code == 200  # not a page number: the first


def test_a_nul_character_in_the_address_is_a_bad_request(client):
    response = client.get("/companies/", {"q": "tilde\x00"})

    assert response.status_code == 400

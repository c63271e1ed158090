"""Portal pages run a fixed number of queries, however many rows the cluster has."""

import datetime

import pytest
from django.urls import reverse

from clusters.models import YearlyFigures
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db

# Every logged-in page: the user (the session is read from the cache, written through at login).
# Then the cluster, checked against the managers.
SESSION_AND_USER = 1


def fill(cluster, rows: int) -> None:
    """`rows` of each kind a portal page lists."""
    for n in range(rows):
        MembershipFactory(cluster=cluster)
        MembershipFactory(cluster=cluster, until=datetime.date(2020, 1, 1))
        ContactFactory(cluster=cluster, is_public=n % 2 == 0)
        YearlyFiguresFactory(cluster=cluster, year=1990 + n, status=YearlyFigures.Status.SUBMITTED)
        CompanyFactory(name=f"Search Hit {n} of {cluster.slug}")


PAGES = {
    # name: (extra URL kwargs, query string, queries after the session and user)
    "index": (None, {}, 1),  # a manager of several clusters: the list
    # cluster, figures, reporting rounds collecting figures, member count, contact count
    "cluster": ({}, {}, 5),
    "profile": ({}, {}, 3),  # cluster, its sectors, sectors to choose from
    "figures": ({}, {}, 2),  # cluster, figures
    # cluster, search results, count and page of memberships with companies, count of former members
    "members": ({}, {"q": "Search Hit"}, 5),
    "members-search": ({}, {"search": "a", "show": "ended"}, 4),  # no company search: one query less
    "contacts": ({}, {}, 3),  # cluster, contacts with their people, their public consents
}


@pytest.mark.parametrize("rows", [1, 25])
@pytest.mark.parametrize("name", PAGES)
def test_portal_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, name, rows):
    manager = UserFactory()
    for _ in range(rows + 1 if name == "index" else 1):
        cluster = ClusterFactory()
        cluster.managers.add(manager)
    fill(cluster, rows)
    kwargs, query, queries = PAGES[name]
    url_name = name.removesuffix("-search")
    url = reverse(f"portal:{url_name}", kwargs=None if kwargs is None else {"slug": cluster.slug})
    client.force_login(manager)

    with django_assert_num_queries(SESSION_AND_USER + queries):
        response = client.get(url, query)

    assert response.status_code == 200


def test_figures_edit_page_query_count(client, django_assert_num_queries):
    manager = UserFactory()
    cluster = ClusterFactory()
    cluster.managers.add(manager)
    fill(cluster, 25)
    approved = YearlyFiguresFactory(cluster=cluster, year=2020)
    client.force_login(manager)

    # cluster, the figures, a waiting correction of the same year
    with django_assert_num_queries(SESSION_AND_USER + 3):
        response = client.get(reverse("portal:figures-edit", args=[cluster.slug, approved.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_staff_dashboard_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    staff = StaffFactory()
    for _ in range(rows):
        cluster = ClusterFactory()
        cluster.managers.add(staff)
        YearlyFiguresFactory(cluster=cluster, year=2016, status=YearlyFigures.Status.SUBMITTED)
        fill(cluster, 1)
    client.force_login(staff)
    for contact in cluster.contacts.all():  # portal changes of every kind
        client.post(reverse("portal:contact-delete", args=[cluster.slug, contact.pk]))
    client.post(reverse("portal:member-end", args=[cluster.slug, cluster.memberships.current().first().pk]))

    # pending, missing figures, five history tables, held-back general e-mails, the admin's recent actions
    with django_assert_num_queries(SESSION_AND_USER + 9):
        response = client.get(reverse("admin:index"))

    assert response.status_code == 200

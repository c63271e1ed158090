"""The admin at real sizes: no inline that grows with the data, and query counts that do not grow either."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters.models import Cluster, Company, Membership, Network, ReportingYear
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    SectorFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label in {"clusters", "programmes"}]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def fill(rows: int) -> None:
    """`rows` of every kind the admin lists, each cluster and company with several relations."""
    for n in range(rows):
        sector = SectorFactory()
        membership = MembershipFactory(company__sector=sector)
        membership.cluster.sectors.add(sector)
        MembershipFactory(company=membership.company)
        YearlyFiguresFactory(cluster=membership.cluster)
        ContactFactory(cluster=membership.cluster)
        NetworkFiguresFactory(year=2000 + n)
        ReportingYear.objects.get_or_create(year=2000 + n, defaults={"closed": n % 2 == 0})
        IndicatorFactory()
    Network.objects.get_or_create(name="Latvian Cluster Network")


def queries_of(client, url: str) -> int:
    client.get(url)  # warms the content-type and site caches, which a running server has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_change_page_query_counts_do_not_grow_with_rows(staff_client, model):
    fill(1)
    one = (queries_of(staff_client, admin_url(model, "changelist")), model._default_manager.count())
    change_one = queries_of(staff_client, admin_url(model, "change", model._default_manager.first().pk))
    fill(12)

    many = queries_of(staff_client, admin_url(model, "changelist"))
    change_many = queries_of(staff_client, admin_url(model, "change", model._default_manager.last().pk))

    assert model is Network or model._default_manager.count() > one[1]  # the network is one row
    assert (many, change_many) == (one[0], change_one)


def loaded_version(page) -> str:
    """The row version the change form carries, as a browser would post it back."""
    return page.context["adminform"].form["row_version"].value()


def cluster_form_data(cluster: Cluster, *, version: str) -> dict:
    return {
        "row_version": version,
        "name": cluster.name,
        "slug": cluster.slug,
        "description_en": "Changed in the admin",
        "is_active": "on",
        "lcn_member": "on",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize("members", [1, 500])
def test_a_cluster_with_500_members_opens_and_saves_with_the_queries_of_one(
    staff_client, django_assert_num_queries, members
):
    cluster = ClusterFactory()
    companies = Company.objects.bulk_create(
        Company(name=f"Member {n}", slug=f"member-{n}", registration_number="") for n in range(members)
    )
    Membership.objects.bulk_create(Membership(company=company, cluster=cluster) for company in companies)
    url = admin_url(Cluster, "change", cluster.pk)
    staff_client.get(url)  # warms the content-type cache, as a running server has it

    # session, user, cluster, sectors (chosen and to choose from), managers chosen, figures and contacts
    # inlines, the membership count: the same for 1 and 500 members.
    with django_assert_num_queries(9):
        page = staff_client.get(url)
    saved = staff_client.post(url, cluster_form_data(cluster, version=loaded_version(page)))

    assert page.status_code == 200
    assert f"{members} membership" in page.text
    assert saved.status_code == 302, saved.content
    assert Cluster.objects.get(pk=cluster.pk).description == "Changed in the admin"
    assert cluster.memberships.count() == members


def test_the_cluster_page_links_to_its_memberships_and_to_adding_one(staff_client):
    membership = MembershipFactory()
    cluster = membership.cluster

    page = staff_client.get(admin_url(Cluster, "change", cluster.pk))
    listed = staff_client.get(admin_url(Membership, "changelist"), {"cluster": cluster.pk})
    other = staff_client.get(admin_url(Membership, "changelist"), {"cluster": ClusterFactory().pk})
    add = staff_client.get(admin_url(Membership, "add"), {"cluster": cluster.pk})

    assert f"{admin_url(Membership, 'changelist')}?cluster={cluster.pk}" in page.text
    assert f"{admin_url(Membership, 'add')}?cluster={cluster.pk}" in page.text
    assert list(listed.context["cl"].result_list) == [membership]
    assert list(other.context["cl"].result_list) == []
    assert add.context["adminform"].form.initial["cluster"] == str(cluster.pk)


def company_form_data(**changes) -> dict:
    data = {
        "name": "Tilde SIA",
        "slug": "tilde-sia",
        "registration_number": "LV 40003027416",
        "website": "www.tilde.lv",
        "category": Company.Category.LARGE,
        "join_cluster": "",
        "member_since": "",
        "member_role": Membership.Role.MEMBER,
    }
    return {**data, **changes}


def test_a_company_is_added_straight_into_a_cluster(staff_client):
    cluster = ClusterFactory()

    response = staff_client.post(
        admin_url(Company, "add"),
        company_form_data(join_cluster=cluster.pk, member_since="2019-07-01", member_role="founding"),
    )

    assert response.status_code == 302, response.content
    company = Company.objects.get(slug="tilde-sia")
    assert (company.registration_number, company.website) == ("40003027416", "https://www.tilde.lv")
    membership = company.memberships.get()
    assert (membership.cluster, str(membership.since), membership.role) == (cluster, "2019-07-01", "founding")


def test_a_company_without_a_cluster_is_added_with_no_membership(staff_client):
    response = staff_client.post(admin_url(Company, "add"), company_form_data())

    assert response.status_code == 302, response.content
    assert not Membership.objects.exists()


def test_joining_a_cluster_the_company_is_already_in_is_refused_next_to_the_field(staff_client):
    membership = MembershipFactory()
    company = membership.company
    data = company_form_data(
        name=company.name, slug=company.slug, registration_number="", join_cluster=membership.cluster.pk
    )
    url = admin_url(Company, "change", company.pk)
    data["row_version"] = loaded_version(staff_client.get(url))

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "already a current member" in response.text
    assert company.memberships.count() == 1


def test_company_list_shows_clusters_and_filters_by_cluster(staff_client, django_assert_max_num_queries):
    first, second = MembershipFactory(), MembershipFactory()
    MembershipFactory(company=first.company)
    url = admin_url(Company, "changelist")

    every = staff_client.get(url)
    filtered = staff_client.get(url, {"cluster": second.cluster.pk})
    nonsense = staff_client.get(url, {"cluster": "99999999999999999999"})

    assert first.cluster.name in every.text
    assert list(filtered.context["cl"].result_list) == [second.company]
    assert list(nonsense.context["cl"].result_list) == []


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("tilde", ["Tilde SIA"]),
        ("LV 40003027416", ["Tilde SIA"]),
        ("INFO@tilde.lv", ["Tilde SIA"]),
        ("ozol", ["Ozols AS"]),
    ],
)
def test_company_search_by_name_number_or_email(staff_client, term, found):
    Company.objects.create(
        name="Tilde SIA", slug="tilde", registration_number="40003027416", email="info@tilde.lv"
    )
    Company.objects.create(name="Ozols AS", slug="ozols", registration_number="", email="ozols@example.lv")

    response = staff_client.get(admin_url(Company, "changelist"), {"q": term})

    assert [company.name for company in response.context["cl"].result_list] == found


def test_company_list_filters_members_of_network_clusters(staff_client):
    inside = MembershipFactory(cluster__lcn_member=True).company
    outside = MembershipFactory(cluster__lcn_member=False).company
    MembershipFactory(company=inside, cluster__lcn_member=True)  # two network clusters: listed once

    members = staff_client.get(admin_url(Company, "changelist"), {"lcn_member": "1"})
    others = staff_client.get(admin_url(Company, "changelist"), {"lcn_member": "0"})

    assert list(members.context["cl"].result_list) == [inside]
    assert list(others.context["cl"].result_list) == [outside]


@pytest.mark.parametrize("clusters", [1, 30])
def test_cluster_list_counts_current_members_in_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, clusters
):
    counted = ClusterFactory(name="Aaa counted")
    MembershipFactory.create_batch(3, cluster=counted)
    MembershipFactory(cluster=counted, until="2017-01-01")  # ended: not a current member
    ClusterFactory.create_batch(clusters - 1)
    url = admin_url(Cluster, "changelist")
    staff_client.get(url)  # content types and site, as a running server has them cached

    # the user, the sector filter, one count of clusters, the page with its member counts
    with django_assert_num_queries(4):
        response = staff_client.get(url)

    [first, *_] = response.context["cl"].result_list
    assert (first.name, first.current_member_count) == ("Aaa counted", 3)
    assert response.context["cl"].full_result_count is None  # no second count of every cluster


def test_company_list_counts_no_further_than_its_cap_and_says_so(staff_client, monkeypatch):
    monkeypatch.setattr("core.pagination.CappedCountPaginator.count_cap", 2)
    monkeypatch.setattr(admin.site._registry[Company], "list_per_page", 2)
    for name in ["Alfa SIA", "Beta SIA", "Gamma SIA"]:
        MembershipFactory(company__name=name, cluster__lcn_member=True)

    listed = staff_client.get(admin_url(Company, "changelist"), {"lcn_member": "1"})
    searched = staff_client.get(admin_url(Company, "changelist"), {"q": "sia"})
    few = staff_client.get(admin_url(Company, "changelist"), {"q": "alfa"})

    assert listed.context["cl"].paginator.capped
    assert "more than 2 companies" in listed.text
    assert "Select all (more than 2) companies" in listed.text
    assert "3 companies" not in listed.text  # a count it did not make is never shown
    assert "more than 2 results" in searched.text
    assert not few.context["cl"].paginator.capped
    assert "1 result" in few.text and "more than" not in few.text


def test_company_autocomplete_pages_with_the_capped_count(staff_client, monkeypatch):
    monkeypatch.setattr("core.pagination.CappedCountPaginator.count_cap", 21)
    for n in range(25):
        CompanyFactory(name=f"Timber {n:02d} SIA")
    query = {"app_label": "clusters", "model_name": "membership", "field_name": "company", "term": "timber"}

    first = staff_client.get(reverse("admin:autocomplete"), query).json()
    last = staff_client.get(reverse("admin:autocomplete"), {**query, "page": 2}).json()

    assert (len(first["results"]), first["pagination"]) == (20, {"more": True})
    # the second page holds every row after the first twenty, not only the two counted
    assert [row["text"] for row in last["results"]] == [f"Timber {n} SIA" for n in range(20, 25)]

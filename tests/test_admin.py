"""Every admin page a member of staff uses daily renders, with data in it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    SectorFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label in {"clusters", "programmes"}]


@pytest.fixture
def some_data():
    membership = MembershipFactory()
    membership.cluster.sectors.add(SectorFactory())
    YearlyFiguresFactory(cluster=membership.cluster)
    ContactFactory(cluster=membership.cluster, first_name="<b>Anna</b>")
    NetworkFiguresFactory()
    IndicatorFactory()
    from clusters.models import Network, ReportingYear

    Network.objects.create(name="Latvian Cluster Network")
    ReportingYear.objects.create(year=2017, closed=True)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_change_and_history_render(staff_client, some_data, model):
    obj = model._default_manager.first()
    assert obj is not None
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url


def test_user_entered_markup_is_escaped_in_the_admin(staff_client, some_data):
    from clusters.models import Contact

    response = staff_client.get(admin_url(Contact, "changelist"))
    assert b"&lt;b&gt;Anna&lt;/b&gt;" in response.content
    assert b"<b>Anna</b>" not in response.content


def test_history_shows_who_changed_what(staff_client, staff_user):
    from clusters.models import Cluster

    response = staff_client.post(
        admin_url(Cluster, "add"),
        {
            "name": "Test cluster",
            "slug": "test-cluster",
            "is_active": "on",
            "figures-TOTAL_FORMS": "0",
            "figures-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    cluster = Cluster.objects.get(slug="test-cluster")
    record = cluster.history.get()
    assert record.history_user == staff_user
    history_page = staff_client.get(admin_url(Cluster, "history", cluster.pk))
    assert staff_user.username.encode() in history_page.content

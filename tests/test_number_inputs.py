"""No form a person fills shows ``<input type="number">``.

Chromium turns a typed ``45000000,75`` into 4500000075 (and ``1,5`` into 15) before the server sees it,
so a number input silently multiplies amounts by 100 or 10. Every registered admin's add and change
page (inlines included), every portal page with a form and the public filter forms are rendered here;
each must read its numbers as text (``core.number_fields``).
"""

import datetime
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from clusters.models import Network, ReportingYear
from people.models import PersonDataEvent
from reports.models import LanguagePreference, RoundReminder
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ConsentRecordFactory,
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    ReportingRoundFactory,
    SectorFactory,
    StaffFactory,
    UserFactory,
    YearlyFiguresFactory,
)

NUMBER_INPUT = re.compile(r"<input[^>]*\btype=[\"']?number\b[^>]*>", re.IGNORECASE)
PROJECT_APPS = {"clusters", "programmes", "people", "reports", "directory", "portal", "core"}


def number_inputs(html: str) -> list[str]:
    return NUMBER_INPUT.findall(html)


@pytest.fixture
def one_of_each(db):
    """A row of every model the project's admin edits, so that each change form can be opened."""
    cluster = ClusterFactory(slug="masoc")
    manager = UserFactory()
    cluster.managers.add(manager)
    YearlyFiguresFactory(cluster=cluster, year=2023, management_staff_fte="1.50")
    MembershipFactory(cluster=cluster, company=CompanyFactory())
    ContactFactory(cluster=cluster, is_public=True)
    ConsentRecordFactory(person__email="consent@example.lv")  # PersonFactory and ContactFactory count apart
    SectorFactory()
    NetworkFiguresFactory()
    ReportingYear.objects.create(year=2022)
    Network.objects.create(name="LCN", founded_on=datetime.date(2019, 7, 1), clusterization_since=2012)
    IndicatorFactory(target_value="20")
    round = ReportingRoundFactory()
    RoundReminder.objects.create(round=round, cluster=cluster, step=1, recipients=2)
    LanguagePreference.objects.create(user=manager, language="lv")
    PersonDataEvent.objects.create(action=PersonDataEvent.Action.choices[0][0], person_number=1)
    return {"cluster": cluster, "manager": manager}


@pytest.fixture
def superuser_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def _admin_pages():
    for model, model_admin in admin.site._registry.items():
        yield pytest.param(model, model_admin, id=model._meta.label)


@pytest.mark.parametrize(("model", "model_admin"), list(_admin_pages()))
@pytest.mark.parametrize("language", ["lv", "en"])
def test_no_admin_add_or_change_page_has_a_number_input(
    superuser_client, one_of_each, model, model_admin, language, settings
):
    from django.utils import translation

    with translation.override(language):
        info = (model._meta.app_label, model._meta.model_name)
        pages = [reverse("admin:{}_{}_add".format(*info))]
        obj = model._default_manager.first()
        if model._meta.app_label in PROJECT_APPS:
            assert obj is not None, f"the fixture has no {model.__name__}: its change form goes unchecked"
        if obj is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    opened = 0
    for url in pages:
        response = superuser_client.get(url)
        if response.status_code == 403:  # nobody adds this (jobs, logs): no form to fill
            continue
        assert response.status_code == 200, url
        opened += 1
        assert number_inputs(response.text) == [], url
    if model._meta.app_label in PROJECT_APPS and obj is not None:
        assert opened, "neither the add nor the change page of a project model could be opened"


def _portal_pages(cluster, manager_data) -> list[str]:
    slug = cluster.slug
    figures = cluster.figures.first()
    membership = cluster.memberships.first()
    contact = cluster.contacts.first()
    return [
        reverse("portal:index"),
        reverse("portal:cluster", args=[slug]),
        reverse("portal:profile", args=[slug]),
        reverse("portal:figures", args=[slug]),
        reverse("portal:figures-edit", args=[slug, figures.pk]),
        reverse("portal:members", args=[slug]),
        reverse("portal:member-add", args=[slug, CompanyFactory().pk]),
        reverse("portal:member-new", args=[slug]),
        reverse("portal:member-import", args=[slug]),
        reverse("portal:member-edit", args=[slug, membership.company_id]),
        reverse("portal:member-end", args=[slug, membership.pk]),
        reverse("portal:contacts", args=[slug]),
        reverse("portal:contact-edit", args=[slug, contact.pk]),
    ]


def test_the_portal_page_list_names_every_portal_page():
    """A new portal page joins the walk below (or the list of pages without a form) before it ships."""
    portal = {name for name in _portal_url_names() if name}
    walked = {
        "index", "cluster", "profile", "figures", "figures-edit", "members", "member-add", "member-new",
        "member-import", "member-edit", "member-end", "contacts", "contact-edit",
    }  # fmt: skip
    without_form_page = {"contact-delete"}  # POST only: a confirmation button, no numbers
    assert portal == walked | without_form_page


def _portal_url_names() -> set[str]:
    from portal import urls

    return {pattern.name for pattern in urls.urlpatterns}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_no_portal_page_has_a_number_input(client, one_of_each, language):
    from django.utils import translation

    client.force_login(one_of_each["manager"])
    with translation.override(language):
        pages = _portal_pages(one_of_each["cluster"], one_of_each)
    for url in pages:
        response = client.get(url, follow=True)  # the index leads a one-cluster manager to it
        assert response.status_code == 200, url
        assert number_inputs(response.text) == [], url


@pytest.mark.parametrize("language", ["lv", "en"])
def test_no_public_filter_form_has_a_number_input(client, one_of_each, language):
    from django.utils import translation

    with translation.override(language):
        pages = [reverse("clusters:cluster-list"), reverse("clusters:company-list")]
    for url in pages:
        response = client.get(url, {"ordering": "-turnover", "year": "2023"})
        assert response.status_code == 200, url
        assert number_inputs(response.text) == [], url


def test_the_check_finds_a_number_input():
    assert number_inputs('<p><input type="number" name="turnover_eur" step="1"></p>')
    assert number_inputs("<input name=x type=number>")
    assert not number_inputs('<input type="text" inputmode="numeric" name="turnover_eur">')


def _import_pages():
    for model, model_admin in admin.site._registry.items():
        if hasattr(model_admin, "import_form_class"):
            yield pytest.param(model, id=model._meta.label)


@pytest.mark.parametrize("model", list(_import_pages()))
def test_no_admin_import_page_has_a_number_input(superuser_client, model):
    # The figures' import asks for a year: typed as text, like every other number.
    response = superuser_client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import"))
    assert response.status_code == 200
    assert "<form" in response.text
    assert number_inputs(response.text) == []

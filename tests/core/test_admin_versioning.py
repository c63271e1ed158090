"""The admin refuses a save when the record (or an inline row) changed after the form was loaded."""

import pytest
from django.urls import reverse

from clusters.models import Cluster, Contact, Sector
from programmes.models import Indicator
from tests.factories import ClusterFactory, ContactFactory, IndicatorFactory, SectorFactory

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this record after you opened it"


def form_data(response) -> dict:
    """The POST a browser would send for the change form as loaded, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = "on" if value is True else str(value)
    return data


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_stale_cluster_save_is_refused_and_the_other_edit_kept(staff_client):
    cluster = ClusterFactory(city="Riga")
    data = form_data(staff_client.get(change_url(cluster)))
    # Meanwhile the cluster's manager saves a new city in the portal.
    fresh = Cluster.objects.get(pk=cluster.pk)
    fresh.city = "Valmiera"
    fresh.save()

    response = staff_client.post(change_url(cluster), {**data, "description": "Staff's new text"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.city == "Valmiera"
    assert cluster.description != "Staff's new text"


def test_a_fresh_cluster_save_goes_through(staff_client):
    cluster = ClusterFactory(city="Riga")
    data = form_data(staff_client.get(change_url(cluster)))

    response = staff_client.post(change_url(cluster), {**data, "city": "Cēsis"})

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.city == "Cēsis"


def test_a_stale_inline_row_is_refused(staff_client):
    cluster = ClusterFactory()
    contact = ContactFactory(cluster=cluster, position="Manager")
    data = form_data(staff_client.get(change_url(cluster)))
    Contact.objects.filter(pk=contact.pk).update(position="Director")  # a portal edit, say
    prefix = next(k for k, v in data.items() if v == str(contact.pk) and k.endswith("-id"))[: -len("-id")]

    response = staff_client.post(change_url(cluster), {**data, "city": "Cēsis"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    contact.refresh_from_db()
    assert contact.position == "Director"
    cluster.refresh_from_db()
    assert cluster.city != "Cēsis"  # nothing of the form is saved
    assert f"{prefix}-row_version" in data


def test_a_model_without_updated_at_is_guarded_too(staff_client):
    sector = SectorFactory(name="Wood")
    data = form_data(staff_client.get(change_url(sector)))
    Sector.objects.filter(pk=sector.pk).update(name="Timber")

    response = staff_client.post(change_url(sector), {**data, "name": "Forestry"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Sector.objects.get(pk=sector.pk).name == "Timber"


def test_a_stale_programmes_inline_row_is_refused(staff_client):
    indicator = IndicatorFactory(achieved_value=5)
    project = indicator.project
    data = form_data(staff_client.get(change_url(project)))
    Indicator.objects.filter(pk=indicator.pk).update(achieved_value=7)

    response = staff_client.post(change_url(project), data)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.achieved_value == 7

"""The admin refuses a save when the record (or an inline row) changed after the form was loaded."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from clusters.models import Cluster, Contact, Sector
from core.admin_versioning import VersionedAdminForm
from people.models import Person
from programmes.models import Indicator
from reports.models import LanguagePreference, ReportingRound
from tests.factories import (
    ClusterFactory,
    ContactFactory,
    IndicatorFactory,
    ReportingRoundFactory,
    SectorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this record after you opened it"
MISSING = "This form was sent without the version of the record"


def form_data(response) -> dict:
    """The POST a browser would send for the change form as loaded, unchanged: only the fields the
    page renders (a field the form has but the page leaves out is not sent)."""
    html = response.content.decode()
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False or f'name="{bound.html_name}"' not in html:
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


# A post without the version was not sent from a form the admin rendered: refused, nothing saved.


def test_a_cluster_save_without_the_version_is_refused(staff_client):
    cluster = ClusterFactory(city="Riga")
    data = form_data(staff_client.get(change_url(cluster)))
    del data["row_version"]

    response = staff_client.post(change_url(cluster), {**data, "city": "Cēsis"})

    assert response.status_code == 200
    assert MISSING in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.city == "Riga"


def test_an_inline_row_without_the_version_is_refused(staff_client):
    cluster = ClusterFactory(city="Riga")
    contact = ContactFactory(cluster=cluster, position="Manager")
    data = form_data(staff_client.get(change_url(cluster)))
    version_key = next(k for k in data if k.endswith("-row_version"))
    del data[version_key]
    position_key = version_key.replace("-row_version", "-position")

    response = staff_client.post(change_url(cluster), {**data, position_key: "Director", "city": "Cēsis"})

    assert response.status_code == 200
    assert MISSING in response.content.decode()
    contact.refresh_from_db()
    cluster.refresh_from_db()
    assert (contact.position, cluster.city) == ("Manager", "Riga")


def test_a_new_record_needs_no_version(staff_client):
    response = staff_client.post(
        reverse("admin:clusters_sector_add"),
        {"name_en": "Wood", "name_lv": "Koks", "slug": "wood", "kind": Sector.Kind.values[0]},
    )

    assert response.status_code == 302
    assert Sector.objects.filter(name_en="Wood").exists()


# The reports app's admin is guarded too: two loads, one save, the second refused.


def test_a_stale_reporting_round_save_is_refused(staff_client):
    round = ReportingRoundFactory()
    first = form_data(staff_client.get(change_url(round)))
    second = form_data(staff_client.get(change_url(round)))
    saved_deadline = round.deadline + datetime.timedelta(days=7)

    kept = staff_client.post(change_url(round), {**first, "deadline": saved_deadline.isoformat()})
    refused = staff_client.post(
        change_url(round), {**second, "deadline": (round.deadline + datetime.timedelta(days=14)).isoformat()}
    )

    assert kept.status_code == 302
    assert refused.status_code == 200
    assert STALE in refused.content.decode()
    round.refresh_from_db()
    assert round.deadline == saved_deadline


def test_a_reporting_round_save_without_the_version_is_refused(staff_client):
    round = ReportingRoundFactory()
    data = form_data(staff_client.get(change_url(round)))
    del data["row_version"]

    response = staff_client.post(
        change_url(round), {**data, "deadline": (round.deadline + datetime.timedelta(days=7)).isoformat()}
    )

    assert response.status_code == 200
    assert MISSING in response.content.decode()
    assert ReportingRound.objects.get(pk=round.pk).deadline == round.deadline


def test_a_stale_language_preference_save_is_refused(staff_client):
    preference = LanguagePreference.objects.create(user=UserFactory(), language="lv")
    first = form_data(staff_client.get(change_url(preference)))
    second = form_data(staff_client.get(change_url(preference)))

    kept = staff_client.post(change_url(preference), {**first, "language": "en"})
    refused = staff_client.post(change_url(preference), {**second, "language": "lv"})

    assert kept.status_code == 302
    assert refused.status_code == 200
    assert STALE in refused.content.decode()
    assert LanguagePreference.objects.get(pk=preference.pk).language == "en"


def _project_admins():
    project_apps = {"clusters", "programmes", "people", "reports", "directory", "portal", "core"}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in project_apps:
            yield model, model_admin


@pytest.mark.parametrize(
    ("model", "model_admin"), list(_project_admins()), ids=lambda v: getattr(v, "__name__", "")
)
def test_every_project_change_form_and_inline_carries_the_version_check(model, model_admin, rf, staff_user):
    """A new admin (or inline) of the project cannot skip the guard unnoticed."""
    request = rf.get("/")
    request.user = staff_user
    if not model_admin.has_change_permission(request):
        pytest.skip(f"{model.__name__} cannot be changed in the admin")
    obj = model()
    assert issubclass(model_admin.get_form(request, obj), VersionedAdminForm)
    for inline in model_admin.get_inline_instances(request, obj):
        if inline.has_change_permission(request, obj):  # read-only rows cannot be saved stale
            assert issubclass(inline.form, VersionedAdminForm), inline


def test_a_stale_person_save_is_refused_and_the_portal_edit_kept(staff_client):
    person = ContactFactory(position="Manager").person
    data = form_data(staff_client.get(change_url(person)))
    Person.objects.filter(pk=person.pk).update(last_name="Kalniņa")  # the manager's edit in the portal

    response = staff_client.post(change_url(person), {**data, "notes": "Met at the fair"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    person.refresh_from_db()
    assert (person.last_name, person.notes) == ("Kalniņa", "")


def test_reverting_a_cluster_to_an_earlier_version_from_its_history_goes_through(staff_client):
    cluster = ClusterFactory(city="Riga")
    cluster.city = "Valmiera"
    cluster.save()
    earlier = cluster.history.earliest()
    url = reverse("admin:clusters_cluster_simple_history", args=[cluster.pk, earlier.history_id])
    page = staff_client.get(url)

    response = staff_client.post(url, form_data(page))

    assert 'name="row_version"' in page.content.decode()
    assert response.status_code == 302
    assert Cluster.objects.get(pk=cluster.pk).city == "Riga"


def test_a_revert_is_refused_when_the_record_changed_after_the_history_page_was_opened(staff_client):
    cluster = ClusterFactory(city="Riga")
    cluster.city = "Valmiera"
    cluster.save()
    url = reverse(
        "admin:clusters_cluster_simple_history", args=[cluster.pk, cluster.history.earliest().history_id]
    )
    data = form_data(staff_client.get(url))
    Cluster.objects.filter(pk=cluster.pk).update(city="Cēsis")  # a portal edit meanwhile

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert Cluster.objects.get(pk=cluster.pk).city == "Cēsis"

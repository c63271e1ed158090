"""Who may open and post to which portal URL: every URL × role × method, and nothing changes when refused.

Decision on staff: the portal is for cluster managers; staff edit in the admin. A member of staff who
is not a manager of the cluster gets the same 404 as any other user who does not manage it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.services import version_of
from tests.factories import ClusterFactory, StaffFactory
from tests.portal.conftest import LAST_YEAR, ClusterWorld

pytestmark = pytest.mark.django_db

WATCHED_MODELS = [Cluster, Cluster.sectors.through, Company, Membership, Contact, YearlyFigures]


def db_state() -> dict:
    """Every row of what the portal may write, and how many history records each model has."""
    state = {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in WATCHED_MODELS
    }
    for model in WATCHED_MODELS:
        if hasattr(model, "history"):
            state[f"{model._meta.label} history"] = model.history.count()
    return state


@dataclass(frozen=True)
class PortalUrl:
    name: str
    kwargs: Callable[[ClusterWorld, Company], dict]
    post_data: Callable[[ClusterWorld, Company], dict] | None = None  # None: the URL is GET-only
    get_allowed: bool = True
    post_writes: bool = True  # False: a valid POST shows a next step (a preview) instead of saving

    def url(self, world: ClusterWorld, company: Company) -> str:
        return reverse(f"portal:{self.name}", kwargs=self.kwargs(world, company))


def slug(world, company):
    return {"slug": world.cluster.slug}


def contact_data(world, company):
    return {
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "position": "Manager",
        "role": Contact.Role.MANAGER,
        "email": "anna.berzina@example.lv",
        "phone": "+371 2000 0000",
        "is_public": "on",
        "consent_given_on": "2024-05-02",
        "version": version_of(world.contact),
    }


def member_list_file() -> SimpleUploadedFile:
    content = "Company,Registration number,Website\nNew Member SIA,LV 40003027416,www.tilde.lv\n"
    return SimpleUploadedFile("members.csv", content.encode(), content_type="text/csv")


def figures_data(world, company):
    # Plausible next to the cluster's approved 2017 figures, so that no warning asks for confirmation.
    return {
        "year": LAST_YEAR - 1,
        "members": 40,
        "turnover_eur": "120 000 000",
        "export_eur": "50 000 000",
        "version": "",
        "checked": "on",  # 40 members against the one listed: confirmed (warnings: test_plausibility)
    }


PORTAL_URLS = [
    PortalUrl("cluster", slug),
    PortalUrl(
        "profile",
        slug,
        lambda w, c: {
            "description_en": "Changed",
            "website": "https://it.example.lv/",
            "email": "info@it.example.lv",
            "phone": "",
            "city": "Rīga",
            "version": version_of(w.cluster),
        },
    ),
    PortalUrl("figures", slug, figures_data),
    PortalUrl(
        "figures-edit",
        lambda w, c: {"slug": w.cluster.slug, "pk": w.rejected.pk},
        lambda w, c: {**figures_data(w, c), "version": version_of(w.rejected)},
    ),
    PortalUrl("figures-edit", lambda w, c: {"slug": w.cluster.slug, "pk": w.approved.pk}, figures_data),
    PortalUrl("members", slug),
    PortalUrl(
        "member-add",
        lambda w, c: {"slug": w.cluster.slug, "company_pk": c.pk},
        lambda w, c: {"role": Membership.Role.MEMBER, "since": "2024-01-01"},
    ),
    PortalUrl(
        "member-new",
        slug,
        lambda w, c: {
            "company-name": "New Company SIA",
            "company-category": Company.Category.SME,
            "membership-role": Membership.Role.MEMBER,
        },
    ),
    PortalUrl(
        "member-end",
        lambda w, c: {"slug": w.cluster.slug, "pk": w.membership.pk},
        lambda w, c: {"until": "2024-06-30", "version": version_of(w.membership)},
    ),
    PortalUrl(
        "member-edit",
        lambda w, c: {"slug": w.cluster.slug, "company_pk": w.membership.company.pk},
        lambda w, c: {
            "website": "www.tilde.lv",
            "category": Company.Category.LARGE,
            "version": version_of(w.membership.company),
        },
    ),
    PortalUrl(
        "member-import",
        slug,
        lambda w, c: {"file": member_list_file()},
        post_writes=False,
    ),
    PortalUrl("contacts", slug, lambda w, c: {**contact_data(w, c), "version": ""}),
    PortalUrl("contact-edit", lambda w, c: {"slug": w.cluster.slug, "pk": w.contact.pk}, contact_data),
    PortalUrl(
        "contact-delete",
        lambda w, c: {"slug": w.cluster.slug, "pk": w.contact.pk},
        lambda w, c: {},
        get_allowed=False,
    ),
]
URL_IDS = [f"{spec.name}-{i}" for i, spec in enumerate(PORTAL_URLS)]
ROLES = ["anonymous", "manager", "other_manager", "staff"]


def log_in_as(client, role: str, ours: ClusterWorld, theirs: ClusterWorld) -> None:
    users = {"manager": ours.manager, "other_manager": theirs.manager, "staff": StaffFactory()}
    if role != "anonymous":
        client.force_login(users[role])


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("spec", PORTAL_URLS, ids=URL_IDS)
def test_portal_url_access(client, ours, theirs, free_company, spec, role, method):
    url = spec.url(ours, free_company)
    log_in_as(client, role, ours, theirs)
    allowed = {"get": spec.get_allowed, "post": spec.post_data is not None}.get(method, False)
    data = spec.post_data(ours, free_company) if method == "post" and allowed else {}
    before = db_state()

    response = getattr(client, method)(url, data)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role != "manager":
        # Another cluster's URL answers 404 whatever the method: the permission is checked first.
        assert response.status_code == 404
    elif not allowed:
        assert response.status_code == 405
    else:
        writes = method == "post" and spec.post_writes
        assert response.status_code == (302 if writes else 200)
    changed = role == "manager" and method == "post" and allowed and spec.post_writes
    assert (db_state() != before) is changed


@pytest.mark.parametrize("role", ROLES)
def test_portal_index_lists_only_the_users_own_clusters(client, ours, theirs, role):
    # Managers of several clusters: a manager of one is sent straight to it instead.
    ClusterFactory(name="Second Cluster").managers.add(ours.manager)
    ClusterFactory(name="Third Cluster").managers.add(theirs.manager)
    log_in_as(client, role, ours, theirs)

    response = client.get(reverse("portal:index"))
    posted = client.post(reverse("portal:index"))

    if role == "anonymous":
        assert (response.status_code, posted.status_code) == (302, 302)
        return
    assert posted.status_code == 405
    assert response.status_code == 200
    assert (ours.cluster.name in response.text) is (role == "manager")
    assert (theirs.cluster.name in response.text) is (role == "other_manager")


def test_a_manager_of_one_cluster_goes_straight_to_it(client, ours):
    client.force_login(ours.manager)

    response = client.get(reverse("portal:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:cluster", args=[ours.cluster.slug])


def test_staff_who_manage_no_cluster_get_a_link_to_the_admin(client):
    client.force_login(StaffFactory())

    response = client.get(reverse("portal:index"))

    assert response.status_code == 200
    assert f'href="{reverse("admin:index")}"' in response.text


def test_staff_who_also_manage_the_cluster_may_use_the_portal(client, ours):
    staff = StaffFactory()
    ours.cluster.managers.add(staff)
    client.force_login(staff)

    assert client.get(reverse("portal:profile", args=[ours.cluster.slug])).status_code == 200


def test_removing_a_manager_takes_effect_on_the_next_request(client, ours):
    client.force_login(ours.manager)
    url = reverse("portal:profile", args=[ours.cluster.slug])
    assert client.get(url).status_code == 200

    ours.cluster.managers.remove(ours.manager)

    assert client.get(url).status_code == 404


def test_a_deactivated_manager_is_refused(client, ours):
    client.force_login(ours.manager)
    ours.manager.is_active = False
    ours.manager.save()

    response = client.get(reverse("portal:cluster", args=[ours.cluster.slug]))

    assert response.status_code in {302, 404}


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize(
    ("name", "key", "row"),
    [
        ("figures-edit", "pk", lambda w: w.rejected),
        ("figures-edit", "pk", lambda w: w.approved),
        ("member-end", "pk", lambda w: w.membership),
        ("member-edit", "company_pk", lambda w: w.membership.company),
        ("contact-edit", "pk", lambda w: w.contact),
        ("contact-delete", "pk", lambda w: w.contact),
    ],
)
def test_ids_of_another_clusters_rows_answer_404_under_ones_own_cluster(
    client, ours, theirs, name, key, row, method
):
    """A manager of `theirs` puts a row id of `ours` into their own cluster's URL.

    404 whatever the method, also where the method itself is not allowed (GET of contact-delete,
    PUT and DELETE everywhere): a 405 would tell that the id exists.
    """
    client.force_login(theirs.manager)
    url = reverse(f"portal:{name}", kwargs={"slug": theirs.cluster.slug, key: row(ours).pk})
    before = db_state()

    data = {"until": "2024-06-30", "first_name": "X", "last_name": "Y", "website": "x.lv", "version": ""}
    response = getattr(client, method)(url, data)

    assert response.status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_a_company_id_that_does_not_exist_answers_404_on_member_add(client, ours, method):
    client.force_login(ours.manager)
    missing = Company.objects.order_by("-pk").values_list("pk", flat=True).first() + 1

    response = getattr(client, method)(reverse("portal:member-add", args=[ours.cluster.slug, missing]))

    assert response.status_code == 404


def test_forged_cluster_fields_cannot_attach_a_contact_to_another_cluster(client, ours, theirs):
    client.force_login(ours.manager)
    data = {
        **contact_data(ours, None),
        "version": "",
        "cluster": theirs.cluster.pk,
        "organisation": Contact.Organisation.COMPANY,
        "company": ours.membership.company.pk,
    }

    client.post(reverse("portal:contacts", args=[ours.cluster.slug]), data)

    contact = Contact.objects.get(person__email="anna.berzina@example.lv")
    assert (contact.cluster, contact.organisation, contact.company) == (
        ours.cluster,
        Contact.Organisation.CLUSTER,
        None,
    )


def test_forged_cluster_field_cannot_submit_figures_for_another_cluster(client, ours, theirs):
    client.force_login(ours.manager)

    client.post(
        reverse("portal:figures", args=[ours.cluster.slug]),
        {**figures_data(ours, None), "cluster": theirs.cluster.pk},
    )

    assert not theirs.cluster.figures.filter(year=LAST_YEAR - 1).exists()
    assert ours.cluster.figures.get(year=LAST_YEAR - 1).status == YearlyFigures.Status.SUBMITTED


def test_forged_cluster_field_cannot_add_a_member_to_another_cluster(client, ours, theirs, free_company):
    client.force_login(ours.manager)
    url = reverse("portal:member-add", args=[ours.cluster.slug, free_company.pk])

    client.post(url, {"role": Membership.Role.MEMBER, "cluster": theirs.cluster.pk, "company": 999})

    membership = Membership.objects.get(company=free_company)
    assert membership.cluster == ours.cluster

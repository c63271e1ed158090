"""A manager's member list: paged and searched, member details corrected, a member list imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.models import Company, Membership
from clusters.services import version_of
from tests.factories import CompanyFactory, MembershipFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, ours):
    client.force_login(ours.manager)
    return client


# Registration number and website rule --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [("LV 40003027416", "40003027416"), ("40003-027416", "40003027416"), (" 40003027416 ", "40003027416")],
)
def test_a_new_member_company_takes_the_registration_number_as_written_on_invoices(
    manager_client, ours, written, stored
):
    sector = SectorFactory(name="ICT")
    data = {
        "company-name": "Tilde SIA",
        "company-registration_number": written,
        "company-category": Company.Category.LARGE,
        "company-sector": sector.pk,
        "company-website": "www.tilde.lv",
        "membership-role": Membership.Role.MEMBER,
    }

    response = manager_client.post(reverse("portal:member-new", args=[ours.cluster.slug]), data)

    assert response.status_code == 302
    company = Company.objects.get(name="Tilde SIA")
    assert (company.registration_number, company.website, company.sector) == (
        stored,
        "https://www.tilde.lv",
        sector,
    )


def test_the_registration_number_input_does_not_cut_what_is_pasted(manager_client, ours):
    page = manager_client.get(reverse("portal:member-new", args=[ours.cluster.slug]))

    assert 'maxlength="11"' not in page.text
    assert 'type="url"' not in page.text


# Member list ---------------------------------------------------------------------------------------


def test_the_member_list_is_paged_and_searchable(manager_client, ours):
    for n in range(60):
        MembershipFactory(cluster=ours.cluster, company__name=f"Alpha {n:02d} SIA")
    url = reverse("portal:members", args=[ours.cluster.slug])

    first = manager_client.get(url)
    second = manager_client.get(url, {"page": 2})
    found = manager_client.get(url, {"search": "alpha 07"})
    by_number = manager_client.get(url, {"search": "LV " + ours.membership.company.registration_number})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 11
    assert [m.company.name for m in found.context["page"]] == ["Alpha 07 SIA"]
    assert list(by_number.context["page"]) == [ours.membership]


def test_the_member_search_ignores_accents_case_and_legal_form(manager_client, ours):
    MembershipFactory(cluster=ours.cluster, company__name='SIA "Ābeļziedi"')
    MembershipFactory(cluster=ours.cluster, company__name="Bērzi AS")
    MembershipFactory(company__name="Ābeļziedi Two SIA")  # another cluster's member
    url = reverse("portal:members", args=[ours.cluster.slug])

    found = manager_client.get(url, {"search": "abelziedi"})

    assert [m.company.name for m in found.context["page"]] == ['SIA "Ābeļziedi"']
    assert "memberships listed" not in found.text  # the count is of the whole list, not the matches


def test_the_member_list_goes_deep_by_cursor_in_latvian_order(
    manager_client, ours, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("portal.views.MEMBERS_PER_PAGE", 2)
    monkeypatch.setattr("core.pagination.NUMBERED_PAGES", 1)
    ours.membership.company.name = "Akmens SIA"
    ours.membership.company.save()
    for name in ["Čiekurs SIA", "Cukurs SIA", "Ķekava SIA", "Kalns SIA"]:
        MembershipFactory(cluster=ours.cluster, company__name=name)
    url = reverse("portal:members", args=[ours.cluster.slug])
    manager_client.get(url)  # the session, as a signed-in manager has it

    # user, cluster, the page of members, the count listed, the count of former members
    with django_assert_num_queries(5):
        first = manager_client.get(url)
    with django_assert_num_queries(5):
        second = manager_client.get(url, {"after": first.context["page"].next_cursor})
    third = manager_client.get(url, {"after": second.context["page"].next_cursor})

    pages = [[m.company.name for m in response.context["page"]] for response in (first, second, third)]
    assert pages == [["Akmens SIA", "Cukurs SIA"], ["Čiekurs SIA", "Kalns SIA"], ["Ķekava SIA"]]
    assert manager_client.get(url, {"page": 2}).status_code == 404


# Member details ------------------------------------------------------------------------------------


def details_data(company: Company, **changes) -> dict:
    data = {
        "website": company.website,
        "email": company.email,
        "phone": "",
        "city": company.city,
        "sector": "",
        "category": company.category,
        "description": company.description,
        "version": version_of(company),
    }
    return {**data, **changes}


def test_a_manager_corrects_a_member_companys_public_details(manager_client, ours):
    company = ours.membership.company
    sector = SectorFactory(name="Software")

    response = manager_client.post(
        reverse("portal:member-edit", args=[ours.cluster.slug, company.pk]),
        details_data(company, website="www.tilde.lv", sector=sector.pk, city="Ventspils"),
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.website, company.sector, company.city) == ("https://www.tilde.lv", sector, "Ventspils")
    assert company.history.first().history_change_reason == "portal"


def test_a_stale_form_does_not_overwrite_a_newer_change(manager_client, ours):
    company = ours.membership.company
    stale = details_data(company, city="Stale")
    Company.objects.filter(pk=company.pk).update(city="Newer")
    company.refresh_from_db()
    company.save()  # a later save: a newer version

    response = manager_client.post(reverse("portal:member-edit", args=[ours.cluster.slug, company.pk]), stale)

    assert response.status_code == 409
    assert Company.objects.get(pk=company.pk).city == "Newer"


@pytest.mark.parametrize("method", ["get", "post"])
def test_companies_that_are_not_current_members_answer_404(manager_client, ours, theirs, method):
    former = MembershipFactory(cluster=ours.cluster, until="2020-01-01").company
    for company in (theirs.membership.company, former, CompanyFactory()):
        before = list(Company.objects.values())
        url = reverse("portal:member-edit", args=[ours.cluster.slug, company.pk])

        response = getattr(manager_client, method)(url, details_data(company, city="Hacked"))

        assert response.status_code == 404
        assert list(Company.objects.values()) == before


# Member list import --------------------------------------------------------------------------------


def csv_file(*rows: str, header: str = "Company,Registration number,Website,City") -> SimpleUploadedFile:
    content = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("members.csv", content.encode(), content_type="text/csv")


def test_an_import_is_previewed_then_confirmed(manager_client, ours):
    url = reverse("portal:member-import", args=[ours.cluster.slug])
    rows = [f"Member {n} SIA,,www.member{n}.lv,Rīga" for n in range(40)]

    preview = manager_client.post(url, {"file": csv_file(*rows)})

    assert preview.status_code == 200
    assert "40 would be created" in preview.text
    assert not Company.objects.filter(name__startswith="Member ").exists()

    confirmed = manager_client.post(url, {"token": preview.context["token"]})

    assert confirmed.status_code == 302
    assert ours.cluster.memberships.current().filter(company__name__startswith="Member ").count() == 40
    assert Company.objects.get(name="Member 7 SIA").website.endswith("www.member7.lv")


def test_a_file_with_an_error_imports_nothing_and_names_the_row(manager_client, ours):
    url = reverse("portal:member-import", args=[ours.cluster.slug])
    before = Membership.objects.count()

    response = manager_client.post(url, {"file": csv_file("Good SIA,,,Rīga", "Bad SIA,12345,,Rīga")})

    assert response.status_code == 200
    assert any("Row 3" in error for error in response.context["errors"])
    assert Membership.objects.count() == before
    assert "token" not in response.context


def test_an_import_may_not_change_a_company_of_other_clusters(manager_client, ours, theirs):
    foreign = theirs.membership.company
    url = reverse("portal:member-import", args=[ours.cluster.slug])

    response = manager_client.post(
        url, {"file": csv_file(f"{foreign.name},{foreign.registration_number},https://hijack.example,Rīga")}
    )

    assert response.status_code == 200
    assert "already in the directory" in response.context["errors"][0]
    assert Company.objects.get(pk=foreign.pk).website == foreign.website


def test_a_preview_cannot_be_confirmed_for_another_cluster(client, ours, theirs):
    manager = ours.manager
    theirs.cluster.managers.add(manager)
    client.force_login(manager)
    preview = client.post(
        reverse("portal:member-import", args=[ours.cluster.slug]), {"file": csv_file("New SIA,,,Rīga")}
    )

    response = client.post(
        reverse("portal:member-import", args=[theirs.cluster.slug]), {"token": preview.context["token"]}
    )

    assert "expired" in response.context["errors"][0]
    assert not Company.objects.filter(name="New SIA").exists()


def test_every_portal_page_offers_to_change_the_password(manager_client, ours):
    page = manager_client.get(reverse("portal:cluster", args=[ours.cluster.slug]))

    assert f'href="{reverse("password_change")}"' in page.text

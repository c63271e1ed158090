"""The admin's Import: upload → preview of every change → confirm; permissions, CSRF, escaping."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from import_export.formats.base_formats import XLSX

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.resources import CompanyResource
from tests.clusters.spreadsheets import CONTACTS_HEADER, FIGURES_HEADER, MEMBERS_HEADER, csv_bytes, xlsx_bytes
from tests.factories import ClusterFactory, CompanyFactory, UserFactory, make_registration_number

IMPORT_URLS = [
    "admin:clusters_cluster_import",
    "admin:clusters_company_import",
    "admin:clusters_membership_import",
    "admin:clusters_contact_import",
]
FIGURES = [["Latvian Clusters in Numbers (2017)"], FIGURES_HEADER, ["Latvian IT Cluster,", "43", "101 030 068", "22 297 308", "", "www.itbaltic.com"]]  # fmt: skip


def upload(client, url_name: str, name: str, content: bytes, **options):
    data = {"file": SimpleUploadedFile(name, content), **options}
    return client.post(reverse(url_name), data)


@pytest.mark.parametrize("url_name", IMPORT_URLS)
def test_the_import_page_has_a_labelled_upload_form(staff_client, url_name):
    response = staff_client.get(reverse(url_name))

    assert response.status_code == 200
    assert b'<label for="id_file">' in response.content
    assert b'enctype="multipart/form-data"' in response.content


@pytest.mark.parametrize("url_name", IMPORT_URLS)
def test_the_import_page_needs_add_and_change_permissions(db, client, url_name):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)

    assert client.get(reverse(url_name)).status_code == 403
    assert upload(client, url_name, "f.csv", csv_bytes(FIGURES)).status_code == 403


@pytest.mark.parametrize("url_name", IMPORT_URLS)
def test_the_import_page_is_for_staff_only(client, db, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert "/login/" in response.url


def test_a_user_with_the_permissions_may_import_figures(db, client):
    user = UserFactory(is_staff=True)
    codenames = ["add_cluster", "change_cluster", "add_yearlyfigures", "change_yearlyfigures", "view_cluster"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)

    response = upload(client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))

    assert response.status_code == 200
    assert "Preview of figures.csv" in response.content.decode()


def test_the_change_list_links_to_the_import(staff_client):
    response = staff_client.get(reverse("admin:clusters_cluster_changelist"))

    assert reverse("admin:clusters_cluster_import").encode() in response.content
    assert reverse("admin:clusters_cluster_export").encode() in response.content


def test_figures_preview_then_confirm(staff_client):
    preview = upload(staff_client, "admin:clusters_cluster_import", "figures.xlsx", xlsx_bytes(FIGURES))

    page = preview.content.decode()
    assert "1 would be created" in page
    assert "Latvian IT Cluster" in page and "101 030 068" in page
    assert not Cluster.objects.exists()

    token = preview.context["confirm_form"]["token"].value()
    response = staff_client.post(reverse("admin:clusters_cluster_import"), {"token": token, "year": ""})

    assert response.status_code == 302
    figures = YearlyFigures.objects.get()
    assert (figures.cluster.name, figures.year, figures.turnover_eur) == (
        "Latvian IT Cluster",
        2017,
        101_030_068,
    )
    assert figures.history.get().history_user.email == "staff@example.lv"


def test_the_preview_shows_old_and_new_values(staff_client):
    upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))
    cluster = ClusterFactory(name="Latvian IT Cluster")
    cluster.figures.create(year=2017, members=40, turnover_eur=1, export_eur=1)

    preview = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))

    assert "40 → 43" in preview.content.decode()


def test_the_year_option_reaches_the_importer(staff_client):
    rows = [FIGURES_HEADER, FIGURES[2]]
    preview = upload(staff_client, "admin:clusters_cluster_import", "f.csv", csv_bytes(rows), year="2019")
    token = preview.context["confirm_form"]["token"].value()

    staff_client.post(reverse("admin:clusters_cluster_import"), {"token": token, "year": "2019"})

    assert YearlyFigures.objects.get().year == 2019


def test_errors_are_listed_by_row_with_the_cell_escaped(staff_client):
    rows = [*FIGURES, ["<script>alert(1)</script>", "<b>many</b>", "1", "1", "", ""]]

    response = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(rows))

    page = response.content.decode()
    assert "Nothing was imported from figures.csv: 1 problem." in page
    assert "<td>4</td>" in page and "Number of members" in page
    assert "&lt;b&gt;many&lt;/b&gt;" in page
    assert "<b>many</b>" not in page
    assert response.context.get("confirm_form") is None


def test_a_script_in_a_name_is_shown_escaped_in_the_preview(staff_client):
    rows = [FIGURES_HEADER, ["<script>alert(1)</script> Cluster", "1", "1", "1", "", ""]]

    response = upload(staff_client, "admin:clusters_cluster_import", "f.csv", csv_bytes(rows), year="2017")

    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Cluster" in page
    assert "<script>alert(1)</script>" not in page


def test_a_hostile_upload_is_refused_with_a_message(staff_client):
    response = upload(staff_client, "admin:clusters_cluster_import", "figures.xlsx", b"PK\x03\x04junk")

    assert response.status_code == 200
    assert "not an Excel .xlsx workbook" in response.content.decode()


def test_an_upload_over_the_size_limit_is_refused(staff_client, settings):
    settings.IMPORT_MAX_FILE_SIZE = 50

    response = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))

    assert "larger than" in response.content.decode()
    assert response.context.get("report") is None


def test_a_token_from_another_session_is_refused(staff_client, db):
    preview = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))
    token = preview.context["confirm_form"]["token"].value()
    other = Client()
    other.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = other.post(reverse("admin:clusters_cluster_import"), {"token": token})

    assert response.status_code == 302
    assert not Cluster.objects.exists()


def test_a_malformed_token_is_refused(staff_client):
    response = staff_client.post(reverse("admin:clusters_cluster_import"), {"token": "../../etc/passwd"})

    assert response.status_code == 200
    assert not Cluster.objects.exists()


def test_csrf_is_checked(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)

    response = upload(client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))

    assert response.status_code == 403


def test_members_import_from_the_company_admin_with_a_chosen_cluster(staff_client):
    cluster = ClusterFactory(name="Latvian IT Cluster")
    header = [column for column in MEMBERS_HEADER if column != "Cluster"]
    rows = [header, ["Tilde SIA", make_registration_number(1), "2015", "tilde.lv", "", "", "Rīga", "SME"]]
    preview = upload(
        staff_client, "admin:clusters_company_import", "m.csv", csv_bytes(rows), cluster=cluster.slug
    )
    token = preview.context["confirm_form"]["token"].value()

    response = staff_client.post(
        reverse("admin:clusters_company_import"), {"token": token, "cluster": cluster.slug}
    )

    assert response.status_code == 302
    assert Membership.objects.get().cluster == cluster
    assert Company.objects.get().website == "https://tilde.lv"


def test_contacts_import_from_the_contact_admin(staff_client):
    ClusterFactory(name="Latvian IT Cluster")
    rows = [CONTACTS_HEADER, ["Ilze", "Bērziņa", "Latvian IT Cluster", "", "ilze@it.lv", "", "yes"]]
    preview = upload(
        staff_client, "admin:clusters_contact_import", "c.csv", csv_bytes(rows, encoding="cp1257")
    )
    token = preview.context["confirm_form"]["token"].value()

    staff_client.post(reverse("admin:clusters_contact_import"), {"token": token})

    assert Contact.objects.get().last_name == "Bērziņa"


def test_a_long_preview_shows_the_first_rows_and_counts_all(staff_client, settings):
    rows = [FIGURES_HEADER, *([f"Cluster {n}", "1", "1", "1", "", ""] for n in range(510))]

    response = upload(staff_client, "admin:clusters_cluster_import", "f.csv", csv_bytes(rows), year="2017")

    page = response.content.decode()
    assert "510 would be created" in page
    assert "The first 500 of 510 changed rows are shown." in page
    assert "Cluster 498" in page and "Cluster 509" not in page


def test_a_preview_of_an_imported_file_says_nothing_would_change(staff_client):
    preview = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))
    token = preview.context["confirm_form"]["token"].value()
    staff_client.post(reverse("admin:clusters_cluster_import"), {"token": token})

    again = upload(staff_client, "admin:clusters_cluster_import", "figures.csv", csv_bytes(FIGURES))

    assert "1 unchanged" in again.content.decode()
    assert "Nothing would change" in again.content.decode()


def test_the_company_export_re_imports_through_the_company_import_unchanged(staff_client):
    CompanyFactory(name="Tilde SIA", category=Company.Category.LARGE)
    CompanyFactory(name="Ozols SIA", registration_number="")
    content = XLSX().export_data(CompanyResource().export())

    response = upload(staff_client, "admin:clusters_company_import", "companies.xlsx", content)

    page = response.content.decode()
    assert "0 would be created, 0 updated, 2 unchanged" in page
    assert "Nothing would change" in page and "Confirm import" not in page


def test_the_preview_lists_ignored_columns_and_the_sheet(staff_client):
    rows = [[*FIGURES_HEADER, "Remarks"], [*FIGURES[2], "checked"]]

    response = upload(staff_client, "admin:clusters_cluster_import", "f.xlsx", xlsx_bytes(rows), year="2017")

    page = response.content.decode()
    assert "Sheet read: “Sheet”." in page
    assert "Ignored columns: “Remarks” (G)." in page

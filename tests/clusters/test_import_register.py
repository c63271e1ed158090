"""The Register of Enterprises' open data (register.csv) read by import_members --cluster."""

import codecs
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clusters.models import Company, Membership
from imports.files import Spreadsheet
from tests.clusters.spreadsheets import write
from tests.factories import ClusterFactory, make_registration_number

HEADER = (
    "regcode;sepa;name;name_before_quotes;name_in_quotes;name_after_quotes;without_quotes;regtype;"
    "regtype_text;type;type_text;registered;terminated;closed;address;index;addressid;region;city;atvk;"
    "reregistration_term"
)


def register_line(regcode: str, name: str, *, terminated: str = "", closed: str = "") -> str:
    return (
        f"{regcode};LV00000000000;{name};SIA;Ozols;;Ozols;K;Komercreģistrs;SIA;"
        f"Sabiedrība ar ierobežotu atbildību;2001-05-14;{terminated};{closed};"
        f"Rīga, Brīvības iela 1, LV-1010;1010;100000001;0100000;0100000;0100000;"
    )


def register_csv(*lines: str) -> Spreadsheet:
    content = codecs.BOM_UTF8 + "\r\n".join([HEADER, *lines, ""]).encode("utf-8")
    return Spreadsheet("register.csv", content)


@pytest.fixture
def cluster(db):
    return ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_members", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_register_layout_imports_names_and_numbers_but_never_a_city_code(cluster, tmp_path):
    reg_a, reg_b = make_registration_number(11), make_registration_number(12)
    path = write(
        tmp_path, register_csv(register_line(reg_a, 'SIA ""Ozols""'), register_line(reg_b, "Tilde SIA"))
    )

    out = run(path, "--cluster", "latvian-it-cluster")

    ozols = Company.objects.get(registration_number=reg_a)
    assert (ozols.name, ozols.city) == ('SIA "Ozols"', "")
    assert Company.objects.get(registration_number=reg_b).name == "Tilde SIA"
    assert Membership.objects.filter(cluster=cluster).count() == 2
    assert "2 created, 0 updated, 0 unchanged." in out
    assert "Ignored columns:" in out and "“region”" in out


@pytest.mark.parametrize("flag", ["terminated", "closed"])
def test_a_company_the_register_shows_as_closed_is_refused(cluster, tmp_path, flag):
    closed = register_line(make_registration_number(13), "Slēgtā SIA", **{flag: "2019-01-01"})
    path = write(tmp_path, register_csv(register_line(make_registration_number(14), "Tilde SIA"), closed))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_members", str(path), "--cluster", "latvian-it-cluster", stdout=StringIO(), stderr=err
        )

    assert (
        f"Row 3, column “{flag}”: The Register of Enterprises shows this company as closed" in err.getvalue()
    )
    assert not Company.objects.exists()

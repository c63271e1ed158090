"""How fast the member import is, next to the floor and to django-import-export's row-by-row import.

    python bench/import_members.py [--companies 100000] [--clusters 1000] [--resource-rows 5000]

Runs in a scratch database (a temporary SQLite file, or the test database of DATABASE_URL), which it
removes afterwards. It generates one member spreadsheet (CSV) and times on it:

- this project's importer (``clusters.importers.import_members``): reading, checking every row, matching
  and writing companies and memberships with history;
- the floor: the same rows already parsed into field values, turned into model instances and written
  with ``bulk_create``, without history;
- django-import-export's default ``ModelResource``, row by row (companies, then memberships, with
  history). It is slow, so it runs on the first ``--resource-rows`` rows and its rate is extrapolated;
- django-import-export with ``use_bulk=True``: plain (on ``--resource-rows`` rows, as it still looks
  every row up one by one) and tuned as its documentation advises for bulk imports (``skip_diff``,
  instances loaded once per file, foreign keys looked up once per file instead of once per row; no
  history, as bulk saves send no signals);
- the same file in the Register of Enterprises' layout (register.csv), into one cluster;
- a preview (dry run) of ``--preview-rows`` rows into an empty directory and into one that already
  holds ``--existing`` other companies: the importer loads only the companies the file names.

Each measure runs ``--repeat`` times, taking turns with the others, with the garbage collector on and
DEBUG off as in production; the median and the spread (fastest to slowest) are reported, with the load
average before and after. ``--measures ours,floor`` runs only those.
"""

import argparse
import csv
import datetime
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lcn.settings")

HEADER = [
    "Company",
    "Registration number",
    "Cluster",
    "Member since",
    "Website",
    "Email",
    "Phone",
    "City",
    "Category",
]
CITIES = ["Rīga", "Daugavpils", "Liepāja", "Jelgava", "Jūrmala", "Ventspils", "Rēzekne", "Valmiera", "Cēsis"]
REGISTRATION_WEIGHTS = (9, 1, 4, 8, 3, 10, 2, 5, 7, 6)


def registration_number(n: int) -> str:
    """A valid, unique Latvian registration number for each n (check digit as in stdnum.lv.pvn)."""
    for tenth in range(10):
        body = f"40{n:07d}{tenth}"
        check = (3 - sum(w * int(d) for w, d in zip(REGISTRATION_WEIGHTS, body, strict=True))) % 11
        if check < 10:
            return body + str(check)
    raise AssertionError("unreachable")


def member_csv(companies: int, cluster_slugs: list[str], categories: list[str]) -> bytes:
    rng = random.Random(2017)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for n in range(companies):
        since = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        writer.writerow([
            f"Company {n} SIA", registration_number(n), cluster_slugs[n % len(cluster_slugs)],
            since.strftime("%d.%m.%Y"), f"www.company{n}.lv", f"Info@Company{n}.lv", f"+371 2{n:07d}",
            rng.choice(CITIES), rng.choice(categories),
        ])  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


@dataclass
class Runs:
    """The seconds of every run of one measure."""

    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def line(self, label: str, rows: int) -> str:
        """The report line: median, spread (fastest–slowest) and rows per second at the median."""
        spread = f"{min(self.seconds):.2f}–{max(self.seconds):.2f} s"
        return f"{label:<80} {self.median:6.2f} s {spread:>17} {rows / self.median:10.0f}"


def time_runs(repeat: int, measures: dict[str, tuple]) -> dict[str, Runs]:
    """Run each measure ``repeat`` times, each run from its own starting state (``prepare``, untimed).

    The measures take turns (a, b, c, a, b, c, ...) so that a burst of other load on the machine does
    not fall on one of them only. The garbage collector stays on, as in production, after a collection.
    """
    runs = {name: Runs() for name in measures}
    for _run in range(repeat):
        for name, (prepare, action) in measures.items():
            prepare()
            gc.collect()
            start = time.perf_counter()
            action()
            runs[name].seconds.append(time.perf_counter() - start)
    return runs


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes (other work shares the cores)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def empty_members() -> None:
    """Remove companies, memberships and their history in plain SQL (a model delete would record history)."""
    from django.db import connection

    from clusters.models import Company, Membership

    models = [Membership, Membership.history.model, Company, Company.history.model]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def existing_companies(count: int):
    """A directory already holding ``count`` companies that the file does not name."""
    from clusters.models import Company

    def prepare() -> None:
        empty_members()
        Company.objects.bulk_create(
            (
                Company(
                    name=f"Existing {n} AS",
                    slug=f"existing-{n}-as",
                    registration_number=registration_number(5_000_000 + n),
                )
                for n in range(count)
            ),
            batch_size=5000,
        )

    return prepare


def register_csv(companies: int) -> bytes:
    """The member list in the layout of the Register of Enterprises' open data (register.csv)."""
    header = (
        "regcode;sepa;name;name_before_quotes;name_in_quotes;name_after_quotes;without_quotes;regtype;"
        "regtype_text;type;type_text;registered;terminated;closed;address;index;addressid;region;city;atvk;"
        "reregistration_term"
    )
    lines = [header]
    for n in range(companies):
        lines.append(
            f'{registration_number(n)};LV{n:011d};SIA ""Company {n}"";SIA;Company {n};;Company {n};K;'
            f"Komercreģistrs;SIA;Sabiedrība ar ierobežotu atbildību;2001-05-14;;;Rīga, Iela {n}, LV-1010;"
            f"1010;{100_000_000 + n};0100000;0100000;0100000;"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def floor_rows(content: bytes) -> list[tuple[dict, dict]]:
    """The file's rows already parsed into field values (company, membership), without any checks."""
    from clusters.models import Cluster, Company

    clusters = {cluster.slug: cluster for cluster in Cluster.objects.all()}
    categories = {str(label).lower(): value for value, label in Company.Category.choices}
    rows = []
    for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig"))):
        company = {
            "name": row["Company"], "slug": row["Company"].lower().replace(" ", "-"),
            "registration_number": row["Registration number"], "website": "http://" + row["Website"],
            "email": row["Email"].lower(), "phone": row["Phone"].replace(" ", ""), "city": row["City"],
            "category": categories[row["Category"].lower()],
        }  # fmt: skip
        since = datetime.datetime.strptime(row["Member since"], "%d.%m.%Y").date()
        rows.append((company, {"cluster": clusters[row["Cluster"]], "since": since}))
    return rows


def floor_write(content: bytes):
    """bulk_create of the parsed rows' companies and memberships, no history: the least any import does."""
    from clusters.models import Company, Membership

    parsed: list[tuple[dict, dict]] = []

    def prepare() -> None:
        empty_members()
        parsed[:] = floor_rows(content)

    def write() -> None:
        companies = [Company(**company) for company, _membership in parsed]
        Company.objects.bulk_create(companies, batch_size=2000)
        memberships = [
            Membership(company=company, **membership)
            for company, (_values, membership) in zip(companies, parsed, strict=True)
        ]
        Membership.objects.bulk_create(memberships, batch_size=2000)

    return prepare, write


def member_resources(*, bulk: bool = False, tuned: bool = False) -> tuple[type, type]:
    """django-import-export ModelResources for the member file: companies, then memberships.

    Only what the models require is added: column names, a slug for new companies, and how a membership
    finds its company and cluster. ``bulk``: ``use_bulk``. ``tuned`` adds what django-import-export's
    documentation advises for bulk imports: ``skip_diff``, instances loaded once per file (companies by
    their one key; memberships by company and cluster, which ``CachedInstanceLoader`` cannot do as it
    keys on the first of several id fields only) and foreign keys looked up once per file, as the
    default ``ForeignKeyWidget`` runs one query per row.
    """
    from django.utils.text import slugify
    from import_export import fields, instance_loaders, resources, widgets

    from clusters.models import Cluster, Company, Membership

    options: dict = {"use_bulk": True, "batch_size": 2000} if bulk else {}
    if tuned:
        options["skip_diff"] = True

    class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
        """Every instance loaded by its lookup field on first use, then found without a query."""

        def clean(self, value, row=None, **kwargs):
            if not hasattr(self, "cache"):
                self.cache = {getattr(obj, self.field): obj for obj in self.model.objects.all()}
            return self.cache[value] if value else None

    class MembershipLoader(instance_loaders.BaseInstanceLoader):
        """The memberships of the file's companies, loaded once, found by registration number and cluster."""

        def __init__(self, resource, dataset=None):
            super().__init__(resource, dataset)
            numbers = sorted(set(dataset["Registration number"]))
            self.memberships = {}
            for start in range(0, len(numbers), 2000):
                found = Membership.objects.filter(
                    company__registration_number__in=numbers[start : start + 2000]
                ).select_related("company", "cluster")
                for membership in found:
                    key = (membership.company.registration_number, membership.cluster.slug)
                    self.memberships[key] = membership

        def get_instance(self, row):
            return self.memberships.get((row["Registration number"], row["Cluster"]))

    foreign_key = CachedForeignKeyWidget if tuned else widgets.ForeignKeyWidget

    class MemberCompanyResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="Company")
        registration_number = fields.Field(attribute="registration_number", column_name="Registration number")
        website = fields.Field(attribute="website", column_name="Website")
        email = fields.Field(attribute="email", column_name="Email")
        phone = fields.Field(attribute="phone", column_name="Phone")
        city = fields.Field(attribute="city", column_name="City")

        class Meta:
            model = Company
            import_id_fields = ["registration_number"]
            fields = ["name", "registration_number", "website", "email", "phone", "city"]
            if tuned:
                instance_loader_class = instance_loaders.CachedInstanceLoader
            locals().update(options)

        def before_save_instance(self, instance, row, **kwargs):
            instance.slug = slugify(instance.name)

    class MembershipRowResource(resources.ModelResource):
        company = fields.Field(
            attribute="company",
            column_name="Registration number",
            widget=foreign_key(Company, "registration_number"),
        )
        cluster = fields.Field(
            attribute="cluster", column_name="Cluster", widget=foreign_key(Cluster, "slug")
        )
        since = fields.Field(
            attribute="since", column_name="Member since", widget=widgets.DateWidget("%d.%m.%Y")
        )

        class Meta:
            model = Membership
            import_id_fields = ["company", "cluster"]
            fields = ["company", "cluster", "since"]
            if tuned:
                instance_loader_class = MembershipLoader
            locals().update(options)

    return MemberCompanyResource, MembershipRowResource


def resource_import(content: bytes, rows: int, *, bulk: bool = False, tuned: bool = False):
    """Import the file's first ``rows`` rows with django-import-export (see ``member_resources``)."""
    import tablib

    lines = content.decode("utf-8-sig").splitlines()
    dataset = tablib.Dataset().load("\n".join(lines[: rows + 1]), format="csv")

    def run() -> None:
        for resource_class in member_resources(bulk=bulk, tuned=tuned):
            result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
            assert not result.has_errors() and not result.has_validation_errors()

    return run


MEASURES = (
    "ours",
    "again",
    "register",
    "floor",
    "resource",
    "bulk",
    "bulk tuned",
    "preview empty",
    "preview full",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--clusters", type=int, default=1_000)
    parser.add_argument(
        "--resource-rows",
        type=int,
        default=5_000,
        help="rows timed for django-import-export row by row and plain use_bulk",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measure")
    parser.add_argument("--preview-rows", type=int, default=10_000, help="rows of the preview measure")
    parser.add_argument("--existing", type=int, default=100_000, help="companies already in the directory")
    parser.add_argument(
        "--measures",
        default=",".join(MEASURES),
        help=f"comma-separated, of: {', '.join(MEASURES)}",
    )
    options = parser.parse_args()
    options.measures = [name.strip() for name in options.measures.split(",")]
    if unknown := set(options.measures) - set(MEASURES):
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")

    # 100 000 members make a 13 MB file, 400 000 a 53 MB one: above the upload limit meant for staff.
    os.environ.setdefault("IMPORT_MAX_FILE_SIZE", str(1024 * 1024 * 1024))
    scratch = tempfile.TemporaryDirectory()
    if not os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch.name}/bench.sqlite3"
        os.environ["TEST_DATABASE_NAME"] = f"{scratch.name}/test-bench.sqlite3"
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    settings.DEBUG = False  # as in production: no query log, no SQL formatted for it
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        run(options, connection.vendor)
    finally:
        teardown_databases(old_config, verbosity=0)
        scratch.cleanup()


def imported_once(spreadsheet, rows: int):
    """The starting state of the re-import: the file imported (done here unless the last run did it)."""
    from clusters.importers import import_members
    from clusters.models import Company, Membership

    def prepare() -> None:
        if Company.objects.count() != rows or Membership.objects.count() != rows:
            empty_members()
            import_members(spreadsheet)

    return prepare


def check_unchanged(report, rows: int) -> None:
    """The re-import follows a full import: every row must be found unchanged."""
    assert report.unchanged == rows, f"{report.unchanged} of {rows} rows unchanged"


def run(options: argparse.Namespace, vendor: str) -> None:
    from clusters.importers import Spreadsheet, import_members
    from clusters.models import Cluster, Company

    Cluster.objects.bulk_create(
        Cluster(name=f"Cluster {n}", slug=f"cluster-{n}") for n in range(options.clusters)
    )
    slugs = [f"cluster-{n}" for n in range(options.clusters)]
    content = member_csv(options.companies, slugs, [str(label) for _value, label in Company.Category.choices])
    rows = options.companies
    print(f"{rows} companies across {options.clusters} clusters, {len(content) / 1e6:.1f} MB CSV, {vendor}")

    spreadsheet = Spreadsheet("members.csv", content)
    register = Spreadsheet("register.csv", register_csv(rows))
    preview_rows = min(options.preview_rows, rows)
    preview = Spreadsheet("preview.csv", b"\r\n".join(content.splitlines()[: preview_rows + 1]))
    resource_rows = min(options.resource_rows, rows)
    measures = {
        "ours": (empty_members, lambda: import_members(spreadsheet)),
        "again": (
            imported_once(spreadsheet, rows),
            lambda: check_unchanged(import_members(spreadsheet), rows),
        ),
        "register": (empty_members, lambda: import_members(register, cluster="cluster-0")),
        "floor": floor_write(content),
        "resource": (empty_members, resource_import(content, resource_rows)),
        "bulk": (empty_members, resource_import(content, resource_rows, bulk=True)),
        "bulk tuned": (empty_members, resource_import(content, rows, bulk=True, tuned=True)),
        "preview empty": (empty_members, lambda: import_members(preview, dry_run=True)),
        "preview full": (existing_companies(options.existing), lambda: import_members(preview, dry_run=True)),
    }
    print(f"load average before: {load_average()}")
    times = time_runs(options.repeat, {name: measures[name] for name in options.measures})
    print(f"load average after: {load_average()}")
    labels = {
        "ours": ("this importer (parse, check, write with history)", rows),
        "again": ("this importer, re-import of the same file (all unchanged)", rows),
        "register": ("this importer, the Register's layout (register.csv)", rows),
        "floor": ("floor: bulk_create of the parsed rows, no history", rows),
        "resource": (f"django-import-export ModelResource, row by row ({resource_rows} rows)", resource_rows),
        "bulk": (f"django-import-export use_bulk, plain ({resource_rows} rows)", resource_rows),
        "bulk tuned": ("django-import-export use_bulk, tuned (loads once per file), no history", rows),
        "preview empty": (f"preview of {preview_rows} rows, empty directory", preview_rows),
        "preview full": (
            f"preview of {preview_rows} rows, {options.existing} companies already there",
            preview_rows,
        ),
    }
    print(f"{'measure':<80} {'median':>8} {'spread':>17} {'rows/s':>10}")
    for name, runs in times.items():
        print(runs.line(*labels[name]))
    compare(times, rows=rows, resource_rows=resource_rows, existing=options.existing)


def compare(times: dict[str, Runs], *, rows: int, resource_rows: int, existing: int) -> None:
    """The ratios the targets are about, for the measures that ran."""
    median = {name: runs.median for name, runs in times.items()}
    if {"ours", "floor"} <= median.keys():
        print(
            f"this importer takes {median['ours'] / median['floor']:.2f}x the floor's time (target: at most 3x)"
        )
    if {"register", "floor"} <= median.keys():
        print(f"the Register's layout takes {median['register'] / median['floor']:.2f}x the floor's time")
    if {"bulk tuned", "floor"} <= median.keys():
        print(f"tuned use_bulk takes {median['bulk tuned'] / median['floor']:.2f}x the floor's time")
    if {"ours", "resource"} <= median.keys():
        speedup = (rows / median["ours"]) / (resource_rows / median["resource"])
        print(f"this importer is {speedup:.1f}x faster than the default resource (target: at least 5x)")
    if {"preview empty", "preview full"} <= median.keys():
        slowdown = median["preview full"] / median["preview empty"]
        print(
            f"a preview among {existing} companies takes {slowdown:.2f}x the time of one into an empty directory"
        )


if __name__ == "__main__":
    main()

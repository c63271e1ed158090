"""Median time of each public page at 1 000 and at 100 000 companies on PostgreSQL, and their ratio.

    createdb -h 127.0.0.1 -U postgres lcn_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lcn_bench .venv/bin/python bench/pages.py

The large directory goes into the database of DATABASE_URL, the small one into a sibling database
named <name>_small (created when missing); both are filled with demo data (demo/generate.py), which
the benchmark deletes again at the end unless --keep is given. Pages are requested in-process through
Django's test client (whole middleware and template stack, no network); admin pages as a member of
staff, portal pages as a manager of the largest cluster (both accounts made for the run and deleted
after it). The two sizes are measured in alternating rounds, so that other load on the machine weighs
on both alike.

A page whose ratio exceeds --max-ratio is marked; the exit status is 1 when a page of the budget does.
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lcn.settings")
# The demo app (generate_demo) is installed only for benchmarks and tests.
os.environ.setdefault("LCN_DEMO", "1")
# Persistent connections, as in production: otherwise every request pays for a new connection.
os.environ.setdefault("CONN_MAX_AGE", "600")
# The public page cache off: with it, every public page after the first request is a cache hit and the
# benchmark would time the cache, not the page.
os.environ.setdefault("PUBLIC_PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clusters.models import Cluster, Company  # noqa: E402
from clusters.names import SortName  # noqa: E402
from core.pagination import encode_cursor  # noqa: E402
from demo import generate as demo  # noqa: E402

# The largest demo cluster (Zipf-sized): its member list is a full page at both sizes.
LARGEST = "demo-cluster-0001"


def company_500_search() -> str:
    """A search for one company by its name, as a visitor looking for a partner types it."""
    return "/companies/?" + urlencode({"q": Company.objects.get(slug="demo-company-000500").name})


def company_500_name() -> str:
    return Company.objects.get(slug="demo-company-000500").name


def company_list_deep() -> str:
    """The company list after the company that sorts at 95 % of the directory: a deep page, reached by
    cursor as the Next links reach it."""
    companies = Company.objects.annotate(key=SortName("name")).order_by("key", "pk")
    row = companies.values_list("key", "pk")[int(companies.count() * 0.95)]
    return "/companies/?" + urlencode({"after": encode_cursor(list(row))})


def largest_member_name() -> str:
    """The name of a member of the largest cluster, as its manager types it to find that member."""
    return Cluster.objects.get(slug=LARGEST).memberships.current().order_by("pk").first().company.name


def largest_pk() -> int:
    return Cluster.objects.get(slug=LARGEST).pk


STAFF_USER, MANAGER_USER = "bench-staff@example.invalid", "bench-manager@example.invalid"


# (label, path or a function giving it, counts towards the ratio budget). Searches for common words
# find a hundred times more matches in a hundred times more companies, and the company dump reads every
# row: they are measured and shown but kept out of the budget.
PAGES: list[tuple[str, str | Callable[[], str], bool]] = [
    ("home", "/", True),
    ("cluster list", "/clusters/", True),
    ("cluster list, by turnover", "/clusters/?ordering=-turnover", True),
    ("cluster list, sector + member", "/clusters/?sector=demo-01&lcn_member=1", True),
    ("cluster list, page 10", "/clusters/?page=10", True),
    ("cluster profile", f"/clusters/{LARGEST}/", True),
    ("company list", "/companies/", True),
    ("company list, page 20", "/companies/?page=20", True),
    ("company list, deep page (cursor)", company_list_deep, True),
    ("company list, sector", "/companies/?sector=demo-03", True),
    ("company list, cluster", f"/companies/?cluster={LARGEST}", True),
    ("company list, category", "/companies/?category=university", True),
    ("company search, one company", company_500_search, True),
    ("company profile", "/companies/demo-company-000500/", True),
    ("programmes", "/programmes/", True),
    ("statistics", "/statistics/", True),
    ("open data page", "/open-data/", True),
    ("clusters.json", "/open-data/clusters.json", True),
    ("sitemap index", "/sitemap.xml", True),
    ("cluster search, common words", "/clusters/?q=amber+laser", False),
    ("company search, common words", "/companies/?q=baltic+laser", False),
    ("companies.csv (whole directory)", "/open-data/companies.csv", False),
]
# (label, path or function, in the budget, who asks): staff in the admin, the largest cluster's manager.
# "Kurzeme Trav" (the start of a demo name) is common words: it matches no member of the largest cluster
# at 1 000 companies and fifty at 100 000, in 850 matching companies; it is shown, outside the budget.
SIGNED_IN_PAGES: list[tuple[str, str | Callable[[], str], bool, str]] = [
    ("admin company list", "/admin/clusters/company/", True, "staff"),
    (
        "admin company search",
        lambda: "/admin/clusters/company/?" + urlencode({"q": company_500_name()}),
        True,
        "staff",
    ),
    (
        "admin company list, cluster",
        lambda: f"/admin/clusters/company/?cluster={largest_pk()}",
        True,
        "staff",
    ),
    (
        "admin company list, lcn_member",
        "/admin/clusters/company/?lcn_member=1",
        True,
        "staff",
    ),
    (
        "admin company autocomplete",
        lambda: (
            "/admin/autocomplete/?"
            + urlencode(
                {
                    "app_label": "clusters",
                    "model_name": "membership",
                    "field_name": "company",
                    "term": company_500_name(),
                }
            )
        ),
        True,
        "staff",
    ),
    ("admin membership list", "/admin/clusters/membership/", True, "staff"),
    (
        "admin membership list, cluster",
        lambda: f"/admin/clusters/membership/?cluster={largest_pk()}",
        True,
        "staff",
    ),
    (
        "admin cluster page (largest)",
        lambda: f"/admin/clusters/cluster/{largest_pk()}/change/",
        True,
        "staff",
    ),
    ("admin cluster list", "/admin/clusters/cluster/", True, "staff"),
    ("admin yearly figures list", "/admin/clusters/yearlyfigures/", True, "staff"),
    ("portal members (largest)", f"/portal/{LARGEST}/members/", True, "manager"),
    ("portal members, page 3", f"/portal/{LARGEST}/members/?page=3", True, "manager"),
    (
        "portal members, search one member",
        lambda: f"/portal/{LARGEST}/members/?" + urlencode({"search": largest_member_name()}),
        True,
        "manager",
    ),
    (
        "portal members, search common words",
        lambda: f"/portal/{LARGEST}/members/?" + urlencode({"search": company_500_name()[:12]}),
        False,
        "manager",
    ),
    ("portal overview (largest)", f"/portal/{LARGEST}/", True, "manager"),
]
ALL_PAGES = [(label, page, budget, "public") for label, page, budget in PAGES] + SIGNED_IN_PAGES


def use_database(name: str) -> None:
    """Point the default connection at another database; the next query reconnects."""
    connection.close()
    connection.settings_dict["NAME"] = name


def create_database_if_missing(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def fill(database: str, clusters: int, companies: int) -> None:
    use_database(database)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    size = demo.demo_generate(clusters=clusters, companies=companies)
    with connection.cursor() as cursor:
        # As autovacuum leaves a production database: statistics fresh, visibility map and the
        # trigram indexes' pending entries merged.
        cursor.execute("VACUUM ANALYZE")
    print(
        f"{database}: {size.clusters} clusters, {size.companies} companies, {size.memberships} memberships "
        f"generated in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def signed_in_clients() -> dict[str, Client]:
    """A client per kind of visitor, logged in on the current database (the session lives there)."""
    users = get_user_model()._default_manager
    staff, _ = users.get_or_create(username=STAFF_USER, defaults={"is_staff": True, "is_superuser": True})
    manager, _ = users.get_or_create(username=MANAGER_USER)
    Cluster.objects.get(slug=LARGEST).managers.add(manager)
    clients = {"public": Client(SERVER_NAME="localhost")}
    for who, user in {"staff": staff, "manager": manager}.items():
        clients[who] = Client(SERVER_NAME="localhost")
        clients[who].force_login(user)
    return clients


def delete_bench_users() -> None:
    get_user_model()._default_manager.filter(username__in=[STAFF_USER, MANAGER_USER]).delete()


def timed_get(client: Client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed * 1000


def measure(databases: dict[int, str], rounds: int, repeat: int) -> dict[int, dict[str, list[float]]]:
    """Per size and page, the times of rounds x repeat requests, the sizes taking turns each round."""
    clients = {}
    for size, database in databases.items():
        use_database(database)
        clients[size] = signed_in_clients()
    timings: dict[int, dict[str, list[float]]] = {size: defaultdict(list) for size in databases}
    for _round in range(rounds):
        for size, database in databases.items():
            use_database(database)
            for label, page, budget, who in ALL_PAGES:
                client = clients[size][who]
                path = page() if callable(page) else page
                if not budget:  # the full dump takes seconds: one request a round, no warm-up
                    timings[size][label].append(timed_get(client, path))
                    continue
                timed_get(client, path)  # warms the connection and caches after the switch
                timings[size][label] += [timed_get(client, path) for _ in range(repeat)]
    return timings


def count_queries(databases: dict[int, str]) -> dict[int, dict[str, int]]:
    """Per size and page, how many queries one request runs (streamed files: until the last byte)."""
    counts: dict[int, dict[str, int]] = {}
    for size, database in databases.items():
        use_database(database)
        clients, counts[size] = signed_in_clients(), {}
        for label, page, _budget, who in ALL_PAGES:
            path = page() if callable(page) else page
            with CaptureQueriesContext(connection) as queries:
                response = clients[who].get(path)
                if response.streaming:
                    b"".join(response.streaming_content)
            counts[size][label] = len(queries)
    return counts


def report(
    timings: dict[int, dict[str, list[float]]], counts: dict[int, dict[str, int]], max_ratio: float
) -> list[str]:
    small, large = sorted(timings)
    print(f"\n{'page':<36} {small:>9,} {large:>9,}   ratio   queries  (median ms)")
    over_budget = []
    for label, _path, budget, _who in ALL_PAGES:
        before, after = statistics.median(timings[small][label]), statistics.median(timings[large][label])
        ratio = after / before
        flag = ""
        if ratio > max_ratio:
            flag = "  OVER" if budget else "  (outside the budget)"
            if budget:
                over_budget.append(label)
        queries = f"{counts[small][label]}/{counts[large][label]}"
        print(f"{label:<36} {before:>7.1f}ms {after:>7.1f}ms {ratio:>6.2f}   {queries:>7}{flag}")
    return over_budget


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--small", type=int, default=1000, help="companies in the small directory")
    parser.add_argument("--large", type=int, default=100_000, help="companies in the large directory")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5, help="requests per page and round")
    parser.add_argument("--max-ratio", type=float, default=1.5)
    parser.add_argument("--keep", action="store_true", help="leave the demo data in both databases")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ or connection.vendor != "postgresql":
        parser.error("set DATABASE_URL to a scratch PostgreSQL database, e.g. postgres://...:5432/lcn_bench")
    settings.DEBUG = False  # no query log: it would cost time and memory in every request
    large_db = connection.settings_dict["NAME"]
    databases = {args.small: f"{large_db}_small", args.large: large_db}
    create_database_if_missing(databases[args.small])
    for size, database in databases.items():
        fill(database, args.clusters, size)
    timings = measure(databases, args.rounds, args.repeat)
    counts = count_queries(databases)
    for database in databases.values():
        use_database(database)
        delete_bench_users()
        if not args.keep:
            demo.demo_delete()
    over_budget = report(timings, counts, args.max_ratio)
    print(
        f"\n{args.rounds} rounds x {args.repeat} requests per page and size; budget: ratio <= {args.max_ratio}"
    )
    if over_budget:
        print("over budget: " + ", ".join(over_budget))
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())

"""Median time of each public page at a small and a large directory, and their ratio.

Run it against a scratch PostgreSQL database, which it fills with demo data (see clusters/demo.py):

    createdb -h 127.0.0.1 -U postgres lcn_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lcn_bench .venv/bin/python bench/pages.py

Pages are requested in-process through Django's test client (the whole middleware and template stack,
no network), a few times to warm up and then --repeat times each. A ratio above --max-ratio is marked,
and the exit status is 1 when any page of the budget exceeds it.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lcn.settings")
# Persistent connections, as in production: otherwise every request pays for a new connection.
os.environ.setdefault("CONN_MAX_AGE", "600")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from clusters import demo  # noqa: E402
from clusters.models import Cluster, Company  # noqa: E402

# (label, path builder, counts towards the ratio budget). Full-text searches and the full company dump
# read every row by nature; they are measured and shown but kept out of the budget.
PAGES: list[tuple[str, Callable[[], str], bool]] = [
    ("home", lambda: "/", True),
    ("cluster list", lambda: "/clusters/", True),
    ("cluster list, by turnover", lambda: "/clusters/?ordering=-turnover", True),
    ("cluster list, sector + member", lambda: "/clusters/?sector=demo-01&lcn_member=1", True),
    ("cluster list, page 10", lambda: "/clusters/?page=10", True),
    (
        "cluster profile",
        lambda: Cluster.objects.order_by("pk")[500 % Cluster.objects.count()].get_absolute_url(),
        True,
    ),
    ("company list", lambda: "/companies/", True),
    ("company list, page 20", lambda: "/companies/?page=20", True),
    ("company list, sector", lambda: "/companies/?sector=demo-03", True),
    ("company list, cluster", lambda: f"/companies/?cluster={Cluster.objects.order_by('pk')[7].slug}", True),
    ("company list, category", lambda: "/companies/?category=university", True),
    (
        "company profile",
        lambda: Company.objects.order_by("pk")[Company.objects.count() // 2].get_absolute_url(),
        True,
    ),
    ("programmes", lambda: "/programmes/", True),
    ("statistics", lambda: "/statistics/", True),
    ("open data page", lambda: "/open-data/", True),
    ("clusters.json", lambda: "/open-data/clusters.json", True),
    ("sitemap index", lambda: "/sitemap.xml", True),
    ("cluster search (member names)", lambda: "/clusters/?q=amber", False),
    ("company search", lambda: "/companies/?q=laser", False),
]


def median_ms(client: Client, path: str, repeat: int) -> float:
    timings = []
    for attempt in range(repeat + 3):
        start = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if attempt >= 3:  # the first requests warm caches and connections
            timings.append(elapsed)
    return statistics.median(timings) * 1000


def measure(companies: int, clusters: int, repeat: int) -> dict[str, float]:
    started = time.perf_counter()
    size = demo.demo_generate(clusters=clusters, companies=companies)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"generated {size.clusters} clusters, {size.companies} companies, {size.memberships} memberships "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    client = Client(SERVER_NAME="localhost")
    return {label: median_ms(client, path(), repeat) for label, path, _budget in PAGES}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--small", type=int, default=1000, help="companies in the small directory")
    parser.add_argument("--large", type=int, default=100_000, help="companies in the large directory")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--max-ratio", type=float, default=1.5)
    parser.add_argument("--keep", action="store_true", help="leave the large demo directory in place")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error(
            "set DATABASE_URL to a scratch database (e.g. postgres://postgres@127.0.0.1:5432/lcn_bench)"
        )
    settings.DEBUG = False  # no query log: it would cost time and memory in every request
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {args.clusters} clusters")
    small = measure(args.small, args.clusters, args.repeat)
    large = measure(args.large, args.clusters, args.repeat)
    if not args.keep:
        demo.demo_delete()
    return report(small, large, args)


def report(small: dict[str, float], large: dict[str, float], args: argparse.Namespace) -> int:
    print(f"\n{'page':<32} {args.small:>9,} {args.large:>9,}   ratio")
    over_budget = []
    for label, _path, budget in PAGES:
        ratio = large[label] / small[label]
        flag = "" if ratio <= args.max_ratio else ("  OVER" if budget else "  (outside the budget)")
        if budget and ratio > args.max_ratio:
            over_budget.append(label)
        print(f"{label:<32} {small[label]:>7.1f}ms {large[label]:>7.1f}ms {ratio:>6.2f}{flag}")
    print(f"\nmedian times of {args.repeat} requests; budget: ratio <= {args.max_ratio}")
    if over_budget:
        print("over budget: " + ", ".join(over_budget))
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())

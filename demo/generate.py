"""Synthetic demo directory for load tests: many clusters and companies, all marked ``is_demo``.

Demo rows are written with ``bulk_create`` in batches (no history rows: there is nothing to audit) and
removed with plain DELETE statements, so 100 000 companies take seconds, not hours. Every demo cluster
and company carries "demo" in its name and slug, so a visitor can never mistake one for a real entry.
"""

import datetime
import itertools
import random
from dataclasses import dataclass

from django.db import connection, models, transaction

from clusters.models import Cluster, Company, Contact, Membership, Sector, YearlyFigures
from people.models import ConsentRecord, Person

BATCH_SIZE = 5000
DEMO_SLUG_PREFIX = "demo-"
YEARS = range(2014, 2019)
SECTOR_NAMES = [
    "Wood and furniture",
    "Photonics",
    "Food",
    "Logistics",
    "Metalworking",
    "Energy",
    "Software",
    "Textiles",
    "Pharmaceuticals",
    "Design",
    "Medical technologies",
    "Tourism",
]
NAME_PARTS = (
    ["Baltic", "Amber", "Daugava", "Nordic", "Green", "Smart", "Kurzeme", "Vidzeme", "Latgale", "Zemgale"],
    ["Wood", "Laser", "Food", "Cargo", "Metal", "Energy", "Code", "Fibre", "Pharma", "Form", "Med", "Travel"],
    ["Works", "Systems", "Group", "Lab", "Solutions", "Technologies", "Partners", "Industries"],
)
CITIES = ["Rīga", "Daugavpils", "Liepāja", "Jelgava", "Jūrmala", "Ventspils", "Rēzekne", "Valmiera", "Cēsis"]


class DemoDataRefused(Exception):
    """The database holds real directory data, so demo rows must not be added to it."""


@dataclass(frozen=True)
class DemoSize:
    clusters: int
    companies: int
    memberships: int


def real_data_exists() -> bool:
    return Cluster.objects.filter(is_demo=False).exists() or Company.objects.filter(is_demo=False).exists()


def demo_generate(*, clusters: int, companies: int, seed: int = 2018) -> DemoSize:
    """Replace the demo rows with a fresh directory of the given size.

    Raises DemoDataRefused when the database holds real clusters or companies.
    """
    if real_data_exists():
        raise DemoDataRefused("The database holds real clusters or companies; demo data is never mixed in.")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    with transaction.atomic():
        demo_delete()
        sectors = _demo_sectors()
        cluster_rows = _create_clusters(clusters, sectors, rng)
        memberships = _create_companies(companies, cluster_rows, sectors, rng)
        _refresh_statistics()
    return DemoSize(clusters=len(cluster_rows), companies=companies, memberships=memberships)


DEMO_EMAIL_DOMAIN = "@demo.invalid"


def _refresh_statistics() -> None:
    """Let PostgreSQL see how large the tables have become before the transaction commits.

    Foreign keys are checked at commit; planned with the statistics of the empty tables, each of the
    200 000 checks scans a whole table, and the commit takes hours instead of seconds.
    """
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table for model in (Cluster, Company, Membership, Sector, YearlyFigures, Contact)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


def demo_delete() -> int:
    """Delete every demo cluster and company with the rows that point at them; returns the rows deleted."""
    deleted = 0
    with transaction.atomic():
        for parent in (Cluster.objects.filter(is_demo=True), Company.objects.filter(is_demo=True)):
            for model, field_name in _rows_pointing_at(parent.model):
                deleted += _raw_delete(
                    model._base_manager.filter(**{f"{field_name}__in": parent.values("pk")})
                )
            deleted += _raw_delete(parent)
        unused = Sector.objects.filter(slug__startswith=DEMO_SLUG_PREFIX, clusters=None, companies=None)
        deleted += _raw_delete(unused)
        people = Person.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN, roles=None)
        deleted += _raw_delete(ConsentRecord.objects.filter(person__in=people))
        deleted += _raw_delete(people)
    return deleted


def _rows_pointing_at(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key and many-to-many link row that points at model."""
    links = [(field.remote_field.through, field.m2m_field_name()) for field in model._meta.many_to_many]
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            links.append((relation.through, relation.field.m2m_reverse_field_name()))
        else:
            links.append((relation.related_model, relation.field.name))
    return links


def _raw_delete(queryset: models.QuerySet) -> int:
    """DELETE the queryset's rows in one statement, without loading them or sending signals (which would
    write a history row per deleted row)."""
    meta = queryset.model._meta
    subquery, params = queryset.values("pk").query.sql_with_params()
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({subquery})", params)  # noqa: S608 - quoted names
        return cursor.rowcount


def _demo_sectors() -> list[Sector]:
    return [
        Sector.objects.get_or_create(
            slug=f"{DEMO_SLUG_PREFIX}{index:02d}", defaults={"name": f"{name} (demo)"}
        )[0]
        for index, name in enumerate(SECTOR_NAMES)
    ]


def _create_clusters(count: int, sectors: list[Sector], rng: random.Random) -> list[Cluster]:
    clusters = Cluster.objects.bulk_create(
        [
            Cluster(
                name=f"Demo cluster {number:04d} (demo)",
                slug=f"{DEMO_SLUG_PREFIX}cluster-{number:04d}",
                description="Synthetic cluster generated for load tests; not a real organisation.",
                city=rng.choice(CITIES),
                lcn_member=number % 3 != 0,
                is_demo=True,
            )
            for number in range(1, count + 1)
        ],
        batch_size=BATCH_SIZE,
    )
    links = [
        Cluster.sectors.through(cluster_id=cluster.pk, sector_id=sector.pk)
        for cluster in clusters
        for sector in rng.sample(sectors, rng.randint(1, 2))
    ]
    Cluster.sectors.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    YearlyFigures.objects.bulk_create(
        [
            _figures(cluster, year, rng)
            for cluster in clusters
            for year in YEARS[rng.randint(0, len(YEARS) - 1) :]
        ],
        batch_size=BATCH_SIZE,
    )
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Demo",
                last_name=f"Manager {cluster.pk}",
                email=f"manager-{cluster.slug}{DEMO_EMAIL_DOMAIN}",
            )
            for cluster in clusters
        ],
        batch_size=BATCH_SIZE,
    )
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                person=person, method=ConsentRecord.Method.ADMIN, source="demo data", text_version="demo"
            )
            for person in people
        ],
        batch_size=BATCH_SIZE,
    )
    Contact.objects.bulk_create(
        [
            Contact(person=person, cluster=cluster, role=Contact.Role.MANAGER)
            for cluster, person in zip(clusters, people, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    return clusters


def _figures(cluster: Cluster, year: int, rng: random.Random) -> YearlyFigures:
    turnover = rng.randint(1, 500) * 1_000_000
    return YearlyFigures(
        cluster=cluster,
        year=year,
        members=rng.randint(10, 120),
        turnover_eur=turnover,
        export_eur=int(turnover * rng.uniform(0.1, 0.8)),
        status=YearlyFigures.Status.APPROVED,
    )


def _create_companies(count: int, clusters: list[Cluster], sectors: list[Sector], rng: random.Random) -> int:
    """Companies in batches, each a current member of one cluster (every tenth of a second one);
    returns the number of memberships.

    Cluster sizes follow Zipf's law, as real ones roughly do: the first cluster has about a seventh of
    all members, the thousandth a few.
    """
    categories = Company.Category.values
    cumulative_weights = list(itertools.accumulate(1 / rank for rank in range(1, len(clusters) + 1)))
    memberships = 0
    for start in range(1, count + 1, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, count + 1))
        batch = Company.objects.bulk_create(
            [
                Company(
                    name=f"{' '.join(rng.choice(part) for part in NAME_PARTS)} {number} (demo)",
                    slug=f"{DEMO_SLUG_PREFIX}company-{number:06d}",
                    city=rng.choice(CITIES),
                    sector=rng.choice(sectors),
                    category=rng.choice(categories),
                    is_demo=True,
                )
                for number in numbers
            ]
        )
        rows = [
            Membership(company=company, cluster=cluster, since=datetime.date(rng.randint(2010, 2018), 1, 1))
            for company in batch
            for cluster in set(
                rng.choices(clusters, cum_weights=cumulative_weights, k=2 if company.pk % 10 == 0 else 1)
            )
        ]
        Membership.objects.bulk_create(rows)
        memberships += len(rows)
    return memberships

"""Open data: the public directory as JSON and CSV for anyone to reuse.

Only public clusters, approved figures and organisation data are written; no contact person appears.
CSV cells that a spreadsheet would run as a formula are neutralised (see ``formula_safe``).
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Cluster, Company

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = _("Latvian Cluster Network, public directory of clusters")

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CLUSTER_CSV_HEADER = [
    "name",
    "slug",
    "url",
    "website",
    "email",
    "sectors",
    "lcn_member",
    "year",
    "members",
    "turnover_eur",
    "export_eur",
]
COMPANY_CSV_HEADER = [
    "name",
    "slug",
    "url",
    "registration_number",
    "website",
    "city",
    "sector",
    "category",
    "clusters",
]


def formula_safe(value: Any) -> Any:
    """Prefix a text cell that would start a formula with a single quote; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cluster_record(cluster: Cluster, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """One cluster in the shape of clusters.json (expects ``Cluster.objects.for_open_data()`` rows)."""
    return {
        "name": cluster.name,
        "slug": cluster.slug,
        "url": absolute_url(cluster.get_absolute_url()),
        "website": cluster.website,
        "email": cluster.email,
        "sectors": [sector.name for sector in cluster.sectors.all()],
        "lcn_member": cluster.lcn_member,
        "figures": [
            {
                "year": figures.year,
                "members": figures.members,
                "turnover_eur": figures.turnover_eur,
                "export_eur": figures.export_eur,
            }
            for figures in cluster.approved_figures
        ],
    }


def clusters_document(absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """The whole clusters.json document, with its licence and source."""
    return {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": str(SOURCE),
        "clusters": [cluster_record(cluster, absolute_url) for cluster in Cluster.objects.for_open_data()],
    }


def cluster_rows(absolute_url: Callable[[str], str]) -> Iterator[list[Any]]:
    """clusters.csv: the header, then one row per cluster and approved year (one row without figures
    for a cluster that has none)."""
    yield CLUSTER_CSV_HEADER
    for cluster in Cluster.objects.for_open_data():
        record = cluster_record(cluster, absolute_url)
        base = [record[key] for key in CLUSTER_CSV_HEADER[:5]]
        base += ["; ".join(record["sectors"]), int(record["lcn_member"])]
        for figures in record["figures"] or [{}]:
            yield base + [figures.get(key, "") for key in CLUSTER_CSV_HEADER[7:]]


def company_rows(absolute_url: Callable[[str], str], chunk_size: int = 2000) -> Iterator[list[Any]]:
    """companies.csv: the header, then one row per company, read from the database in chunks."""
    yield COMPANY_CSV_HEADER
    companies = Company.objects.for_directory().iterator(chunk_size=chunk_size)
    for company in companies:
        yield [
            company.name,
            company.slug,
            absolute_url(company.get_absolute_url()),
            company.registration_number,
            company.website,
            company.city,
            company.sector.name if company.sector else "",
            company.category,
            "; ".join(membership.cluster.slug for membership in company.current_memberships),
        ]


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Encode rows as CSV lines, every cell made formula-safe."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([formula_safe(cell) for cell in row])

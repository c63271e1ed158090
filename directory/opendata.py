"""Open data: the public directory as JSON and CSV for anyone to reuse.

Only public clusters, approved figures and organisation data are written; no contact person appears.
Texts people write come in both languages (``description_lv``, ``description_en``, ...); the plain
``sectors``/``sector`` are in the language of the file's address (/open-data/... Latvian, /en/... English).
A general e-mail that looks like a person's is written only once staff confirmed it
(``Cluster.public_email``).
CSV cells that a spreadsheet would run as a formula are neutralised (see ``formula_safe``).
"""

import csv
import datetime
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Company, Membership, YearlyFigures
from clusters.resources import formula_safe

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = _("Latvian Cluster Network, public directory of clusters")

# Where each approved figure came from (see ``figures_provenance``); no person is named.
PROVENANCE_FIELDS = [
    "source",
    "source_file",
    "source_sheet",
    "source_row",
    "imported_at",
    "submitted_at",
    "approved_at",
]
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
    *PROVENANCE_FIELDS,
    "sectors_lv",
    "sectors_en",
    "description_lv",
    "description_en",
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
    "sector_lv",
    "sector_en",
    "description_lv",
    "description_en",
]


def cluster_record(cluster: Cluster, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """One cluster in the shape of clusters.json (expects ``Cluster.objects.for_open_data()`` rows)."""
    return {
        "name": cluster.name,
        "slug": cluster.slug,
        "url": absolute_url(cluster.get_absolute_url()),
        "website": cluster.website,
        "email": cluster.public_email,
        "sectors": [sector.name for sector in cluster.sectors.all()],
        "sectors_lv": [sector.name_lv or "" for sector in cluster.sectors.all()],
        "sectors_en": [sector.name_en or "" for sector in cluster.sectors.all()],
        "description_lv": cluster.description_lv or "",
        "description_en": cluster.description_en or "",
        "lcn_member": cluster.lcn_member,
        "figures": [
            {
                "year": figures.year,
                "members": figures.members,
                "turnover_eur": figures.turnover_eur,
                "export_eur": figures.export_eur,
                **figures_provenance(figures),
            }
            for figures in cluster.approved_figures
        ],
    }


def figures_provenance(figures: YearlyFigures) -> dict[str, Any]:
    """The source of approved figures as open data fields: ``source`` is "imported", "submitted"
    (by the cluster through the portal), "entered" (by the network's staff) or "" (not recorded);
    the file, sheet and row of an import; the times (ISO 8601) of the import, submission and approval."""
    return {
        "source": figures.source,
        "source_file": figures.import_file,
        "source_sheet": figures.import_sheet,
        "source_row": figures.import_row,
        "imported_at": figures.imported_at,
        "submitted_at": figures.submitted_at,
        "approved_at": figures.reviewed_at,
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
        texts = ["; ".join(record["sectors_lv"]), "; ".join(record["sectors_en"])]
        texts += [record["description_lv"], record["description_en"]]
        for figures in record["figures"] or [{}]:
            figure_values = [_csv_cell(figures.get(key)) for key in CLUSTER_CSV_HEADER[7:-4]]
            yield base + figure_values + texts


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def company_rows(absolute_url: Callable[[str], str], chunk_size: int = 2000) -> Iterator[list[Any]]:
    """companies.csv: the header, then one row per company, read from the database in chunks.

    Plain values rather than model instances, and one membership query per chunk: the file holds the
    whole directory, and model instances made 100 000 rows take half a minute.
    """
    yield COMPANY_CSV_HEADER
    columns = ("pk", "name", "slug", "registration_number", "website", "city", "sector__name", "category")
    columns += ("sector__name_lv", "sector__name_en", "description_lv", "description_en")
    rows = Company.objects.order_by("name", "pk").values_list(*columns).iterator(chunk_size=chunk_size)
    while chunk := list(itertools.islice(rows, chunk_size)):
        clusters = _current_cluster_slugs([row[0] for row in chunk])
        for pk, name, slug, number, website, city, sector, category, *texts in chunk:
            url = absolute_url(reverse("clusters:company-detail", kwargs={"slug": slug}))
            yield [
                name,
                slug,
                url,
                number,
                website,
                city,
                sector or "",
                category,
                "; ".join(clusters[pk]),
            ] + [text or "" for text in texts]


def _current_cluster_slugs(company_ids: list[int]) -> defaultdict[int, list[str]]:
    """Company id -> slugs of the public clusters it currently belongs to, by cluster name."""
    memberships = (
        Membership.objects.current()
        .filter(company_id__in=company_ids, cluster__in=Cluster.objects.public())
        .order_by("cluster__name")
        .values_list("company_id", "cluster__slug")
    )
    slugs = defaultdict(list)
    for company_id, cluster_slug in memberships:
        slugs[company_id].append(cluster_slug)
    return slugs


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Encode rows as CSV lines, every cell made formula-safe."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([formula_safe(cell, keep_numbers=False) for cell in row])

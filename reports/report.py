"""'Clusters in Numbers': the yearly report, computed once for the page, the XLSX, the CSV and the chart.

Only approved figures of public clusters in published years count (``published_figures``); the public
statistics use the same function, so both add up to the same euro.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from clusters.models import Cluster, Contact, Membership, NetworkFigures, YearlyFigures, export_share
from clusters.names import SortName
from clusters.querysets import email_is_a_person

from .models import ReportingRound


def published_figures(*, include_unpublished: bool = False):
    """Approved figures of public clusters, without the years of rounds not published yet.

    Years without a round (figures approved before rounds existed) count as published. With
    ``include_unpublished`` staff preview a round before publishing it.
    """
    figures = YearlyFigures.objects.public()
    if include_unpublished:
        return figures
    return figures.exclude(year__in=ReportingRound.objects.unpublished().values("year"))


def published_years() -> list[int]:
    """The years with published figures, newest first."""
    return list(published_figures().order_by("-year").values_list("year", flat=True).distinct())


def growth(current: int | None, previous: int | None) -> float | None:
    """The change from `previous` to `current` as a fraction (0.13 = +13 %), or None without a base."""
    if current is None or not previous:
        return None
    return (current - previous) / previous


@dataclass
class ReportRow:
    cluster: Cluster
    members: int
    turnover: int
    export: int
    previous: YearlyFigures | None

    @property
    def export_share(self) -> float | None:
        return export_share(self.turnover, self.export)

    @property
    def turnover_growth(self) -> float | None:
        return growth(self.turnover, self.previous.turnover_eur if self.previous else None)

    @property
    def export_growth(self) -> float | None:
        return growth(self.export, self.previous.export_eur if self.previous else None)

    @property
    def contact_email(self) -> str:
        """The cluster's general address, unless it looks like a person's and staff have not confirmed it:
        the report names no person without their consent."""
        return self.cluster.public_email

    @property
    def contact_names(self) -> list[str]:
        return [contact.full_name for contact in self.cluster.report_contacts]


@dataclass
class Difference:
    label: str
    reported: int
    computed: int


@dataclass
class Report:
    year: int
    rows: list[ReportRow]
    expected_clusters: int
    unique_companies: int
    network: NetworkFigures | None
    published: bool
    differences: list[Difference] = field(default_factory=list)

    @property
    def members(self) -> int:
        return sum(row.members for row in self.rows)

    @property
    def turnover(self) -> int:
        return sum(row.turnover for row in self.rows)

    @property
    def export(self) -> int:
        return sum(row.export for row in self.rows)

    @property
    def export_share(self) -> float | None:
        return export_share(self.turnover, self.export)

    @property
    def comparable(self) -> list[ReportRow]:
        """The clusters with figures for both years: the total growth compares like with like."""
        return [row for row in self.rows if row.previous is not None]

    @property
    def turnover_growth(self) -> float | None:
        rows = self.comparable
        return (
            growth(sum(r.turnover for r in rows), sum(r.previous.turnover_eur for r in rows))
            if rows
            else None
        )

    @property
    def export_growth(self) -> float | None:
        rows = self.comparable
        return growth(sum(r.export for r in rows), sum(r.previous.export_eur for r in rows)) if rows else None

    @property
    def completeness(self) -> int:
        """Clusters in the report as a share of the clusters expected, in whole per cent (at most 100)."""
        if not self.expected_clusters:
            return 100 if self.rows else 0
        return min(100, round(100 * len(self.rows) / self.expected_clusters))


def build_report(year: int, *, include_unpublished: bool = False) -> Report | None:
    """The report for `year`, or None when the year has no figures to show (six queries)."""
    figures = published_figures(include_unpublished=include_unpublished)
    contacts = Contact.objects.public().order_by("-is_primary", "person__last_name", "person__first_name")
    current = list(
        figures.filter(year=year)
        .select_related("cluster")
        .annotate(cluster_email_is_a_person=email_is_a_person("cluster__email"))
        .prefetch_related(Prefetch("cluster__contacts", contacts, to_attr="report_contacts"))
        .order_by(SortName("cluster__name"), "cluster_id")  # as a Latvian dictionary sorts
    )
    if not current:
        return None
    for f in current:
        f.cluster.email_is_a_person = f.cluster_email_is_a_person
    previous = {
        f.cluster_id: f for f in figures.filter(year=year - 1, cluster__in=[f.cluster for f in current])
    }
    rows = [
        ReportRow(
            cluster=f.cluster,
            members=f.members,
            turnover=f.turnover_eur,
            export=f.export_eur,
            previous=previous.get(f.cluster_id),
        )
        for f in current
    ]
    report = Report(
        year=year,
        rows=rows,
        expected_clusters=_expected_clusters(year, rows),
        unique_companies=_unique_companies(year, [row.cluster for row in rows]),
        network=NetworkFigures.objects.filter(year=year).first(),
        published=not ReportingRound.objects.unpublished().filter(year=year).exists(),
    )
    report.differences = _differences(report)
    return report


def _expected_clusters(year: int, rows: list[ReportRow]) -> int:
    """Active LCN member clusters, plus any cluster in the report that is not one."""
    members = set(Cluster.objects.public().lcn_members().values_list("pk", flat=True))
    return len(members | {row.cluster.pk for row in rows})


def _unique_companies(year: int, clusters: list[Cluster]) -> int:
    """Companies that were members of any of `clusters` at some time in `year`, each counted once."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Membership.objects.filter(cluster__in=clusters)
        .filter(Q(since__isnull=True) | Q(since__lte=end), Q(until__isnull=True) | Q(until__gte=start))
        .values("company_id")
        .distinct()
        .count()
    )


def _differences(report: Report) -> list[Difference]:
    """The network's own reported totals for the year where they differ from the clusters' sum."""
    network = report.network
    if network is None:
        return []
    pairs = [
        (NetworkFigures._meta.get_field("members").verbose_name, network.members, report.members),
        (NetworkFigures._meta.get_field("turnover_eur").verbose_name, network.turnover_eur, report.turnover),
        (NetworkFigures._meta.get_field("export_eur").verbose_name, network.export_eur, report.export),
        (
            NetworkFigures._meta.get_field("member_clusters").verbose_name,
            network.member_clusters,
            len(report.rows),
        ),
    ]
    return [
        Difference(label=label, reported=reported, computed=computed)
        for label, reported, computed in pairs
        if reported is not None and reported != computed
    ]

"""Plausibility of yearly figures: the checks a reviewer would make before signing them.

A warning is not a refusal: real figures can double, and export can exceed turnover when a cluster
reports its members' export of goods they did not make. The portal and the admin show the warnings
and save only once the person confirms they checked the figures; staff see the same warnings in the
review. The figures import shows them per row in its preview and dry run (``baselines_for``
looks up the baselines of all its rows at once).

The one place these rules live; the factor comes from ``settings.FIGURES_CHANGE_FACTOR`` (default 2).
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Cluster, Membership, YearlyFigures

MEASURES = ("members", "turnover_eur", "export_eur")


@dataclass(frozen=True)
class FiguresWarning:
    """One reason to look twice at a set of figures: a stable ``code`` and a translated ``message``."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Baseline:
    """What new figures are compared with: the previous approved year and the members listed now."""

    previous_year: int | None = None
    previous: dict[str, int] | None = None
    listed_members: int | None = None


def group_digits(value: int) -> str:
    """A whole number with the page language's thousands separator: "1,234,567" / "1 234 567"."""
    return formats.number_format(value, force_grouping=True)


def _measure_label(name: str) -> str:
    return {"members": _("Members"), "turnover_eur": _("Turnover"), "export_eur": _("Export")}[name]


def _changed_too_much(previous: int, new: int, factor: float) -> bool:
    if previous <= 0:
        return False
    return new <= 0 or new / previous > factor or previous / new > factor


def figures_warnings(
    *, year: int, members: int, turnover_eur: int, export_eur: int, baseline: Baseline
) -> list[FiguresWarning]:
    """The warnings for figures of `year` (amounts in whole euros) against `baseline`; [] if none.

    Checks: export greater than turnover; members, turnover or export changed by more than the
    configured factor from the previous approved year; members far (the same factor) from the number
    of current memberships listed, for last year or later (older years had other members).
    """
    factor = settings.FIGURES_CHANGE_FACTOR
    values = {"members": members, "turnover_eur": turnover_eur, "export_eur": export_eur}
    warnings = []
    if export_eur > turnover_eur:
        message = _("Export (EUR %(export)s) is greater than turnover (EUR %(turnover)s).") % {
            "export": group_digits(export_eur),
            "turnover": group_digits(turnover_eur),
        }
        warnings.append(FiguresWarning("export_above_turnover", message))
    for name in MEASURES:
        previous = (baseline.previous or {}).get(name)
        if previous is not None and _changed_too_much(previous, values[name], factor):
            message = _(
                "%(measure)s changed from %(previous)s in %(previous_year)s to %(new)s, "
                "by more than a factor of %(factor)s."
            ) % {
                "measure": _measure_label(name),
                "previous": group_digits(previous),
                "previous_year": baseline.previous_year,
                "new": group_digits(values[name]),
                "factor": f"{factor:g}",
            }
            warnings.append(FiguresWarning(f"{name}_change", message))
    listed = baseline.listed_members
    if listed and year >= timezone.localdate().year - 1 and _changed_too_much(listed, members, factor):
        message = _(
            "The figures give %(members)s members, but the directory lists %(listed)s current member "
            "companies of the cluster."
        ) % {"members": group_digits(members), "listed": group_digits(listed)}
        warnings.append(FiguresWarning("members_listed", message))
    return warnings


def baseline_for(*, cluster: Cluster, year: int) -> Baseline:
    """The cluster's latest approved figures before `year` and its current membership count (2 queries)."""
    previous = YearlyFigures.objects.approved().filter(cluster=cluster, year__lt=year).order_by("-year")
    row = previous.values("year", *MEASURES).first()
    listed = cluster.memberships.current().count() if cluster.pk else 0
    if row is None:
        return Baseline(listed_members=listed)
    previous_year = row.pop("year")
    return Baseline(previous_year=previous_year, previous=row, listed_members=listed)


def baselines_for(*, cluster_years: Collection[tuple[Cluster, int]]) -> dict[tuple[int, int], Baseline]:
    """``baseline_for`` of many (cluster, year) pairs at once, by (cluster pk, year) (2 queries).

    Unsaved clusters are left out: they have no approved figures and no members yet.
    """
    saved = {(cluster.pk, year) for cluster, year in cluster_years if cluster.pk}
    cluster_pks = {pk for pk, _year in saved}
    if not saved:
        return {}
    approved = (
        YearlyFigures.objects.approved()
        .filter(cluster__in=cluster_pks, year__lt=max(year for _pk, year in saved))
        .values("cluster", "year", *MEASURES)
    )
    history: dict[int, list[dict]] = {}
    for row in approved.order_by("-year"):
        history.setdefault(row.pop("cluster"), []).append(row)
    listed = dict(
        Membership.objects.current()
        .filter(cluster__in=cluster_pks)
        .values_list("cluster")
        .annotate(count=Count("pk"))
    )
    baselines = {}
    for pk, year in saved:
        row = next((dict(row) for row in history.get(pk, []) if row["year"] < year), None)
        if row is None:
            baselines[(pk, year)] = Baseline(listed_members=listed.get(pk, 0))
        else:
            previous_year = row.pop("year")
            baselines[(pk, year)] = Baseline(
                previous_year=previous_year, previous=row, listed_members=listed.get(pk, 0)
            )
    return baselines


def figures_warnings_for(
    *, cluster: Cluster, year: int, members: int, turnover_eur: int, export_eur: int
) -> list[FiguresWarning]:
    """``figures_warnings`` against the cluster's own baseline, looked up (2 queries)."""
    return figures_warnings(
        year=year,
        members=members,
        turnover_eur=turnover_eur,
        export_eur=export_eur,
        baseline=baseline_for(cluster=cluster, year=year),
    )


def annotated_baseline(figures: YearlyFigures) -> Baseline:
    """The baseline of a row from ``YearlyFigures.objects.for_review()`` (no query)."""
    previous = None
    if figures.previous_year is not None:
        previous = {name: getattr(figures, f"previous_{name}") for name in MEASURES}
    return Baseline(
        previous_year=figures.previous_year, previous=previous, listed_members=figures.listed_members
    )


@dataclass(frozen=True)
class MeasureReview:
    """One measure of figures under review, with the approved values it is compared with."""

    name: str
    label: str
    value: int
    replaced: int | None
    replaced_change_pct: float | None
    previous: int | None
    previous_change_pct: float | None


@dataclass(frozen=True)
class FiguresReview:
    """What a reviewer sees of one row: its measures compared, the previous year, the warnings."""

    figures: YearlyFigures
    measures: list[MeasureReview]
    previous_year: int | None
    warnings: list[FiguresWarning]


def change_pct(old: int | None, new: int) -> float | None:
    """The change from `old` to `new` in percent (+25.0 for 80 -> 100), None without an old value."""
    if not old:
        return None
    return 100 * (new - old) / old


def figures_review(figures: YearlyFigures) -> FiguresReview:
    """The review of a row from ``YearlyFigures.objects.for_review()`` (no query)."""
    baseline = annotated_baseline(figures)
    measures = []
    for name in MEASURES:
        value = getattr(figures, name)
        replaced = getattr(figures, f"replaced_{name}")
        previous = (baseline.previous or {}).get(name)
        measures.append(
            MeasureReview(
                name=name,
                label=_measure_label(name),
                value=value,
                replaced=replaced,
                replaced_change_pct=change_pct(replaced, value),
                previous=previous,
                previous_change_pct=change_pct(previous, value),
            )
        )
    warnings = figures_warnings(
        year=figures.year,
        members=figures.members,
        turnover_eur=figures.turnover_eur,
        export_eur=figures.export_eur,
        baseline=baseline,
    )
    return FiguresReview(
        figures=figures, measures=measures, previous_year=baseline.previous_year, warnings=warnings
    )

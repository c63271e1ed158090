"""Which years the public site shows, and how complete each is: the domain's rule
(``clusters.statistics``) applied to the figures the reporting rounds have published."""

from django.db.models import QuerySet

from clusters import statistics
from clusters.models import YearlyFigures
from reports.models import ReportingRound
from reports.report import published_figures


def public_figures() -> QuerySet[YearlyFigures]:
    """Approved figures of public clusters in published years (see ``reports.report``)."""
    return published_figures()


def public_year_coverage() -> dict[int, statistics.YearCoverage]:
    """Coverage of each published year; a published reporting round's year counts as complete."""
    published_rounds = ReportingRound.objects.published().values_list("year", flat=True)
    return statistics.year_coverage(public_figures(), also_closed=published_rounds)

"""The seed's reporting round: the presentation's 2017 figures, loaded as a published round."""

import datetime

from django.utils import timezone

from clusters.models import YearlyFigures

from .models import ReportingRound


def seed_published_rounds(years: list[int]) -> int:
    """A published round for each of `years` that has approved figures and no round; returns how many.

    The deadline is the 31 March after the year, when the network collected its figures by hand.
    """
    created = 0
    approved = set(YearlyFigures.objects.approved().filter(year__in=years).values_list("year", flat=True))
    for year in sorted(approved):
        now = timezone.now()
        _round, made = ReportingRound.objects.get_or_create(
            year=year,
            defaults={"deadline": datetime.date(year + 1, 3, 31), "opened_at": now, "published_at": now},
        )
        created += made
    return created

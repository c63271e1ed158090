"""A correction waiting for review and the staff's figures import of the same year live side by side."""

import pytest

from clusters.importers import import_clusters
from clusters.models import YearlyFigures
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_file
from tests.factories import YearlyFiguresFactory

pytestmark = pytest.mark.django_db


def test_importing_figures_updates_the_approved_row_and_leaves_a_waiting_correction_alone():
    approved = YearlyFiguresFactory(cluster__name="Latvian IT Cluster", year=2017, members=40)
    correction = YearlyFiguresFactory(
        cluster=approved.cluster, year=2017, members=41, status=YearlyFigures.Status.SUBMITTED
    )
    row = [
        "Latvian IT Cluster",
        43,
        101_030_068,
        22_297_308,
        "itcluster@itbaltic.com",
        "http://www.itbaltic.com/",
    ]

    import_clusters(csv_file([FIGURES_HEADER, row]), year=2017)

    approved.refresh_from_db()
    correction.refresh_from_db()
    assert (approved.status, approved.members) == (YearlyFigures.Status.APPROVED, 43)
    assert (correction.status, correction.members) == (YearlyFigures.Status.SUBMITTED, 41)

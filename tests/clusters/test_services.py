"""clusters.services: the write operations, called with plain values as a command or a test would."""

import pytest
from django.core import mail

from clusters.models import Company, YearlyFigures
from clusters.services import (
    EditConflict,
    InvitationError,
    figures_approve,
    figures_reject,
    figures_submit,
    manager_invite,
    version_of,
)
from clusters.slugs import unique_slug
from tests.factories import ClusterFactory, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(cluster, user, **values):
    defaults = {"year": 2020, "members": 40, "turnover_eur": 1_000_000, "export_eur": 300_000}
    return figures_submit(cluster=cluster, user=user, consultation_hours=None, **{**defaults, **values})


def test_submit_approve_and_a_correction_replace_the_approved_row():
    cluster, manager, reviewer = ClusterFactory(), UserFactory(), UserFactory(is_staff=True)
    first = submit(cluster, manager)
    assert (first.status, first.submitted_by) == (YearlyFigures.Status.SUBMITTED, manager)
    assert figures_approve([first], reviewer=reviewer) == 1
    correction = submit(cluster, manager, members=44)
    assert figures_approve([correction], reviewer=reviewer) == 1
    approved = YearlyFigures.objects.approved().get(cluster=cluster, year=2020)
    assert (approved.pk, approved.members, approved.reviewed_by) == (correction.pk, 44, reviewer)
    assert not YearlyFigures.objects.filter(pk=first.pk).exists()


def test_editing_submitted_figures_with_an_old_version_is_refused_and_writes_nothing():
    cluster, manager = ClusterFactory(), UserFactory()
    figures = submit(cluster, manager)
    loaded = version_of(figures)
    submit(cluster, manager, figures=figures, loaded_version=loaded, members=41)
    with pytest.raises(EditConflict):
        submit(cluster, manager, figures=figures, loaded_version=loaded, members=99)
    assert YearlyFigures.objects.get(pk=figures.pk).members == 41


def test_reject_keeps_the_reason_and_skips_rows_not_waiting_for_review():
    cluster, reviewer = ClusterFactory(), UserFactory(is_staff=True)
    pending = submit(cluster, UserFactory())
    assert figures_reject([pending], reviewer=reviewer, reason="Export above turnover") == 1
    assert figures_reject([pending], reviewer=reviewer, reason="again") == 0
    pending.refresh_from_db()
    assert (pending.status, pending.review_note) == (YearlyFigures.Status.REJECTED, "Export above turnover")


def test_invite_refuses_a_non_address_and_mails_a_new_manager():
    cluster = ClusterFactory()
    with pytest.raises(InvitationError):
        manager_invite(email="not an address", clusters=[cluster], base_url="https://lcn.example/")
    user = manager_invite(email=" Anna@Example.LV ", clusters=[cluster], base_url="https://lcn.example/")
    assert user.username == "anna@example.lv"
    assert list(user.managed_clusters.all()) == [cluster]
    assert mail.outbox[0].to == ["anna@example.lv"] and "https://lcn.example/" in mail.outbox[0].body


def test_unique_slug_counts_up_past_taken_slugs_and_falls_back_for_names_without_letters():
    CompanyFactory(name="Ozols", slug="ozols")
    CompanyFactory(name="Ozols 2", slug="ozols-2")
    assert unique_slug(Company, "Ozols", fallback="company") == "ozols-3"
    assert unique_slug(Company, "“…”", fallback="company") == "company"

"""Running a reporting round: open it, see where every cluster stands, remind, publish.

Write functions take values as keyword-only arguments; who may call them is the caller's business.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import Cluster, YearlyFigures

from . import notifications
from .models import ReportingRound, RoundReminder


class RoundError(Exception):
    """The round cannot do this; the message says why."""


class ClusterStatus(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    RETURNED = "returned", gettext_lazy("Returned")
    APPROVED = "approved", gettext_lazy("Approved")


# Clusters in these states have not given figures staff can use: the reminders go to them.
WAITING_FOR_CLUSTER = {ClusterStatus.NOT_STARTED, ClusterStatus.DRAFT, ClusterStatus.RETURNED}
_UNAPPROVED_STATUS = {
    YearlyFigures.Status.DRAFT: ClusterStatus.DRAFT,
    YearlyFigures.Status.SUBMITTED: ClusterStatus.SUBMITTED,
    YearlyFigures.Status.REJECTED: ClusterStatus.RETURNED,
}


@dataclass
class RoundRow:
    """Where one cluster stands in a round."""

    cluster: Cluster
    approved: YearlyFigures | None
    unapproved: YearlyFigures | None
    last_reminder: RoundReminder | None

    @property
    def status(self) -> ClusterStatus:
        """A correction waiting for review counts as submitted; a returned or draft correction of
        approved figures leaves the cluster approved."""
        if self.unapproved is not None and (
            self.approved is None or self.unapproved.status == YearlyFigures.Status.SUBMITTED
        ):
            return _UNAPPROVED_STATUS[self.unapproved.status]
        return ClusterStatus.APPROVED if self.approved is not None else ClusterStatus.NOT_STARTED

    @property
    def figures(self) -> YearlyFigures | None:
        """The row staff look at: a submission waiting for review first, then the approved one."""
        if self.unapproved is not None and self.status != ClusterStatus.APPROVED:
            return self.unapproved
        return self.approved or self.unapproved

    @property
    def completeness(self) -> int:
        return self.figures.completeness if self.figures else 0


def round_clusters(year: int) -> models.QuerySet:
    """The clusters asked for figures for `year`: active LCN members, and any cluster that has figures
    for the year; with managers, the year's figures and their submitters."""
    figures = YearlyFigures.objects.filter(year=year).select_related("submitted_by", "reviewed_by")
    with_figures = YearlyFigures.objects.filter(year=year).values("cluster_id")
    return (
        Cluster.objects.filter(Q(is_active=True, lcn_member=True) | Q(pk__in=with_figures))
        .prefetch_related("managers", Prefetch("figures", figures, to_attr="round_figures"))
        .order_by("name")
    )


def round_rows(round: ReportingRound) -> list[RoundRow]:
    """One row per cluster of the round, by name (four queries however many clusters)."""
    last_reminders: dict[int, RoundReminder] = {}
    for reminder in round.reminders.order_by("sent_at"):
        last_reminders[reminder.cluster_id] = reminder
    rows = []
    for cluster in round_clusters(round.year):
        by_status = {item.status == YearlyFigures.Status.APPROVED: item for item in cluster.round_figures}
        rows.append(
            RoundRow(
                cluster=cluster,
                approved=by_status.get(True),
                unapproved=by_status.get(False),
                last_reminder=last_reminders.get(cluster.pk),
            )
        )
    return rows


def completeness(rows: list[RoundRow]) -> int:
    """The share of the round's clusters with approved figures, in whole per cent."""
    if not rows:
        return 0
    return round(100 * sum(row.status == ClusterStatus.APPROVED for row in rows) / len(rows))


def round_open(*, year: int, deadline: datetime.date, user: AbstractBaseUser, base_url: str) -> tuple:
    """Open the round for `year` and e-mail every manager of its clusters; return (round, e-mails sent).

    Raises RoundError if the year already has a round.
    """
    try:
        with transaction.atomic():
            round = ReportingRound.objects.create(
                year=year, deadline=deadline, opened_at=timezone.now(), opened_by=user
            )
    except IntegrityError as exc:
        raise RoundError(_("There is already a reporting round for %(year)s.") % {"year": year}) from exc
    sent = notifications.round_opened(round, clusters=list(round_clusters(year)), base_url=base_url)
    return round, sent


def round_publish(round: ReportingRound, *, user: AbstractBaseUser) -> ReportingRound:
    """Make the round's approved figures part of the public totals and reports.

    Raises RoundError if it is published already or has no approved figures.
    """
    if round.is_published:
        raise RoundError(_("The round for %(year)s is already published.") % {"year": round.year})
    if not YearlyFigures.objects.approved().filter(year=round.year).exists():
        raise RoundError(
            _("No figures for %(year)s are approved yet: approve some before publishing.")
            % {"year": round.year}
        )
    round.published_at, round.published_by = timezone.now(), user
    round.save(update_fields=["published_at", "published_by"])
    return round


def due_step(deadline: datetime.date, today: datetime.date, steps: list[int]) -> int | None:
    """The latest reminder step (days relative to `deadline`) that has come by `today`, or None.

    Only the latest is due: a scheduler that missed some days does not send the missed steps at once.
    """
    come = [step for step in steps if deadline + datetime.timedelta(days=step) <= today]
    return max(come) if come else None


def reminders_send(*, today: datetime.date, steps: list[int], base_url: str) -> int:
    """Send the reminders due `today` for every open, unpublished round; return the clusters reminded.

    A cluster gets a step's reminder at most once: the log row and the e-mail are one transaction, so
    a failed e-mail is retried on the next run and a run that is repeated sends nothing new.
    """
    reminded = 0
    for round in ReportingRound.objects.unpublished().filter(opened_at__isnull=False):
        step = due_step(round.deadline, today, steps)
        if step is None:
            continue
        for row in round_rows(round):
            if row.status not in WAITING_FOR_CLUSTER or not row.cluster.managers.all():
                continue
            reminded += _remind(round, row, step, base_url)
    return reminded


def _remind(round: ReportingRound, row: RoundRow, step: int, base_url: str) -> int:
    try:
        with transaction.atomic():
            reminder = RoundReminder.objects.create(round=round, cluster=row.cluster, step=step)
            reminder.recipients = notifications.round_reminder(
                round, cluster=row.cluster, status_label=row.status.label, days_after=step, base_url=base_url
            )
            reminder.save(update_fields=["recipients"])
    except IntegrityError:
        return 0  # sent before
    return 1

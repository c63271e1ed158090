"""What the staff dashboard in the admin shows of the portal: reviews due and managers' recent changes."""

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.plausibility import figures_review

from .services import PORTAL_CHANGE_REASON


@dataclass(frozen=True)
class PortalChange:
    """One saved change a manager made through the portal, as the dashboard lists it."""

    when: datetime
    user: str
    kind: str
    label: str
    action: str
    history_url: str


def _contact_label(record) -> str:
    person = record.person.full_name if record.person else "–"
    return f"{person} ({record.cluster.name if record.cluster else '–'})"


# For each model the portal edits: what to join and how to name a historical record of it.
_CHANGE_SOURCES: list[tuple[type[models.Model], list[str], Callable]] = [
    (Cluster, [], lambda record: record.name),
    (YearlyFigures, ["cluster"], lambda record: f"{record.cluster.name} {record.year}"),
    (Membership, ["cluster", "company"], lambda record: f"{record.company.name} – {record.cluster.name}"),
    (Contact, ["cluster", "person"], _contact_label),
    (Company, [], lambda record: record.name),
]


def recent_portal_changes(limit: int = 15) -> list[PortalChange]:
    """The latest changes saved through the portal, newest first (one query per model)."""
    records = []
    for model, related, label in _CHANGE_SOURCES:
        latest = (
            model.history.filter(history_change_reason=PORTAL_CHANGE_REASON)
            .select_related("history_user", *related)
            .order_by("-history_date")[:limit]
        )
        records.extend((record, model, label) for record in latest)
    newest = heapq.nlargest(limit, records, key=lambda item: item[0].history_date)
    return [_as_change(record, model, label) for record, model, label in newest]


def _as_change(record, model: type[models.Model], label: Callable) -> PortalChange:
    opts = model._meta
    return PortalChange(
        when=record.history_date,
        user=record.history_user.get_username() if record.history_user else "",
        kind=str(opts.verbose_name),
        label=label(record),
        action=record.get_history_type_display(),
        history_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.id]),
    )


def staff_dashboard() -> dict:
    """Pending submissions (``pending``, each compared in ``reviews``), clusters without approved figures
    for last year, recent portal changes."""
    last_year = timezone.localdate().year - 1
    pending = list(YearlyFigures.objects.pending().for_review().order_by("submitted_at", "pk"))
    return {
        "pending": pending,
        "reviews": [figures_review(figures) for figures in pending],
        "last_year": last_year,
        "missing": list(Cluster.objects.without_approved_figures(last_year).order_by("name")),
        "changes": recent_portal_changes(),
        "held_emails": held_back_general_emails(),
    }


def held_back_general_emails() -> list[Cluster]:
    """Clusters whose general e-mail looks personal and waits for staff to confirm it (one query)."""
    clusters = (
        Cluster.objects.exclude(email="").with_email_check().only("pk", "name", "email", "email_confirmed")
    )
    return [cluster for cluster in clusters.order_by("name") if not cluster.public_email]

"""The e-mails of the reporting round, one function per occasion, all sent through ``send``.

Each message is rendered from ``reports/email/<name>{_subject.txt,.txt,.html}`` in the recipient's
language (``LanguagePreference``, Latvian by default) as plain text with an HTML alternative, and
ends with a footer saying why the recipient gets it. Callers pass the site's address (``base_url``,
e.g. ``https://lcn.lv/``) for the links.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import urljoin

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from clusters.models import Cluster, YearlyFigures
from core.tasks import send_mail

from .models import DEFAULT_LANGUAGE, ReportingRound


def language_of(user: AbstractBaseUser) -> str:
    """The language code `user` reads e-mails in."""
    try:
        return user.language_preference.language
    except user._meta.model.language_preference.RelatedObjectDoesNotExist:
        return DEFAULT_LANGUAGE


def send(*, users: Iterable[AbstractBaseUser], template: str, context: dict) -> int:
    """E-mail `template` to each active user with an address, each in their language; return the count.

    One message per user, so nobody sees the other recipients' addresses.
    """
    sent = 0
    for user in users:
        if not user.is_active or not user.email:
            continue
        with translation.override(language_of(user)):
            message_context = {**context, "recipient": user}
            subject = render_to_string(f"reports/email/{template}_subject.txt", message_context)
            # Queued for the task worker (core.tasks), like every e-mail of the site.
            send_mail.enqueue(
                subject=" ".join(subject.split()),
                body=render_to_string(f"reports/email/{template}.txt", message_context),
                html=render_to_string(f"reports/email/{template}.html", message_context),
                recipients=[user.email],
            )
        sent += 1
    return sent


def _figures_url(base_url: str, cluster: Cluster, year: int | None = None) -> str:
    """The portal's figures form of `cluster`, with `year` chosen."""
    url = urljoin(base_url, reverse("portal:figures", kwargs={"slug": cluster.slug}))
    return f"{url}?year={year}" if year else url


def round_opened(round: ReportingRound, *, clusters: Sequence[Cluster], base_url: str) -> int:
    """Ask every manager of `clusters` (managers prefetched) for the round's figures: one e-mail per
    manager, with a link to each of their clusters' forms. Returns the number of e-mails sent."""
    per_manager: dict[AbstractBaseUser, list[dict]] = defaultdict(list)
    for cluster in clusters:
        for manager in cluster.managers.all():
            per_manager[manager].append(
                {"cluster": cluster, "url": _figures_url(base_url, cluster, round.year)}
            )
    return sum(
        send(users=[manager], template="round_opened", context={"round": round, "clusters": links})
        for manager, links in per_manager.items()
    )


def round_reminder(
    round: ReportingRound, *, cluster: Cluster, status_label: str, days_after: int, base_url: str
) -> int:
    """Remind the managers of `cluster` (prefetched) that its figures for the round are missing."""
    context = {
        "round": round,
        "cluster": cluster,
        "status_label": status_label,
        "overdue": days_after > 0,
        "url": _figures_url(base_url, cluster, round.year),
    }
    return send(users=cluster.managers.all(), template="round_reminder", context=context)


def reviewers():
    """Active staff who may approve figures."""
    # Permissions are the model backend's whatever other backends (rate limits, single sign-on) run.
    users = get_user_model()._default_manager.with_perm(
        "clusters.change_yearlyfigures", backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_staff=True, is_active=True).select_related("language_preference")


def figures_submitted(figures: YearlyFigures, *, base_url: str) -> int:
    """Tell the staff who review figures that `figures` wait for them."""
    round = ReportingRound.objects.filter(year=figures.year).first()
    if round is not None:
        path = reverse("admin:reports_reportinground_dashboard", args=[round.pk])
    else:
        path = reverse("admin:clusters_yearlyfigures_change", args=[figures.pk])
    context = {"figures": figures, "round": round, "url": urljoin(base_url, path)}
    return send(users=reviewers(), template="figures_submitted", context=context)


def figures_reviewed(figures: Iterable[YearlyFigures], *, base_url: str) -> int:
    """Tell each submitter that their figures were approved, or returned with the reviewer's reason."""
    sent = 0
    for item in figures:
        if item.submitted_by is None:
            continue
        context = {"figures": item, "url": _figures_url(base_url, item.cluster)}
        sent += send(users=[item.submitted_by], template="figures_reviewed", context=context)
    return sent

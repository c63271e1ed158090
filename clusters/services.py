"""Write operations that span the cluster models: figures review, manager invitations, edit guards.

Each takes values, not forms, as keyword-only arguments, so the portal, the admin, a management
command or a test calls it the same way. Who may call them is the caller's business: these
functions check data, not permissions.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.tasks import send_mail
from imports.changes import assign_changes

from .importers import ImportFailed, ImportReport, Spreadsheet, import_members
from .models import Cluster, YearlyFigures

REPLACED_CHANGE_REASON = "replaced by a correction"


class EditConflict(Exception):
    """Someone else saved the same record after it was loaded for editing."""


class InvitationError(Exception):
    """The invitation cannot be sent; the message says why."""


# Edit guard ----------------------------------------------------------------------------------------


def version_of(instance: models.Model) -> str:
    """The version an edit form remembers: the row's last-saved time (ISO 8601, to the microsecond)."""
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def ensure_unchanged(instance: models.Model, loaded_version: str) -> None:
    """Lock the row and raise EditConflict if it was saved after `loaded_version` (or deleted).

    Call inside a transaction, before saving `instance`.
    """
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None or current.isoformat() != loaded_version:
        raise EditConflict


def save_unless_conflict(instance: models.Model, *, change_reason: str = "") -> None:
    """Save `instance` (with a history change reason); a constraint broken meanwhile is an EditConflict.

    The forms check the constraints first, so only a concurrent save can break them here.
    """
    if change_reason:
        instance._change_reason = change_reason
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise EditConflict from exc


# Yearly figures ------------------------------------------------------------------------------------


def figures_submit(
    *,
    cluster: Cluster,
    year: int,
    members: int,
    turnover_eur: int,
    export_eur: int,
    consultation_hours: int | None,
    user: AbstractBaseUser,
    figures: YearlyFigures | None = None,
    loaded_version: str = "",
    change_reason: str = "",
    indicators: Mapping[str, int | Decimal | None] | None = None,
) -> YearlyFigures:
    """Submit a cluster's figures for `year` for staff review and return the submitted row.

    `indicators` gives the optional indicators by field name (``YearlyFigures.EXTRA_INDICATORS``;
    None where unknown); any other name raises ValueError. Left out, they stay as they were.

    `figures` is the unapproved row being edited, or None for new figures or a correction of
    approved ones (a second row for the year; the approved one stays public until the correction is
    approved). Amounts are whole euros. When editing, `loaded_version` is ``version_of(figures)`` as
    the form loaded it: if the row changed since, EditConflict is raised and nothing is written.
    """
    values = {
        "members": members,
        "turnover_eur": turnover_eur,
        "export_eur": export_eur,
        "consultation_hours": consultation_hours,
        "status": YearlyFigures.Status.SUBMITTED,
        "source": YearlyFigures.Source.SUBMITTED,
        "submitted_by": user,
        "submitted_at": timezone.now(),
    }
    unknown = set(indicators or {}) - set(YearlyFigures.EXTRA_INDICATORS)
    if unknown:
        raise ValueError(f"Not an optional indicator of yearly figures: {', '.join(sorted(unknown))}")
    values.update(indicators or {})
    with transaction.atomic():
        if figures is None:
            figures = YearlyFigures(cluster=cluster, year=year)
        else:
            ensure_unchanged(figures, loaded_version)
        assign_changes(figures, values)
        save_unless_conflict(figures, change_reason=change_reason)
    return figures


def figures_approve(figures: Sequence[YearlyFigures], *, reviewer: AbstractBaseUser) -> int:
    """Approve submitted figures and return how many were approved.

    Figures that are not waiting for review are skipped. Approving a correction deletes the
    approved figures it replaces (history keeps them).
    """
    approved = 0
    for item in figures:
        with transaction.atomic():
            locked = YearlyFigures.objects.pending().select_for_update().filter(pk=item.pk).first()
            if locked is None:
                continue
            for replaced in YearlyFigures.objects.approved().filter(
                cluster_id=locked.cluster_id, year=locked.year
            ):
                replaced._change_reason = REPLACED_CHANGE_REASON
                replaced.delete()
            locked.status = YearlyFigures.Status.APPROVED
            locked.reviewed_by, locked.reviewed_at, locked.review_note = reviewer, timezone.now(), ""
            locked.save()
            approved += 1
    return approved


def figures_reject(figures: Sequence[YearlyFigures], *, reviewer: AbstractBaseUser, reason: str) -> int:
    """Reject submitted figures with a reason the manager sees; return how many were rejected."""
    rejected = 0
    for item in figures:
        with transaction.atomic():
            locked = YearlyFigures.objects.pending().select_for_update().filter(pk=item.pk).first()
            if locked is None:
                continue
            locked.status = YearlyFigures.Status.REJECTED
            locked.reviewed_by, locked.reviewed_at, locked.review_note = reviewer, timezone.now(), reason
            locked.save()
            rejected += 1
    return rejected


# Invitations ---------------------------------------------------------------------------------------


def manager_invite(
    *, email: str, clusters: Sequence[Cluster], base_url: str, language: str = settings.LANGUAGE_CODE
) -> AbstractBaseUser:
    """Make the owner of `email` a manager of `clusters` and e-mail them how to sign in.

    The username is the e-mail address (lower-cased). A new account has no usable password: the
    e-mail carries a one-time link to set one, made with Django's password-reset token, which stops
    working once the password is set. An existing account keeps its password and is told to log in.
    `base_url` is the site's address, e.g. ``https://lcn.lv/``; `language` the invitee's (a code of
    settings.LANGUAGES): the e-mail is written in it and its links open the portal in it. Raises
    InvitationError for an address
    that is not one, or for a deactivated account.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvitationError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from exc
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model._default_manager.filter(username__iexact=email).first()
        if user is None:
            user = user_model(username=email, email=email)
            user.set_unusable_password()
            user.save()
        elif not user.is_active:
            raise InvitationError(
                _("The account %(email)s is deactivated; reactivate it in the admin first.")
                % {"email": email}
            )
        user.managed_clusters.add(*clusters)
    with translation.override(language):
        _send_invitation(user, clusters, base_url)
    return user


def _send_invitation(user: AbstractBaseUser, clusters: Sequence[Cluster], base_url: str) -> None:
    context = {
        "user": user,
        "clusters": clusters,
        "login_url": urljoin(base_url, reverse("login")),
        "portal_url": urljoin(base_url, reverse("portal:index")),
        "set_password_url": None,
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    if not user.has_usable_password():
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context["set_password_url"] = urljoin(base_url, path)
    subject = "".join(render_to_string("registration/invitation_subject.txt", context).splitlines())
    body = render_to_string("registration/invitation_email.txt", context)
    # Queued for the task worker, so that a slow mail server never holds up the admin.
    send_mail.enqueue(subject=subject, body=body, recipients=[user.email])


# A manager's member list --------------------------------------------------------------------------


class ImportRefused(Exception):
    """A member list that cannot be imported; ``errors`` are messages naming row and column."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def cluster_members_import(
    *, cluster: Cluster, file_name: str, content: bytes, user: AbstractBaseUser, dry_run: bool
) -> ImportReport:
    """Import a member list into `cluster` for one of its managers: all rows or none.

    The file goes through ``clusters.importers.import_members`` with the cluster fixed, so every row
    becomes a current member of `cluster`. A manager may add companies and correct the details of the
    cluster's current members, but not change a company that belongs only to other clusters: a file
    that would do so is refused, naming the rows. Always dry-runs first; with ``dry_run=False`` the file
    is then imported for real. Raises ImportRefused; returns the importer's report.
    """
    spreadsheet = Spreadsheet(file_name, content)
    try:
        report = import_members(spreadsheet, cluster=cluster.slug, dry_run=True, user=user)
        _refuse_foreign_changes(report)
        if not dry_run:
            report = import_members(spreadsheet, cluster=cluster.slug, dry_run=False, user=user)
    except ImportFailed as exc:
        raise ImportRefused([str(error) for error in exc.errors]) from exc
    return report


def _refuse_foreign_changes(report: ImportReport) -> None:
    """A row that makes an existing company a new member may not change that company's details.

    The importer reports a new company's values without an old value and an existing company's with
    its old value (possibly empty): a new membership with an old value is a company that so far
    belongs to other clusters only.
    """
    rows = [
        row.row
        for row in report.rows
        if row.action == "created" and any(change.old is not None for change in row.changes)
    ]
    message = _(
        "Row %(row)d: this company is already in the directory and the row changes its details. Add it "
        "without changing them (leave those cells empty or as they are), or ask the network's staff to "
        "correct the company."
    )
    if rows:
        raise ImportRefused([message % {"row": row} for row in rows])


def invitation_state(user: AbstractBaseUser, *, now=None) -> str:
    """Where an invited manager stands: "pending" (link sent, password not yet set), "expired" (the
    link's PASSWORD_RESET_TIMEOUT has passed since the account was created) or "active"."""
    if user.has_usable_password() or user.last_login is not None:
        return "active"
    age = ((now or timezone.now()) - user.date_joined).total_seconds()
    return "expired" if age > settings.PASSWORD_RESET_TIMEOUT else "pending"

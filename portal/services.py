"""Write operations of the portal and of the staff review that follows it.

Every change a manager makes through the portal is saved with the history change reason
``PORTAL_CHANGE_REASON``, which is how the staff dashboard finds them. A manager's edit of an
existing row is refused (``EditConflict``) when the row changed after the form was loaded, so the
first of two concurrent edits is kept.
"""

from collections.abc import Sequence
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.forms import ModelForm
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from core.tasks import send_mail

PORTAL_CHANGE_REASON = "portal"
REPLACED_CHANGE_REASON = "replaced by a correction"


class EditConflict(Exception):
    """Someone else saved the same record after this form was loaded."""


class InvitationError(Exception):
    """The invitation cannot be sent; the message says why."""


def version_of(instance: models.Model) -> str:
    """The version a form remembers: the row's last-saved time, exact to the microsecond."""
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def _ensure_unchanged(instance: models.Model, loaded_version: str) -> None:
    """Lock the row and raise EditConflict if it was saved after `loaded_version` (or deleted)."""
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None or current.isoformat() != loaded_version:
        raise EditConflict


def _save_for_portal(instance: models.Model) -> None:
    instance._change_reason = PORTAL_CHANGE_REASON
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        # The form checked the constraints; only a concurrent save can break them now.
        raise EditConflict from exc


def portal_form_save(form: ModelForm, **changes) -> models.Model:
    """Save a manager's ModelForm (plus `changes` the form does not carry) as a portal change.

    The form must offer ``cleaned_data["version"]`` (see ``portal.forms.VersionedModelForm``); an
    existing row is saved only if it still has that version, otherwise EditConflict is raised and
    nothing is written.
    """
    instance = form.save(commit=False)
    for name, value in changes.items():
        setattr(instance, name, value)
    with transaction.atomic():
        if instance.pk is not None:
            _ensure_unchanged(instance, form.cleaned_data["version"])
        _save_for_portal(instance)
        form.save_m2m()
    return instance


def figures_submit(form: ModelForm, *, user: AbstractBaseUser) -> YearlyFigures:
    """Submit yearly figures for review: new ones, an edit of unapproved ones, or a correction."""
    return portal_form_save(
        form, status=YearlyFigures.Status.SUBMITTED, submitted_by=user, submitted_at=timezone.now()
    )


def contact_save(form: ModelForm) -> Contact:
    """Save a cluster contact person; the consent date is the day consent was given."""
    is_public = form.cleaned_data["is_public"]
    if not is_public:
        consent_date = None
    elif "is_public" in form.changed_data or form.instance.consent_date is None:
        consent_date = timezone.localdate()
    else:
        consent_date = form.instance.consent_date
    return portal_form_save(form, consent_date=consent_date)


def contact_delete(contact: Contact) -> None:
    contact._change_reason = PORTAL_CHANGE_REASON
    contact.delete()


def membership_end(form: ModelForm) -> Membership:
    """End a current membership on the date the form gives."""
    return portal_form_save(form)


def _unique_company_slug(name: str) -> str:
    base = slugify(name)[:240] or "company"
    taken = set(Company.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def membership_add(form: ModelForm, *, company_form: ModelForm | None = None) -> Membership:
    """Add a membership; with `company_form`, create the company first, in the same transaction."""
    with transaction.atomic():
        if company_form is not None:
            company = company_form.save(commit=False)
            company.slug = _unique_company_slug(company.name)
            _save_for_portal(company)
            form.instance.company = company
        return portal_form_save(form)


# Staff review --------------------------------------------------------------------------------------


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


def manager_invite(*, email: str, clusters: Sequence[Cluster], base_url: str) -> AbstractBaseUser:
    """Make the owner of `email` a manager of `clusters` and e-mail them how to sign in.

    The username is the e-mail address (lower-cased). A new account has no usable password: the
    e-mail carries a one-time link to set one, made with Django's password-reset token, which stops
    working once the password is set. An existing account keeps its password and is told to log in.
    `base_url` is the site's address, e.g. ``https://lcn.lv/``.
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

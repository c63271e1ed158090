"""Saving the portal's forms: a manager's edits, recorded as portal changes.

Every change a manager makes through the portal is saved with the history change reason
``PORTAL_CHANGE_REASON``, which is how the staff dashboard finds them. A manager's edit of an
existing row is refused (``clusters.services.EditConflict``) when the row changed after the form was
loaded, so the first of two concurrent edits is kept. The write rules themselves live in
``clusters.services`` and on the models; these functions only take the values out of the forms.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.forms import ModelForm

from clusters import contacts
from clusters import services as cluster_services
from clusters.models import Company, Contact, Membership, YearlyFigures
from clusters.slugs import unique_slug
from imports.changes import assign_changes

PORTAL_CHANGE_REASON = "portal"


def portal_form_save(form: ModelForm, **changes) -> models.Model:
    """Save a manager's ModelForm (plus `changes` the form does not carry) as a portal change.

    The form must offer ``cleaned_data["version"]`` (see ``portal.forms.VersionedModelForm``); an
    existing row is saved only if it still has that version, otherwise EditConflict is raised and
    nothing is written.
    """
    instance = form.save(commit=False)
    assign_changes(instance, changes)
    with transaction.atomic():
        if instance.pk is not None:
            cluster_services.ensure_unchanged(instance, form.cleaned_data["version"])
        cluster_services.save_unless_conflict(instance, change_reason=PORTAL_CHANGE_REASON)
        form.save_m2m()
    return instance


def figures_submit(form: ModelForm, *, user: AbstractBaseUser) -> YearlyFigures:
    """Submit the figures form: new figures, an edit of unapproved ones, or a correction."""
    instance, data = form.instance, form.cleaned_data
    return cluster_services.figures_submit(
        cluster=instance.cluster,
        year=data.get("year", instance.year),
        members=data["members"],
        turnover_eur=data["turnover_eur"],
        export_eur=data["export_eur"],
        consultation_hours=data["consultation_hours"],
        user=user,
        figures=instance if instance.pk is not None else None,
        loaded_version=data["version"],
        change_reason=PORTAL_CHANGE_REASON,
        indicators={name: data.get(name) for name in YearlyFigures.EXTRA_INDICATORS if name in data},
    )


def contact_save(form: ModelForm, *, user: AbstractBaseUser) -> Contact:
    """Save the contact person form of the cluster set on its instance, with the person's consent."""
    contact, data = form.instance, form.cleaned_data
    saved = contacts.contact_save_for_cluster(
        cluster=contact.cluster,
        contact=contact if contact.pk else None,
        details=form.person_details(),
        position=data["position"],
        role=data["role"],
        is_primary=data["is_primary"],
        public=data["is_public"],
        consent_given_on=data["consent_given_on"],
        user=user,
        loaded_version=data["version"],
        change_reason=PORTAL_CHANGE_REASON,
    )
    form.instance = saved
    return saved


def contact_delete(contact: Contact, *, user: AbstractBaseUser) -> bool:
    """Remove the contact person from the cluster; True when their details were erased with it."""
    return contacts.contact_remove_from_cluster(
        contact=contact, user=user, change_reason=PORTAL_CHANGE_REASON
    )


def membership_end(form: ModelForm) -> Membership:
    """End a current membership on the date the form gives."""
    return portal_form_save(form)


def membership_add(form: ModelForm, *, company_form: ModelForm | None = None) -> Membership:
    """Add a membership; with `company_form`, create the company first, in the same transaction."""
    with transaction.atomic():
        if company_form is not None:
            company = company_form.save(commit=False)
            company.slug = unique_slug(Company, company.name, fallback="company")
            cluster_services.save_unless_conflict(company, change_reason=PORTAL_CHANGE_REASON)
            form.instance.company = company
        return portal_form_save(form)

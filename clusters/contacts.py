"""Writing contact persons: a person's details and their role at a cluster, as a cluster's portal does it.

The rule that keeps the portal from being an oracle: a manager sees and edits only their own cluster's
contact persons and the people their cluster's portal created. An e-mail address already known
elsewhere in the network is never matched, refused or revealed: the portal then keeps its own person
record for the address (``Person.portal_cluster``) and links nothing to the other one. Staff link a
person to several organisations in the admin or by import.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import ConsentRecord, Person
from people.services import consent_give, consent_withdraw, person_erase

from .models import Cluster, Contact
from .services import ensure_unchanged, save_unless_conflict


@dataclass(frozen=True)
class PersonDetails:
    first_name: str
    last_name: str
    email: str
    phone: object  # a PhoneNumber or ""


def email_taken_in_cluster(*, cluster: Cluster, email: str, contact: Contact | None = None) -> bool:
    """Another contact person of this cluster has the address (the only duplicate a manager is told of)."""
    if not email:
        return False
    roles = cluster.contacts.filter(person__email__iexact=email)
    if contact is not None:
        roles = roles.exclude(pk=contact.pk)
    return roles.exists()


def _person_for(*, cluster: Cluster, contact: Contact | None, details: PersonDetails) -> Person:
    """The person record the portal writes `details` to, never one the cluster may not see."""
    email = details.email.strip()
    if contact is not None:
        person = contact.person
        same_email = person.email.lower() == email.lower()
        if person.portal_cluster_id == cluster.pk or same_email or not _network_email_taken(email, person):
            return person
        # The new address belongs to someone the cluster does not know: keep the portal's own record.
    if email:
        own = Person.objects.filter(portal_cluster=cluster, email__iexact=email).first()
        if own is not None:
            return own
    return Person(portal_cluster=cluster)


def _network_email_taken(email: str, person: Person) -> bool:
    others = Person.objects.filter(portal_cluster__isnull=True, email__iexact=email).exclude(pk=person.pk)
    return bool(email) and others.exists()


def contact_save_for_cluster(
    *,
    cluster: Cluster,
    contact: Contact | None,
    details: PersonDetails,
    position: str,
    role: str,
    is_primary: bool,
    public: bool,
    consent_given_on: datetime.date | None,
    user: AbstractBaseUser,
    loaded_version: str = "",
    change_reason: str = "",
) -> Contact:
    """Add (`contact` None) or edit a contact person of the cluster, with their public consent.

    Ticking `public` records a consent (method: portal, source: the cluster's portal, given on
    `consent_given_on`, recorded by `user`) unless one is current; unticking withdraws it. Raises
    ``clusters.services.EditConflict`` when the contact changed after `loaded_version`.
    """
    with transaction.atomic():
        if contact is not None:
            ensure_unchanged(contact, loaded_version)
        person = _person_for(cluster=cluster, contact=contact, details=details)
        person.first_name, person.last_name = details.first_name, details.last_name
        person.email, person.phone = details.email.strip().lower(), details.phone
        save_unless_conflict(person, change_reason=change_reason)
        contact = contact or Contact(cluster=cluster, organisation=Contact.Organisation.CLUSTER)
        contact.person, contact.position, contact.role, contact.is_primary = (
            person,
            position,
            role,
            is_primary,
        )
        save_unless_conflict(contact, change_reason=change_reason)
        if public:
            source = _("Cluster portal of %(cluster)s") % {"cluster": cluster.name}
            consent_give(
                person=person,
                method=ConsentRecord.Method.PORTAL,
                source=source,
                given_on=consent_given_on,
                recorded_by=user,
            )
        else:
            consent_withdraw(person=person, withdrawn_by=user)
    return contact


def contact_remove_from_cluster(*, contact: Contact, user: AbstractBaseUser, change_reason: str = "") -> bool:
    """Remove the role; a person the cluster's portal created and who holds no other role is erased.

    Returns True when the person's details were erased.
    """
    with transaction.atomic():
        person = contact.person
        contact._change_reason = change_reason
        contact.delete()
        if person.portal_cluster_id != contact.cluster_id or person.roles.exists():
            return False
        person_erase([person], done_by=user, done_by_name=user.get_username())
    return True

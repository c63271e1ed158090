"""Mailing lists: the contact persons of chosen clusters who may be written to, with the lawful basis.

Left out: people who objected to mailings, people without an e-mail address, erased people. The
lawful basis is a current consent to mailings where there is one, else the network's legitimate
interest in writing to the contact persons of its clusters.
"""

from collections.abc import Iterable, Sequence

import tablib
from django.utils.translation import gettext as _

from people.models import ConsentRecord

from .models import Cluster, Contact
from .resources import formula_safe

HEADERS = ("first_name", "last_name", "email", "organisations", "lawful_basis")


def mailing_list_rows(*, clusters: Iterable[Cluster], roles: Sequence[str]) -> list[list[str]]:
    """One row per person (first name, last name, e-mail, organisations with roles, lawful basis), by name."""
    contacts = (
        Contact.objects.filter(cluster__in=list(clusters), role__in=roles)
        .filter(person__erased_at__isnull=True, person__objected_to_mailings_on__isnull=True)
        .exclude(person__email="")
        .select_related("person", "cluster")
        .order_by("person__last_name", "person__first_name", "person_id", "cluster__name")
    )
    consents = {
        consent.person_id: consent
        for consent in ConsentRecord.objects.for_mailings().filter(person__in=contacts.values("person"))
    }
    people: dict[int, list] = {}
    for contact in contacts:
        person = contact.person
        row = people.setdefault(person.pk, [person.first_name, person.last_name, person.email, [], ""])
        row[3].append(f"{contact.cluster.name} ({contact.get_role_display()})")
        row[4] = _lawful_basis(consents.get(person.pk))
    return [[*row[:3], "; ".join(row[3]), row[4]] for row in people.values()]


def _lawful_basis(consent: ConsentRecord | None) -> str:
    if consent is None:
        return _("Legitimate interest: contact person of a cluster in the network")
    given_on = consent.given_on.isoformat() if consent.given_on else _("date unknown")
    return _("Consent (%(method)s, %(date)s)") % {"method": consent.get_method_display(), "date": given_on}


def mailing_list_file(rows: list[list[str]], file_format: str) -> bytes:
    """The rows as a CSV (UTF-8) or XLSX file, every cell formula-safe."""
    dataset = tablib.Dataset(headers=HEADERS)
    for row in rows:
        dataset.append([formula_safe(cell, keep_numbers=False) for cell in row])
    exported = dataset.export(file_format)
    return exported.encode("utf-8") if isinstance(exported, str) else exported
